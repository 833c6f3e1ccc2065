use super::*;
use crate::audit::{AuditEntry, append, lines, verify};

async fn write_three(store: &crate::Store) -> i64 {
    let (mut tx, region) = city(store).await;
    for i in 0..3 {
        let e = AuditEntry {
            actor_id: Some(1),
            actor: "督查室",
            action: "report.accept",
            entity: "report",
            entity_id: Some(i),
            before: Some(r#"{"status":"submitted"}"#.into()),
            after: Some(r#"{"status":"accepted"}"#.into()),
        };
        append(&mut tx, region, &e, now()).await.unwrap();
    }
    tx.commit().await.unwrap();
    region
}

#[tokio::test]
async fn an_untouched_chain_verifies() {
    for store in stores().await {
        let region = write_three(&store).await;
        let mut c = store.conn().await.unwrap();
        let v = verify(&mut c, region).await.unwrap();
        assert_eq!(v.lines, 3);
        assert_eq!(v.broken, None, "{:?}", store.backend());
        let newest = lines(&mut c, region, 10, 0).await.unwrap();
        assert_eq!(newest[0].seq, 3);
        assert_eq!(newest[2].prev_hash, crate::audit::GENESIS);
    }
}

#[tokio::test]
async fn an_edited_line_breaks_the_chain_at_that_line() {
    for store in stores().await {
        let region = write_three(&store).await;
        let mut c = store.conn().await.unwrap();
        execute!(c, "UPDATE audit_log SET actor = '某人' WHERE seq = 2").unwrap();
        let v = verify(&mut c, region).await.unwrap();
        assert_eq!(v.broken.map(|b| b.0), Some(2));
    }
}

#[tokio::test]
async fn a_removed_last_line_is_found_by_the_chain_head() {
    for store in stores().await {
        let region = write_three(&store).await;
        let mut c = store.conn().await.unwrap();
        execute!(c, "DELETE FROM audit_log WHERE seq = 3").unwrap();
        let v = verify(&mut c, region).await.unwrap();
        assert!(v.broken.is_some());
        execute!(c, "DELETE FROM audit_log WHERE seq = 2").unwrap();
        let v = verify(&mut c, region).await.unwrap();
        assert!(v.broken.is_some());
    }
}

#[tokio::test]
async fn a_rolled_back_write_leaves_no_audit_line() {
    for store in stores().await {
        let region = write_three(&store).await;
        let mut tx = store.begin().await.unwrap();
        append(
            &mut tx,
            region,
            &AuditEntry {
                actor: "x",
                action: "y",
                entity: "z",
                ..Default::default()
            },
            now(),
        )
        .await
        .unwrap();
        drop(tx);
        let mut c = store.conn().await.unwrap();
        let v = verify(&mut c, region).await.unwrap();
        assert_eq!((v.lines, v.broken), (3, None));
    }
}
