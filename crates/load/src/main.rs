//! The deadline-day load driver. It logs real users in, then replays the mix of the worst
//! hour for `--seconds` with `--connections` concurrent clients: ≈80% unit users (inbox, a
//! task's page, submitting the report due today, now and then its key project's monthly report),
//! ≈18% leaders and the office (home, a plan's tree, a unit's page, the lagging list, the key
//! projects' ledger, a project's page), ≈4% the public site. It prints requests/s, p50, p95
//! and p99 latency per kind and overall, errors (5xx or no answer), refusals (4xx), and the
//! server's resident memory when `--pid` is given. `--ceiling` instead hammers `/ping`.
//!
//! Data: `luoshi gen --size city` (users `duchashi`, `leader1…8`, `u001…u094`; `--prefix c01_
//! --region 980100` for a province's first city), served with `--today 2020-12-25`.

use std::{
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

mod mix;

use clap::Parser;
use mix::{CEILING, KINDS, Rng, choose};
use serde_json::{Value, json};
use tokio::sync::Mutex;

/// Replay the deadline-day mix against a running luoshi.
#[derive(Debug, Parser, Clone)]
struct Args {
    /// The server; several, comma-separated, share the requests at random (instances of one
    /// deployment on one database).
    #[arg(long, default_value = "http://127.0.0.1:8080", value_delimiter = ',')]
    base: Vec<String>,
    /// How long to run, after logging in.
    #[arg(long, default_value_t = 30)]
    seconds: u64,
    /// Concurrent clients.
    #[arg(long, default_value_t = 32)]
    connections: usize,
    /// User-name prefix of the city (`c01_` in a province).
    #[arg(long, default_value = "")]
    prefix: String,
    /// The city's region code, sent with each login (`980100` for a province's first city;
    /// needed when the database has accounts in more than one region).
    #[arg(long)]
    region: Option<String>,
    /// Unit users to log in (u001…).
    #[arg(long, default_value_t = 94)]
    units: usize,
    /// The server's process id, to report its resident memory.
    #[arg(long)]
    pid: Option<u32>,
    /// Measure the ceiling: a constant answer (`/ping`) instead of the mix.
    #[arg(long)]
    ceiling: bool,
    /// Send only one kind of request of the mix (0 inbox … 7 public page, 8 project ledger,
    /// 9 project page, 10 project report), to profile it alone.
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..11))]
    only: Option<u8>,
    /// Password of the generated users.
    #[arg(long, default_value = "Luoshi@2020")]
    password: String,
}

/// A logged-in user.
#[derive(Debug, Clone)]
struct User {
    token: String,
    unit: Option<i64>,
    /// Tasks this unit may open.
    tasks: Vec<i64>,
}

/// A report to submit: the unit user, the task, the period, and the version of a returned
/// report or draft (which the save must name, as a browser's form does).
type Due = (usize, i64, String, Option<i64>);

/// What the clients share: users, reports still to submit, plans and results.
struct Shared {
    units: Vec<User>,
    office: Vec<User>,
    due: Mutex<Vec<Due>>,
    plans: Vec<i64>,
    lead_units: Vec<i64>,
    /// Key projects, and the monthly reports still to send: the unit user and the project.
    projects: Vec<i64>,
    project_due: Mutex<Vec<(usize, i64)>>,
    errors: AtomicUsize,
    refused: AtomicUsize,
}

type Res<T> = Result<T, String>;

async fn login(c: &reqwest::Client, a: &Args, name: &str) -> Res<(String, Value)> {
    let r = c
        .post(format!("{}/api/v1/session", a.base[0]))
        .json(&json!({ "username": name, "password": a.password, "region": a.region }))
        .send()
        .await
        .map_err(|e| format!("log in {name}: {e}"))?;
    if !r.status().is_success() {
        return Err(format!("log in {name}: HTTP {}", r.status()));
    }
    let v: Value = r.json().await.map_err(|e| e.to_string())?;
    let token = v["token"].as_str().unwrap_or_default().to_string();
    let me: Value = c
        .get(format!("{}/api/v1/me", a.base[0]))
        .bearer_auth(&token)
        .send()
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())?;
    Ok((token, me))
}

async fn get_json(c: &reqwest::Client, url: String, token: &str) -> Res<Value> {
    c.get(url)
        .bearer_auth(token)
        .send()
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())
}

