//! API and page tests: each test gets a fresh copy of the demo city (built once per test run and
//! backend), on SQLite always and on PostgreSQL when `LUOSHI_TEST_POSTGRES_URL` is set, and a
//! server on a random port.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod access;
mod accountability;
mod assessment;
mod audit;
mod auth;
mod bench_data;
mod bulletins;
mod core_loop;
mod delivery;
mod directory;
mod dispatch;
mod escalation;
mod extraction;
mod feed;
mod generated;
mod health;
mod helpers;
mod home_tiles;
mod hostile;
mod indicators;
mod instructions;
mod ledger_import;
mod lights_basis;
mod likelihood;
mod order_docs;
mod pages;
mod project_reports;
mod projects;
mod public_projects;
mod reads;
mod reviews;
mod stored;
mod supervision;
mod tables;
mod under_load;
mod uploads;
