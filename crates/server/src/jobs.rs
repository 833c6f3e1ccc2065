//! The background worker: takes due jobs from the job table (see `luoshi_store::job`) and runs
//! them; schedules the periodic ones. Every job can also be run once from the CLI
//! (`luoshi jobs`).

use chrono::{Duration, Timelike};
use luoshi_store::job::{self, Job};
use tokio::sync::watch;

use crate::AppState;

/// How long a claimed job stays ours before another instance may take it over.
const LEASE: Duration = Duration::seconds(300);

/// Queues the periodic jobs for the current hour (idempotent: one per hour by dedupe key).
pub async fn schedule(state: &AppState) -> luoshi_store::Result<()> {
    let now = state.clock.now();
    let hour = now.with_minute(0).and_then(|t| t.with_second(0)).unwrap_or(now);
    let mut tx = state.store.begin().await?;
    let today = state.clock.today();
    for r in luoshi_store::region::regions(&mut tx).await? {
        let payload = serde_json::json!({ "region": r.id }).to_string();
        // Expired sessions: once an hour per region.
        let key = format!("session.purge:{}:{}", r.id, hour.format("%Y-%m-%dT%H"));
        job::enqueue(&mut tx, Some(r.id), "session.purge", &payload, Some(&key), now, now).await?;
        // Light history: once a day per region.
        let key = format!("lights.record:{}:{today}", r.id);
        job::enqueue(&mut tx, Some(r.id), "lights.record", &payload, Some(&key), now, now).await?;
        // The escalation ladder: once a day per region, after the lights are recorded.
        let key = format!("escalation.scan:{}:{today}", r.id);
        job::enqueue(&mut tx, Some(r.id), "escalation.scan", &payload, Some(&key), now, now).await?;
        // The whole audit chain checked: once a day per region.
        let key = format!("audit.verify:{}:{today}", r.id);
        job::enqueue(&mut tx, Some(r.id), "audit.verify", &payload, Some(&key), now, now).await?;
    }
    // A checkpoint of every chain's head in the anchor file: once an hour.
    let key = format!("audit.anchor:{}", hour.format("%Y-%m-%dT%H"));
    job::enqueue(&mut tx, None, "audit.anchor", "{}", Some(&key), now, now).await?;
    tx.commit().await
}

async fn run_job(state: &AppState, j: &Job) -> Result<String, String> {
    match j.kind.as_str() {
        "session.purge" => {
            let now = state.clock.now();
            let mut tx = state.store.begin().await.map_err(|e| e.to_string())?;
            // A job queued before the keys by region named no region: it purges each in turn.
            let regions = match j.region_id {
                Some(r) => vec![r],
                None => luoshi_store::region::regions(&mut tx)
                    .await
                    .map_err(|e| e.to_string())?
                    .into_iter()
                    .map(|r| r.id)
                    .collect(),
            };
            let mut n = 0;
            for region in regions {
                n += luoshi_store::session::purge_sessions(&mut tx, region, now)
                    .await
                    .map_err(|e| e.to_string())?;
            }
            tx.commit().await.map_err(|e| e.to_string())?;
            Ok(format!("{n} expired sessions removed"))
        }
        "lights.record" => {
            let region = j.region_id.ok_or("lights.record needs a region")?;
            let today = state.clock.today();
            // A new day moves every time progress: judge the plans whole, then record them.
            let plans = luoshi_lights::refresh_stale(&state.store, region, today)
                .await
                .map_err(|e| e.to_string())?;
            let n = luoshi_lights::record_region(&state.store, region, today, None)
                .await
                .map_err(|e| e.to_string())?;
            // Projects too: a planned month passes, a report falls due (kept by month).
            let projects = luoshi_lights::refresh_stale_projects(&state.store, region, today)
                .await
                .map_err(|e| e.to_string())?;
            // Indicators: a figure falls due on the 15th.
            let indicators = luoshi_lights::refresh_stale_indicators(&state.store, region, today)
                .await
                .map_err(|e| e.to_string())?;
            luoshi_store::state::optimize(&state.store)
                .await
                .map_err(|e| e.to_string())?;
            Ok(format!(
                "{plans} plans judged, {n} lights recorded, {projects} project warnings judged, {indicators} indicator lights judged"
            ))
        }
        "notify.deliver" => {
            let region = j.region_id.ok_or("notify.deliver needs a region")?;
            let payload: serde_json::Value = serde_json::from_str(&j.payload).map_err(|e| e.to_string())?;
            let id = payload["delivery"].as_i64().ok_or("notify.deliver needs a delivery")?;
            // `attempts` counts this try: the last one marks the delivery failed.
            crate::ops::deliver::send(state, region, id, j.attempts >= j.max_attempts).await
        }
        "escalation.scan" => {
            let region = j.region_id.ok_or("escalation.scan needs a region")?;
            let s = crate::ops::escalation::scan(
                &state.store,
                region,
                state.clock.today(),
                state.clock.now(),
                &state.config,
            )
            .await
            .map_err(|e| e.to_string())?;
            Ok(format!("{} rungs fired, {} notifications", s.fired, s.notified))
        }
        "audit.verify" => {
            let region = j.region_id.ok_or("audit.verify needs a region")?;
            let v = crate::audit_key::verify_and_record(&state.store, &state.config, region, state.clock.now()).await?;
            Ok(match v.broken {
                None => format!("{} audit lines intact", v.lines),
                Some((seq, why)) => format!("audit chain BROKEN at line {seq}: {}", why.english()),
            })
        }
        "audit.anchor" => {
            let mut c = state.store.conn().await.map_err(|e| e.to_string())?;
            let heads = crate::audit_key::heads(&mut c, state.clock.now())
                .await
                .map_err(|e| e.to_string())?;
            crate::audit_key::append_anchors(&crate::audit_key::anchor_path(&state.config), &heads)?;
            Ok(format!("{} chain heads anchored", heads.len()))
        }
        other => Err(format!("unknown job kind {other:?}")),
    }
}