async fn setup(c: &reqwest::Client, a: &Args) -> Res<Shared> {
    let mut units = Vec::new();
    let mut due = Vec::new();
    for i in 1..=a.units {
        let (token, me) = login(c, a, &format!("{}u{i:03}", a.prefix)).await?;
        let unit = me["unit_id"].as_i64();
        let inbox = get_json(c, format!("{}/api/v1/inbox", a.base[0]), &token).await?;
        let mut tasks = Vec::new();
        for item in inbox["items"].as_array().into_iter().flatten() {
            let task = item["task_id"].as_i64().unwrap_or_default();
            tasks.push(task);
            if item["state"] != "submitted" && item["state"] != "accepted" {
                due.push((
                    units.len(),
                    task,
                    item["period"].as_str().unwrap_or_default().to_string(),
                    item["version"].as_i64(),
                ));
            }
        }
        tasks.sort_unstable();
        tasks.dedup();
        units.push(User { token, unit, tasks });
    }
    let mut office = Vec::new();
    let mut names = vec![format!("{}duchashi", a.prefix)];
    names.extend((1..=8).map(|i| format!("{}leader{i}", a.prefix)));
    for n in names {
        let (token, _) = login(c, a, &n).await?;
        office.push(User {
            token,
            unit: None,
            tasks: vec![],
        });
    }
    let plans: Vec<i64> = get_json(c, format!("{}/api/v1/plans", a.base[0]), &office[0].token)
        .await?
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["id"].as_i64())
        .collect();
    let lead_units = units.iter().filter_map(|u| u.unit).collect();
    // The key projects; each unit's under way owe this month's report.
    let ledger = get_json(c, format!("{}/api/v1/projects", a.base[0]), &office[0].token).await?;
    let mut projects = Vec::new();
    let mut project_due = Vec::new();
    for r in ledger["rows"].as_array().into_iter().flatten() {
        let id = r["id"].as_i64().unwrap_or_default();
        projects.push(id);
        let under_way = r["stage"] == "building" || r["stage"] == "new_start";
        if let Some(ui) = units
            .iter()
            .position(|u| u.unit.is_some() && u.unit == r["unit_id"].as_i64())
            && under_way
        {
            project_due.push((ui, id));
        }
    }
    println!(
        "logged in {} unit users and {} leaders/office; {} plans; {} reports due to submit; {} key projects, {} monthly reports to send",
        units.len(),
        office.len(),
        plans.len(),
        due.len(),
        projects.len(),
        project_due.len()
    );
    Ok(Shared {
        units,
        office,
        due: Mutex::new(due),
        plans,
        lead_units,
        projects,
        project_due: Mutex::new(project_due),
        errors: AtomicUsize::new(0),
        refused: AtomicUsize::new(0),
    })
}

/// One request of kind `k`; returns the status (0 for no answer).
async fn one(c: &reqwest::Client, a: &Args, s: &Shared, rng: &mut Rng, k: usize) -> u16 {
    let b = &a.base[rng.below(a.base.len())];
    let pick = |rng: &mut Rng, v: &[i64]| v.get(rng.below(v.len())).copied().unwrap_or(1);
    let req = match k {
        0 => {
            let u = &s.units[rng.below(s.units.len())];
            c.get(format!("{b}/inbox")).bearer_auth(&u.token)
        }
        1 => {
            let u = &s.units[rng.below(s.units.len())];
            if u.tasks.is_empty() {
                // A unit owing nothing has no task in its inbox to open: it reads the inbox.
                c.get(format!("{b}/inbox")).bearer_auth(&u.token)
            } else {
                c.get(format!("{b}/tasks/{}", pick(rng, &u.tasks)))
                    .bearer_auth(&u.token)
            }
        }
        2 => {
            let next = s.due.lock().await.pop();
            let Some((ui, task, period, version)) = next else {
                // Everything due is in: the unit reads its inbox again.
                let u = &s.units[rng.below(s.units.len())];
                return send(c.get(format!("{b}/api/v1/inbox")).bearer_auth(&u.token)).await;
            };
            let u = &s.units[ui];
            c.put(format!("{b}/api/v1/tasks/{task}/reports/{period}"))
                .bearer_auth(&u.token)
                .json(&json!({ "action": "submit", "progress": 95, "version": version,
                    "content": "12月按计划推进，已完成年度目标任务的95%，剩余工作月底前完成。" }))
        }
        3 => {
            let u = &s.office[rng.below(s.office.len())];
            c.get(format!("{b}/home")).bearer_auth(&u.token)
        }
        4 => {
            let u = &s.office[rng.below(s.office.len())];
            c.get(format!("{b}/plans/{}", pick(rng, &s.plans)))
                .bearer_auth(&u.token)
        }
        5 => {
            let u = &s.office[rng.below(s.office.len())];
            c.get(format!("{b}/units/{}", pick(rng, &s.lead_units)))
                .bearer_auth(&u.token)
        }
        6 => {
            let u = &s.office[rng.below(s.office.len())];
            c.get(format!("{b}/lists/lagging")).bearer_auth(&u.token)
        }
        7 => c.get(format!("{b}/public/plans/{}", pick(rng, &s.plans))),
        8 => {
            let u = &s.office[rng.below(s.office.len())];
            c.get(format!("{b}/projects")).bearer_auth(&u.token)
        }
        9 => {
            let u = &s.office[rng.below(s.office.len())];
            c.get(format!("{b}/projects/{}", pick(rng, &s.projects)))
                .bearer_auth(&u.token)
        }
        10 => {
            let next = s.project_due.lock().await.pop();
            let Some((ui, project)) = next else {
                // Every project's month is in: the office reads a project's page.
                let u = &s.office[rng.below(s.office.len())];
                return send(
                    c.get(format!("{b}/projects/{}", pick(rng, &s.projects)))
                        .bearer_auth(&u.token),
                )
                .await;
            };
            let u = &s.units[ui];
            c.post(format!("{b}/api/v1/projects/{project}/reports"))
                .bearer_auth(&u.token)
                .json(
                    &json!({ "month": "2020-12", "invested": "800", "progress": "主体工程完工，进入设备安装阶段",
                    "next_steps": "1月完成设备调试" }),
                )
        }
        _ => c.get(format!("{b}/ping")),
    };
    send(req).await
}

