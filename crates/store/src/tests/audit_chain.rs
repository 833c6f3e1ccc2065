use super::*;
use crate::audit::{AuditEntry, AuditKey, Break, append, hash_of, lines, rekey, verify};

const KEY: AuditKey = AuditKey([7; 32]);

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

/// A store that keys its chain, with three lines written.
async fn keyed_three(store: &crate::Store) -> i64 {
    store.set_audit_key(KEY);
    write_three(store).await
}

async fn broken(store: &crate::Store, region: i64) -> Option<(i64, Break)> {
    let mut c = store.conn().await.unwrap();
    verify(&mut c, region, Some(&KEY)).await.unwrap().broken
}

#[tokio::test]
async fn an_untouched_keyed_chain_verifies_with_its_key_only() {
    for store in stores().await {
        let region = keyed_three(&store).await;
        let mut c = store.conn().await.unwrap();
        let v = verify(&mut c, region, Some(&KEY)).await.unwrap();
        assert_eq!((v.lines, v.broken), (3, None), "{:?}", store.backend());
        let newest = lines(&mut c, region, 10, 0).await.unwrap();
        assert_eq!(newest[0].seq, 3);
        assert_eq!(newest[2].prev_hash, crate::audit::GENESIS);
        let other = AuditKey([8; 32]);
        assert_eq!(
            verify(&mut c, region, Some(&other)).await.unwrap().broken,
            Some((1, Break::Hash))
        );
        assert!(
            verify(&mut c, region, None).await.is_err(),
            "a keyed chain needs its key"
        );
    }
}

#[tokio::test]
async fn an_edited_line_is_found() {
    for store in stores().await {
        let region = keyed_three(&store).await;
        let mut c = store.conn().await.unwrap();
        execute!(c, "UPDATE audit_log SET actor = '某人' WHERE seq = 2").unwrap();
        assert_eq!(broken(&store, region).await, Some((2, Break::Hash)));
    }
}

#[tokio::test]
async fn a_deleted_line_is_found_in_the_middle_and_at_the_end() {
    for store in stores().await {
        let region = keyed_three(&store).await;
        let mut c = store.conn().await.unwrap();
        execute!(c, "DELETE FROM audit_log WHERE region_id = $1 AND seq = 2", region).unwrap();
        assert_eq!(broken(&store, region).await, Some((3, Break::Missing)));
        execute!(c, "DELETE FROM audit_log WHERE region_id = $1 AND seq = 3", region).unwrap();
        assert_eq!(broken(&store, region).await, Some((3, Break::Tail)));
    }
}

#[tokio::test]
async fn an_inserted_line_is_found() {
    for store in stores().await {
        let region = keyed_three(&store).await;
        let mut c = store.conn().await.unwrap();
        // A forged fourth line, linked to the third, its hash made without the key, and the
        // chain head moved to it.
        let mut l = lines(&mut c, region, 1, 0).await.unwrap().remove(0);
        l.prev_hash = l.hash.clone();
        l.seq = 4;
        l.actor = "伪造".into();
        let h = hash_of(None, &l);
        execute!(
            c,
            "INSERT INTO audit_log (region_id, id, seq, at, actor_id, actor, action, entity, entity_id,
                before_json, after_json, prev_hash, hash)
             VALUES ($1, 999999, 4, $2, NULL, $3, 'x', 'y', NULL, NULL, NULL, $4, $5)",
            region,
            l.at,
            &l.actor,
            &l.prev_hash,
            &h
        )
        .unwrap();
        execute!(
            c,
            "UPDATE audit_chain SET seq = 4, last_hash = $2 WHERE region_id = $1",
            region,
            &h
        )
        .unwrap();
        assert_eq!(broken(&store, region).await, Some((4, Break::Hash)));
    }
}

#[tokio::test]
async fn a_chain_re_hashed_without_the_key_is_found_and_so_is_one_made_plain() {
    for store in stores().await {
        let region = keyed_three(&store).await;
        let mut c = store.conn().await.unwrap();
        // Someone with the database but not the key edits line 2 and makes every later hash again.
        let mut all = lines(&mut c, region, 10, 0).await.unwrap();
        all.reverse();
        let mut prev = all[0].hash.clone();
        for l in all.iter_mut().skip(1) {
            if l.seq == 2 {
                l.actor = "某人".into();
            }
            l.prev_hash = prev.clone();
            l.hash = hash_of(None, l);
            execute!(
                c,
                "UPDATE audit_log SET actor = $3, prev_hash = $4, hash = $5 WHERE region_id = $1 AND seq = $2",
                region,
                l.seq,
                &l.actor,
                &l.prev_hash,
                &l.hash
            )
            .unwrap();
            prev = l.hash.clone();
        }
        execute!(
            c,
            "UPDATE audit_chain SET last_hash = $2 WHERE region_id = $1",
            region,
            &prev
        )
        .unwrap();
        assert_eq!(broken(&store, region).await, Some((2, Break::Hash)));
        // Marking the chain plain as well: a plain chain where chains are keyed is itself a break.
        all[0].hash = hash_of(None, &all[0]);
        let mut prev = crate::audit::GENESIS.to_string();
        for l in all.iter_mut() {
            l.prev_hash = prev.clone();
            l.hash = hash_of(None, l);
            execute!(
                c,
                "UPDATE audit_log SET prev_hash = $3, hash = $4 WHERE region_id = $1 AND seq = $2",
                region,
                l.seq,
                &l.prev_hash,
                &l.hash
            )
            .unwrap();
            prev = l.hash.clone();
        }
        execute!(
            c,
            "UPDATE audit_chain SET keyed = FALSE, last_hash = $2 WHERE region_id = $1",
            region,
            &prev
        )
        .unwrap();
        assert_eq!(broken(&store, region).await, Some((1, Break::Unkeyed)));
    }
}

#[tokio::test]
async fn a_plain_chain_is_keyed_once_and_then_verifies_with_the_key() {
    for store in stores().await {
        let region = write_three(&store).await;
        let mut tx = store.begin().await.unwrap();
        let r = rekey(&mut tx, region, &KEY).await.unwrap();
        assert!(matches!(r, crate::audit::Rekeyed::Keyed { lines: 3, .. }), "{r:?}");
        assert_eq!(
            rekey(&mut tx, region, &KEY).await.unwrap(),
            crate::audit::Rekeyed::Already
        );
        tx.commit().await.unwrap();
        assert_eq!(broken(&store, region).await, None);
    }
}

#[tokio::test]
async fn a_rolled_back_write_leaves_no_audit_line() {
    for store in stores().await {
        let region = keyed_three(&store).await;
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
        let v = verify(&mut c, region, Some(&KEY)).await.unwrap();
        assert_eq!((v.lines, v.broken), (3, None));
    }
}
