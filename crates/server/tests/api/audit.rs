//! The audit trail as the auditor keeps it: who did what to which record, never the business
//! text; the chain checked on demand, not on every view; and a rewrite that keeps the chain
//! whole found by the checkpoints kept outside the database.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

#[tokio::test]
async fn the_auditor_sees_who_did_what_to_which_record_and_no_business_text() {
    for app in spawn_apps().await {
        let auditor = app.token("auditor").await;
        let (s, page) = app.api_get(&auditor, "/api/v1/audit").await;
        assert_eq!(s, StatusCode::OK);
        let lines = page["lines"].as_array().unwrap();
        assert!(!lines.is_empty());
        for l in lines {
            for k in ["seq", "at", "actor", "action_name", "entity_name"] {
                assert!(!l[k].is_null(), "{k}: {l}");
            }
            assert!(l.get("before_json").is_none() && l.get("after_json").is_none(), "{l}");
        }
        // The demo's reports say what was done (完成, 进展); none of it reaches the auditor.
        let body = page.to_string();
        assert!(
            !body.contains("percent") && !body.contains("problems"),
            "{}",
            app.backend
        );
        let c = app.login_page("auditor").await;
        let (_, html) = app.page(&c, "/home").await;
        assert!(!html.contains("&quot;percent&quot;") && !html.contains("\"percent\""));
    }
}

#[tokio::test]
async fn a_tail_cut_with_its_chain_head_is_found_by_the_checkpoint_kept_outside() {
    for app in spawn_apps().await {
        let auditor = app.token("auditor").await;
        let (s, v) = app.api_post(&auditor, "/api/v1/audit/verify", json!({})).await;
        assert_eq!((s, v["broken_seq"].clone()), (StatusCode::OK, Value::Null), "{v}");
        let lines = v["lines"].as_i64().unwrap();
        // The hourly checkpoint.
        let state = state_on(&app, today());
        luoshi_server::jobs::run_now(&state, "audit.anchor", None)
            .await
            .unwrap();
        // Someone with the database cuts the last line and moves the chain head back: the chain
        // alone still looks whole.
        let mut c = app.store.conn().await.unwrap();
        let region = app.account("auditor").await.region_id;
        let prev: (String,) = sqlx_like(&mut c, region, lines).await;
        luoshi_store::testing::tamper(
            &mut c,
            &format!("DELETE FROM audit_log WHERE region_id = {region} AND seq = {lines}"),
        )
        .await
        .unwrap();
        luoshi_store::testing::tamper(
            &mut c,
            &format!(
                "UPDATE audit_chain SET seq = {}, last_hash = '{}' WHERE region_id = {region}",
                lines - 1,
                prev.0
            ),
        )
        .await
        .unwrap();
        let (_, v) = app.api_post(&auditor, "/api/v1/audit/verify", json!({})).await;
        assert_eq!(v["broken_seq"].as_i64(), Some(lines), "{}: {v}", app.backend);
        assert!(v["broken"].as_str().unwrap().contains("校验点"), "{v}");
        // The page shows the recorded outcome without checking again.
        let (_, page) = app.api_get(&auditor, "/api/v1/audit").await;
        assert!(page["broken"].as_str().is_some(), "{page}");
    }
}

/// The hash of the line before `seq`.
async fn sqlx_like(c: &mut luoshi_store::Conn, region: i64, seq: i64) -> (String,) {
    (luoshi_store::audit::hash_at(c, region, seq - 1).await.unwrap().unwrap(),)
}