async fn send(r: reqwest::RequestBuilder) -> u16 {
    match r.send().await {
        Ok(resp) => {
            let status = resp.status().as_u16();
            // Read the whole body, as a browser would.
            let _ = resp.bytes().await;
            status
        }
        Err(_) => 0,
    }
}

fn rss_mb(pid: u32) -> Option<f64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb: f64 = s
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

fn pct(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    f64::from(sorted[i.min(sorted.len() - 1)]) / 1000.0
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let a = Args::parse();
    match run(a).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("luoshi-load: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(a: Args) -> Res<()> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let c = reqwest::Client::builder()
        .pool_max_idle_per_host(a.connections)
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| e.to_string())?;
    let shared = Arc::new(if a.ceiling {
        Shared {
            units: vec![],
            office: vec![],
            due: Mutex::new(vec![]),
            plans: vec![],
            lead_units: vec![],
            projects: vec![],
            project_due: Mutex::new(vec![]),
            errors: AtomicUsize::new(0),
            refused: AtomicUsize::new(0),
        }
    } else {
        setup(&c, &a).await?
    });
    let rss_before = a.pid.and_then(rss_mb);
    let end = Instant::now() + Duration::from_secs(a.seconds);
    let started = Instant::now();
    let mut handles = Vec::new();
    for i in 0..a.connections {
        let (c, a, s) = (c.clone(), a.clone(), shared.clone());
        handles.push(tokio::spawn(async move {
            let mut rng = Rng(0x5EED + i as u64 * 7919);
            let mut lat: Vec<Vec<u32>> = vec![Vec::new(); KINDS.len()];
            while Instant::now() < end {
                let k = match (a.ceiling, a.only) {
                    (true, _) => CEILING,
                    (false, Some(k)) => usize::from(k),
                    (false, None) => choose(&mut rng),
                };
                let t = Instant::now();
                let status = one(&c, &a, &s, &mut rng, k).await;
                let us = t.elapsed().as_micros().min(u128::from(u32::MAX)) as u32;
                if status == 0 || status >= 500 {
                    s.errors.fetch_add(1, Ordering::Relaxed);
                } else if status >= 400 {
                    s.refused.fetch_add(1, Ordering::Relaxed);
                }
                if let Some(v) = lat.get_mut(k) {
                    v.push(us);
                }
            }
            lat
        }));
    }
    let mut peak = rss_before.unwrap_or(0.0);
    while Instant::now() < end {
        tokio::time::sleep(Duration::from_millis(500)).await;
        if let Some(r) = a.pid.and_then(rss_mb) {
            peak = peak.max(r);
        }
    }
    let mut by_kind: Vec<Vec<u32>> = vec![Vec::new(); KINDS.len()];
    for h in handles {
        let lat = h.await.map_err(|e| e.to_string())?;
        for (k, v) in lat.into_iter().enumerate() {
            if let Some(all) = by_kind.get_mut(k) {
                all.extend(v);
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let mut all: Vec<u32> = by_kind.iter().flatten().copied().collect();
    all.sort_unstable();
    println!(
        "{:<22} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "kind", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms"
    );
    for (k, v) in by_kind.iter_mut().enumerate() {
        if v.is_empty() {
            continue;
        }
        v.sort_unstable();
        println!(
            "{:<22} {:>9} {:>9.0} {:>9.1} {:>9.1} {:>9.1}",
            KINDS.get(k).copied().unwrap_or("?"),
            v.len(),
            v.len() as f64 / secs,
            pct(v, 0.5),
            pct(v, 0.95),
            pct(v, 0.99)
        );
    }
    println!(
        "{:<22} {:>9} {:>9.0} {:>9.1} {:>9.1} {:>9.1}",
        "all",
        all.len(),
        all.len() as f64 / secs,
        pct(&all, 0.5),
        pct(&all, 0.95),
        pct(&all, 0.99)
    );
    println!(
        "errors (5xx or no answer): {}; refused (4xx): {}; {} connections, {:.1} s",
        shared.errors.load(Ordering::Relaxed),
        shared.refused.load(Ordering::Relaxed),
        a.connections,
        secs
    );
    if let Some(after) = a.pid.and_then(rss_mb) {
        println!(
            "server RSS: {:.0} MB before, {:.0} MB peak, {:.0} MB after",
            rss_before.unwrap_or(0.0),
            peak,
            after
        );
    }
    Ok(())
}
