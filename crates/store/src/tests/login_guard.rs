use chrono::Duration;

use super::*;
use crate::login_guard::{ALL_SOURCES, Counted, Limit, count, forgive, locks, unlock};

fn limit(at: DateTime<Utc>) -> Limit {
    Limit {
        max: 3,
        until: at + Duration::minutes(15),
        since: at - Duration::minutes(15),
    }
}

#[tokio::test]
async fn a_count_locks_at_its_limit_starts_again_when_the_lock_runs_out_and_forgives_a_success() {
    for store in stores().await {
        let (mut tx, region) = city(&store).await;
        let t0 = now();
        for n in 1..=2 {
            assert_eq!(
                count(&mut tx, region, "gxj", "10.0.0.1", t0, limit(t0)).await.unwrap(),
                Counted::Attempt { n, lock: None }
            );
        }
        let third = count(&mut tx, region, "gxj", "10.0.0.1", t0, limit(t0)).await.unwrap();
        assert_eq!(
            third,
            Counted::Attempt {
                n: 3,
                lock: Some(t0 + Duration::minutes(15))
            }
        );
        // Locked: not counted, the lock's end told.
        let t1 = t0 + Duration::minutes(5);
        assert_eq!(
            count(&mut tx, region, "gxj", "10.0.0.1", t1, limit(t1)).await.unwrap(),
            Counted::Locked(t0 + Duration::minutes(15))
        );
        // Another address and another name are counts of their own.
        assert_eq!(
            count(&mut tx, region, "gxj", "10.0.0.2", t1, limit(t1)).await.unwrap(),
            Counted::Attempt { n: 1, lock: None }
        );
        assert_eq!(
            count(&mut tx, region, "nosuch", ALL_SOURCES, t1, limit(t1))
                .await
                .unwrap(),
            Counted::Attempt { n: 1, lock: None }
        );
        assert_eq!(locks(&mut tx, region, t1).await.unwrap().len(), 1);
        // The lock runs out: the count starts again at one.
        let t2 = t0 + Duration::minutes(16);
        assert_eq!(
            count(&mut tx, region, "gxj", "10.0.0.1", t2, limit(t2)).await.unwrap(),
            Counted::Attempt { n: 1, lock: None }
        );
        // A success forgives what was counted up to it, not what came beside it.
        count(&mut tx, region, "gxj", "10.0.0.1", t2, limit(t2)).await.unwrap();
        forgive(&mut tx, region, "gxj", "10.0.0.1", 1).await.unwrap();
        assert_eq!(
            count(&mut tx, region, "gxj", "10.0.0.1", t2, limit(t2)).await.unwrap(),
            Counted::Attempt { n: 2, lock: None }
        );
        // Failures older than the window are forgotten.
        let t3 = t2 + Duration::minutes(40);
        assert_eq!(
            count(&mut tx, region, "gxj", "10.0.0.1", t3, limit(t3)).await.unwrap(),
            Counted::Attempt { n: 1, lock: None }
        );
        assert!(unlock(&mut tx, region, "gxj").await.unwrap());
        assert!(!unlock(&mut tx, region, "gxj").await.unwrap());
        drop(tx);
    }
}
