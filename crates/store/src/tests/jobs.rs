use chrono::Duration;

use super::*;
use crate::job::{claim, complete, enqueue, fail, job};

#[tokio::test]
async fn a_dedupe_key_enqueues_once() {
    for store in stores().await {
        let mut tx = store.begin().await.unwrap();
        let a = enqueue(
            &mut tx,
            None,
            "session.purge",
            "{}",
            Some("purge:2020-06-30"),
            now(),
            now(),
        )
        .await
        .unwrap();
        let b = enqueue(
            &mut tx,
            None,
            "session.purge",
            "{}",
            Some("purge:2020-06-30"),
            now(),
            now(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert!(a.is_some());
        assert_eq!(b, None);
    }
}

#[tokio::test]
async fn a_claimed_job_is_not_claimed_again_until_its_lease_lapses() {
    for store in stores().await {
        let mut tx = store.begin().await.unwrap();
        let id = enqueue(&mut tx, None, "k", "{}", None, now(), now())
            .await
            .unwrap()
            .unwrap();
        tx.commit().await.unwrap();
        let mut c = store.conn().await.unwrap();
        let lease = Duration::seconds(60);
        let j = claim(&mut c, "a", now(), lease).await.unwrap().unwrap();
        assert_eq!((j.id, j.attempts), (id, 1));
        assert!(claim(&mut c, "b", now(), lease).await.unwrap().is_none());
        // Worker a crashes; after the lease, b takes over and a can no longer finish it.
        let later = now() + Duration::seconds(61);
        let j = claim(&mut c, "b", later, lease).await.unwrap().unwrap();
        assert_eq!(j.attempts, 2);
        assert!(!complete(&mut c, id, "a", later).await.unwrap());
        assert!(complete(&mut c, id, "b", later).await.unwrap());
        assert_eq!(job(&mut c, id).await.unwrap().unwrap().status, "done");
        assert!(claim(&mut c, "c", later + lease * 2, lease).await.unwrap().is_none());
    }
}

#[tokio::test]
async fn a_job_not_yet_due_is_not_claimed() {
    for store in stores().await {
        let mut tx = store.begin().await.unwrap();
        enqueue(&mut tx, None, "k", "{}", None, now() + Duration::hours(1), now())
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let mut c = store.conn().await.unwrap();
        assert!(
            claim(&mut c, "a", now(), Duration::seconds(60))
                .await
                .unwrap()
                .is_none()
        );
    }
}

#[tokio::test]
async fn a_failing_job_is_retried_then_marked_failed() {
    for store in stores().await {
        let mut tx = store.begin().await.unwrap();
        let id = enqueue(&mut tx, None, "k", "{}", None, now(), now())
            .await
            .unwrap()
            .unwrap();
        tx.commit().await.unwrap();
        let mut c = store.conn().await.unwrap();
        let mut t = now();
        for attempt in 1..=5 {
            let j = claim(&mut c, "w", t, Duration::seconds(60)).await.unwrap().unwrap();
            assert_eq!(j.attempts, attempt);
            assert!(fail(&mut c, id, "w", "connection refused", t, t).await.unwrap());
            t += Duration::seconds(1);
        }
        let j = job(&mut c, id).await.unwrap().unwrap();
        assert_eq!(j.status, "failed");
        assert_eq!(j.last_error.as_deref(), Some("connection refused"));
    }
}