/// Runs one job of `kind` for `region` at once, outside the queue (the CLI and tests).
pub async fn run_now(state: &AppState, kind: &str, region: Option<i64>) -> Result<String, String> {
    let now = state.clock.now();
    let j = Job {
        id: 0,
        region_id: region,
        kind: kind.to_string(),
        payload: "{}".into(),
        dedupe_key: None,
        status: "running".into(),
        run_at: now,
        attempts: 1,
        max_attempts: 1,
        locked_by: None,
        lease_until: None,
        last_error: None,
    };
    run_job(state, &j).await
}

/// Runs every job that is due now; returns how many ran.
pub async fn run_pending(state: &AppState, worker: &str) -> luoshi_store::Result<usize> {
    run_until(state, worker, &watch::channel(false).1).await
}

/// Runs the jobs that are due now until none is left or `stop` turns true (a job already
/// claimed runs to its end; the others stay queued for the next worker); returns how many ran.
pub async fn run_until(state: &AppState, worker: &str, stop: &watch::Receiver<bool>) -> luoshi_store::Result<usize> {
    let mut ran = 0;
    while !*stop.borrow() {
        let now = state.clock.now();
        let claimed = {
            let mut c = state.store.conn().await?;
            job::claim(&mut c, worker, now, LEASE).await?
        };
        let Some(j) = claimed else { break };
        let outcome = run_job(state, &j).await;
        let now = state.clock.now();
        let mut c = state.store.conn().await?;
        match outcome {
            Ok(msg) => {
                job::complete(&mut c, j.id, worker, now).await?;
                tracing::info!(job = j.id, kind = %j.kind, %msg, "job done");
            }
            Err(e) => {
                // Exponential backoff: 1, 2, 4, 8… minutes.
                let retry = now + Duration::minutes(1 << j.attempts.clamp(0, 10));
                job::fail(&mut c, j.id, worker, &e, retry, now).await?;
                tracing::warn!(job = j.id, kind = %j.kind, error = %e, "job failed");
            }
        }
        ran += 1;
    }
    Ok(ran)
}

/// Schedules and runs jobs every 30 seconds until `stop` turns true.
pub async fn run_worker(state: AppState, mut stop: watch::Receiver<bool>) {
    let worker = format!("{}-{}", std::process::id(), crate::ctx::random_hex(4));
    loop {
        if let Err(e) = schedule(&state).await {
            tracing::warn!(error = %e, "scheduling jobs failed");
        }
        if let Err(e) = run_until(&state, &worker, &stop).await {
            tracing::warn!(error = %e, "running jobs failed");
        }
        tokio::select! {
            _ = tokio::time::sleep(std::time::Duration::from_secs(30)) => {},
            _ = stop.changed() => break,
        }
    }
}
