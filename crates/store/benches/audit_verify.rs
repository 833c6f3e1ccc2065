//! How long checking a long audit chain takes: a million keyed lines (the size of several years
//! of a city's log) written to a fresh SQLite file, then the whole chain verified three times.
//! `cargo bench -p luoshi-store --bench audit_verify`; `LUOSHI_BENCH_LINES` changes the size.
#![allow(clippy::unwrap_used)]

use std::time::Instant;

use chrono::{TimeZone, Utc};
use luoshi_store::{
    Store,
    audit::{AuditEntry, AuditKey, append, verify},
    migrate,
    region::insert_region,
};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let n: i64 = std::env::var("LUOSHI_BENCH_LINES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let dir = std::env::temp_dir().join(format!("luoshi-audit-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = dir.join("audit.db").display().to_string();
    let store = Store::connect(&url, 2).await.unwrap();
    migrate::run(&store).await.unwrap();
    store.set_audit_key(AuditKey([42; 32]));
    let now = Utc.with_ymd_and_hms(2020, 6, 30, 9, 0, 0).unwrap();
    let mut tx = store.begin().await.unwrap();
    let region = insert_region(&mut tx, None, "city", "140500", "晋城市", now)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let after = r#"{"status":"accepted","percent":60,"note":"已完成年度计划的百分之六十，项目按节点推进"}"#.to_string();
    let started = Instant::now();
    let mut written = 0;
    while written < n {
        let mut tx = store.begin().await.unwrap();
        for i in 0..10_000.min(n - written) {
            let e = AuditEntry {
                actor_id: Some(1 + (i % 97)),
                actor: "fgw",
                action: "report.submitted",
                entity: "report",
                entity_id: Some(written + i),
                before: None,
                after: Some(after.clone()),
            };
            append(&mut tx, region, &e, now).await.unwrap();
        }
        tx.commit().await.unwrap();
        written += 10_000.min(n - written);
    }
    println!("wrote {n} keyed lines in {:.1} s", started.elapsed().as_secs_f64());
    let key = AuditKey([42; 32]);
    for run in 1..=3 {
        let mut c = store.conn().await.unwrap();
        let t = Instant::now();
        let v = verify(&mut c, region, Some(&key)).await.unwrap();
        assert_eq!((v.lines, v.broken), (n, None));
        println!(
            "verify run {run}: {n} lines in {:.2} s ({:.0} lines/s)",
            t.elapsed().as_secs_f64(),
            n as f64 / t.elapsed().as_secs_f64()
        );
    }
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
