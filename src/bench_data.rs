//! `luoshi gen`: fills an empty database with benchmark data — a city, or a province of
//! fifteen cities — for the load benchmark and for trying Luoshi at scale.

use luoshi_demo::bench_data::{self, Size};
use luoshi_server::auth::password;
use luoshi_store::{Store, migrate};

use crate::{
    Common,
    commands::{Res, init_logs, layers, redact},
};

/// `luoshi gen --size city|province [--seed N]`.
pub async fn run(common: Common, size: Size, seed: u64) -> Res {
    let config = layers(&common, None, &[])?;
    init_logs(&config);
    let store = Store::connect(&config.database, config.db_max_connections)
        .await
        .map_err(|e| crate::commands::cannot_open(&config.database, e))?;
    migrate::run(&store).await.map_err(|e| e.to_string())?;
    luoshi_server::audit_key::prepare(&store, &config).await?;
    {
        let mut c = store.conn().await.map_err(|e| e.to_string())?;
        if !luoshi_store::region::regions(&mut c)
            .await
            .map_err(|e| e.to_string())?
            .is_empty()
        {
            return Err(format!(
                "the database {} already holds data; benchmark data needs an empty one (give a new file with --database)",
                redact(&config.database)
            ));
        }
    }
    let hash = tokio::task::spawn_blocking(|| password::hash_password(luoshi_demo::DEMO_PASSWORD))
        .await
        .map_err(|e| e.to_string())??;
    let today = config.today.unwrap_or_else(bench_data::default_today);
    let started = std::time::Instant::now();
    let s = bench_data::generate(&store, &hash, size.shape(), seed, today)
        .await
        .map_err(|e| e.to_string())?;
    let secs = started.elapsed().as_secs_f64();
    // Today's lights, stored, so the first request reads them instead of judging every plan.
    let judged = std::time::Instant::now();
    let regions = {
        let mut c = store.conn().await.map_err(|e| e.to_string())?;
        luoshi_store::region::regions(&mut c).await.map_err(|e| e.to_string())?
    };
    let mut plans = 0;
    let mut projects = 0;
    let mut indicators = 0;
    for r in regions {
        plans += luoshi_lights::refresh_stale(&store, r.id, today)
            .await
            .map_err(|e| e.to_string())?;
        projects += luoshi_lights::refresh_stale_projects(&store, r.id, today)
            .await
            .map_err(|e| e.to_string())?;
        indicators += luoshi_lights::refresh_stale_indicators(&store, r.id, today)
            .await
            .map_err(|e| e.to_string())?;
    }
    luoshi_store::bulk::analyze(&store).await.map_err(|e| e.to_string())?;
    let judged = judged.elapsed().as_secs_f64();
    store.close().await;
    println!(
        "generated {} cities, {} units, {} users, {} plans, {} tasks, {} reports, {} light-history rows, {} key projects with {} monthly reports, {} indicators with {} figures in {secs:.1} s",
        s.cities,
        s.units,
        s.users,
        s.plans,
        s.tasks,
        s.reports,
        s.snapshots,
        s.projects,
        s.project_reports,
        s.indicators,
        s.indicator_figures
    );
    println!(
        "judged and stored the lights of {plans} plans, the warnings of {projects} projects and the lights of {indicators} indicators in {judged:.1} s"
    );
    println!("database: {}", redact(&config.database));
    println!(
        "serve it:  luoshi serve --database {} --today {today}",
        redact(&config.database)
    );
    for (role, user) in &s.logins {
        println!("  {role:<16} {user:<12} {}", luoshi_demo::DEMO_PASSWORD);
    }
    Ok(())
}
