//! All of Luoshi's SQL: one implementation of each query for SQLite and PostgreSQL,
//! migrations, transactions, optimistic concurrency, the audit log and the job queue.
//!
//! Reads take a [`Conn`]; writes take a [`Tx`], so a multi-statement write cannot run outside
//! a transaction. Every business query takes the region (tenant key).

#[macro_use]
mod exec;

pub mod accountability;
pub mod assessment;
pub mod assessment_records;
pub mod audit;
pub mod backup;
pub mod bulk;
pub mod bulletin;
pub mod calendar;
pub mod code;
pub mod conn;
pub mod delivery;
pub mod dispatch;
pub mod error;
pub mod escalation;
pub mod event;
pub mod evidence;
pub mod extraction;
pub mod ids;
pub mod import;
pub mod indicator;
pub mod indicator_actual;
pub mod indicator_state;
pub mod instruction;
pub mod job;
pub mod keys;
pub mod leader;
pub mod likelihood;
pub mod login_guard;
pub mod migrate;
pub mod notification;
pub mod password_history;
pub mod plan;
pub mod project;
pub mod project_issue;
pub mod project_lookup;
pub mod project_report;
pub mod project_state;
pub mod region;
pub mod reply_file;
pub mod report;
pub mod report_facts;
pub mod report_period;
pub mod request;
pub mod sequence;
pub mod session;
pub mod snapshot;
pub mod state;
pub mod supervision;
pub mod task;
pub mod task_force;
pub mod task_parts;
pub mod testing;
pub mod totp;
pub mod unit;
pub mod user;

#[cfg(test)]
mod tests;

pub use conn::{Backend, Conn, Store, Tx};
pub use error::{Result, StoreError};

/// A region id: the tenant key every business row carries.
pub type RegionId = i64;
