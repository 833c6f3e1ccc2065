//! Storage tests, run on SQLite always and on PostgreSQL when `LUOSHI_TEST_POSTGRES_URL` is set.

mod assessment;
mod audit_chain;
mod ids;
mod jobs;
mod login_guard;
mod project;
mod records;
mod schema;
mod upgrade;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use crate::{Store, Tx, region::insert_region};

pub(crate) fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2020, 6, 30, 9, 0, 0).unwrap()
}

pub(crate) fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, m, d).unwrap()
}

pub(crate) async fn stores() -> Vec<Store> {
    crate::testing::stores().await.expect("test databases")
}

/// A city region in a fresh transaction.
pub(crate) async fn city(store: &Store) -> (Tx, i64) {
    let mut tx = store.begin().await.unwrap();
    let id = insert_region(&mut tx, None, "city", "140500", "晋城市", now())
        .await
        .unwrap();
    (tx, id)
}
