//! The job queue: rows claimed with an atomic `UPDATE … RETURNING` and a lease that expires,
//! so a crashed instance's jobs are picked up by another and no job runs twice at once.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::{
    conn::{Conn, Tx},
    error::Result,
};

/// A job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Job {
    /// Its id.
    pub id: i64,
    /// The region it concerns, if any.
    pub region_id: Option<i64>,
    /// What to do, e.g. `session.purge`.
    pub kind: String,
    /// Arguments, as JSON.
    pub payload: String,
    /// A key that makes enqueueing idempotent.
    pub dedupe_key: Option<String>,
    /// `queued`, `running`, `done` or `failed`.
    pub status: String,
    /// Not before.
    pub run_at: DateTime<Utc>,
    /// Tries so far.
    pub attempts: i64,
    /// Tries allowed.
    pub max_attempts: i64,
    /// The worker holding it.
    pub locked_by: Option<String>,
    /// When the worker's claim lapses.
    pub lease_until: Option<DateTime<Utc>>,
    /// The last failure.
    pub last_error: Option<String>,
}

macro_rules! job_columns {
    () => {
        "id, region_id, kind, payload, dedupe_key, status, run_at, attempts, max_attempts,
         locked_by, lease_until, last_error"
    };
}

/// Queues a job; with a `dedupe_key` already queued or done, does nothing and returns `None`.
pub async fn enqueue(
    tx: &mut Tx,
    region: Option<i64>,
    kind: &str,
    payload: &str,
    dedupe_key: Option<&str>,
    run_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Option<i64>> {
    let row: Option<(i64,)> = fetch_optional!(
        tx,
        (i64,),
        "INSERT INTO job (region_id, kind, payload, dedupe_key, run_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
        region,
        kind,
        payload,
        dedupe_key,
        run_at,
        now
    )?;
    Ok(row.map(|(id,)| id))
}

/// Claims the next job that is due, or whose worker's lease lapsed, for `worker` until
/// `now + lease`. The condition is repeated in the outer `WHERE` so that, on PostgreSQL, a
/// second claimant re-checks the row after the first commits and comes away empty.
pub async fn claim(conn: &mut Conn, worker: &str, now: DateTime<Utc>, lease: Duration) -> Result<Option<Job>> {
    let until = now + lease;
    Ok(fetch_optional!(
        conn,
        Job,
        concat!(
            "UPDATE job SET status = 'running', locked_by = $1, lease_until = $2, attempts = attempts + 1
             WHERE id = (SELECT id FROM job
                         WHERE (status = 'queued' AND run_at <= $3) OR (status = 'running' AND lease_until < $3)
                         ORDER BY run_at, id LIMIT 1)
               AND ((status = 'queued' AND run_at <= $3) OR (status = 'running' AND lease_until < $3))
             RETURNING ",
            job_columns!()
        ),
        worker,
        until,
        now
    )?)
}

/// Marks a job done, if `worker` still holds it.
pub async fn complete(conn: &mut Conn, id: i64, worker: &str, now: DateTime<Utc>) -> Result<bool> {
    Ok(execute!(
        conn,
        "UPDATE job SET status = 'done', finished_at = $3, locked_by = NULL, lease_until = NULL
         WHERE id = $1 AND locked_by = $2 AND status = 'running'",
        id,
        worker,
        now
    )? > 0)
}

/// Records a failure: queued again at `retry_at`, or `failed` once the tries are used up.
pub async fn fail(
    conn: &mut Conn,
    id: i64,
    worker: &str,
    error: &str,
    retry_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool> {
    Ok(execute!(
        conn,
        "UPDATE job SET status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
            run_at = $4, last_error = $3, locked_by = NULL, lease_until = NULL,
            finished_at = CASE WHEN attempts >= max_attempts THEN $5 ELSE NULL END
         WHERE id = $1 AND locked_by = $2 AND status = 'running'",
        id,
        worker,
        error,
        retry_at,
        now
    )? > 0)
}

/// One job.
pub async fn job(conn: &mut Conn, id: i64) -> Result<Option<Job>> {
    Ok(fetch_optional!(
        conn,
        Job,
        concat!("SELECT ", job_columns!(), " FROM job WHERE id = $1"),
        id
    )?)
}

/// Jobs by status, for `/metrics`.
pub async fn counts(conn: &mut Conn) -> Result<Vec<(String, i64)>> {
    Ok(fetch_all!(
        conn,
        (String, i64),
        "SELECT status, COUNT(*) FROM job GROUP BY status ORDER BY status"
    )?)
}

/// Sets how many times a queued job is tried before it fails.
pub async fn set_max_attempts(tx: &mut Tx, id: i64, attempts: i64) -> Result<()> {
    execute!(tx, "UPDATE job SET max_attempts = $2 WHERE id = $1", id, attempts)?;
    Ok(())
}
