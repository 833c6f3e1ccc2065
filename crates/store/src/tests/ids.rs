//! Ids: unique across regions, never given twice, counters only forward.

use super::*;
use crate::{Backend, bulk, ids};

#[tokio::test]
async fn ids_are_never_given_twice_not_even_after_a_bulk_load_or_a_reset() {
    for store in stores().await {
        let (mut tx, _) = city(&store).await;
        let first = ids::next(&mut tx, "plan").await.unwrap();
        let second = ids::next(&mut tx, "plan").await.unwrap();
        assert!(second > first, "{:?}", store.backend());
        // A bulk load starts past every id the counter gave, drawn ahead or not.
        let free = bulk::next_id(&mut tx, "plan").await.unwrap();
        let ahead = match store.backend() {
            Backend::Postgres => ids::AHEAD,
            Backend::Sqlite => 2,
        };
        assert!(
            free > first + ahead - 1,
            "{:?}: bulk starts at {free}, ids drawn from {first}",
            store.backend()
        );
        // Moving the counters past a load never moves them back.
        ids::reset(&mut tx, &["plan"]).await.unwrap();
        let third = ids::next(&mut tx, "plan").await.unwrap();
        assert!(third > second, "{:?}", store.backend());
        tx.commit().await.unwrap();
        let mut tx = store.begin().await.unwrap();
        ids::reset(&mut tx, &["plan"]).await.unwrap();
        let after = bulk::next_id(&mut tx, "plan").await.unwrap();
        assert!(after > third, "{:?}: {after} after {third}", store.backend());
    }
}
