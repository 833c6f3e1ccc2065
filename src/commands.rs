//! What each subcommand does, by calling the crates.

use std::path::Path;

use chrono::Utc;
use luoshi_server::{AppState, Config, Layers, LogFormat, auth::password, jobs};
use luoshi_store::{
    Store,
    audit::{self, AuditEntry},
    migrate, region, user,
};

use crate::{Common, Listen};

pub(crate) type Res = Result<(), String>;

pub(crate) fn layers(common: &Common, listen: Option<&Listen>, defaults: &[(&str, String)]) -> Result<Config, String> {
    let mut l = Layers::defaults();
    for (k, v) in defaults {
        l = l.default_value(k, v, "luoshi demo").map_err(|e| e.to_string())?;
    }
    l = match &common.config {
        Some(p) => l.file(p, true),
        None => l.file(Path::new("luoshi.toml"), false),
    }
    .map_err(|e| e.to_string())?;
    l = l.env(std::env::vars()).map_err(|e| e.to_string())?;
    let mut flags: Vec<(&str, String)> = Vec::new();
    let mut flag = |k: &'static str, v: &Option<String>| {
        if let Some(v) = v {
            flags.push((k, v.clone()));
        }
    };
    flag("database", &common.database);
    flag("today", &common.today);
    flag("log_format", &common.log_format);
    if let Some(listen) = listen {
        flag("host", &listen.host);
        flag("port", &listen.port);
        flag("base_url", &listen.base_url);
    }
    l.flags(flags)
        .map_err(|e| e.to_string())?
        .build()
        .map_err(|e| e.to_string())
}

pub(crate) fn init_logs(config: &Config) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(format!("{},sqlx=warn", config.log_level)));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match config.log_format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

/// Why the database named by the `database` setting could not be opened, naming the setting.
pub(crate) fn cannot_open(database: &str, e: impl std::fmt::Display) -> String {
    format!(
        "cannot open the database {} (the `database` setting: --database, LUOSHI_DATABASE or luoshi.toml): {e}",
        redact(database)
    )
}

pub(crate) async fn open(config: &Config) -> Result<Store, String> {
    let store = Store::connect_with(&config.database, config.db_max_connections, config.sqlite_full_sync)
        .await
        .map_err(|e| cannot_open(&config.database, e))?;
    migrate::run(&store).await.map_err(|e| e.to_string())?;
    luoshi_server::audit_key::prepare(&store, config).await?;
    Ok(store)
}

/// The database URL without its password, for messages.
pub(crate) fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// `luoshi serve`
pub async fn serve(common: Common, listen: Listen) -> Res {
    let config = layers(&common, Some(&listen), &[])?;
    init_logs(&config);
    let listener = luoshi_server::bind(&config.host, config.port)
        .await
        .map_err(|e| e.to_string())?;
    let store = open(&config).await?;
    tracing::info!(database = %redact(&config.database), backend = store.backend().name(), url = %config.base_url, "luoshi serving");
    let state = AppState::new(store, config);
    luoshi_server::serve(state, listener, luoshi_server::shutdown_signal())
        .await
        .map_err(|e| e.to_string())
}

/// `luoshi demo`
pub async fn demo(common: Common, listen: Listen) -> Res {
    let temp = std::env::temp_dir().join(format!("luoshi-demo-{}.db", std::process::id()));
    let database = common
        .database
        .clone()
        .unwrap_or_else(|| temp.to_string_lossy().into_owned());
    let common = Common {
        database: Some(database),
        ..common
    };
    let today = luoshi_demo::default_today().to_string();
    // Quiet unless asked (LUOSHI_LOG_LEVEL, luoshi.toml): the demo opens with its banner.
    let config = layers(
        &common,
        Some(&listen),
        &[("today", today), ("log_level", "warn".to_string())],
    )?;
    init_logs(&config);
    // Listen first: a busy port should fail before any work is done.
    let listener = luoshi_server::bind(&config.host, config.port)
        .await
        .map_err(|e| e.to_string())?;
    let store = Store::connect_with(&config.database, config.db_max_connections, config.sqlite_full_sync)
        .await
        .map_err(|e| cannot_open(&config.database, e))?;
    {
        let mut c = store.conn().await.map_err(|e| e.to_string())?;
        if !migrate::applied(&mut c).await.map_err(|e| e.to_string())?.is_empty() {
            return Err(format!(
                "the database {} already holds data; the demo needs an empty one (omit --database to use a new temporary file)",
                redact(&config.database)
            ));
        }
    }
    migrate::run(&store).await.map_err(|e| e.to_string())?;
    luoshi_server::audit_key::prepare(&store, &config).await?;
    let hash = tokio::task::spawn_blocking(|| password::hash_password(luoshi_demo::DEMO_PASSWORD))
        .await
        .map_err(|e| e.to_string())??;
    let today = config.today.unwrap_or_else(luoshi_demo::default_today);
    let started = std::time::Instant::now();
    let now = luoshi_server::Clock::Fixed(today).now();
    let summary = luoshi_demo::build(&store, &hash, today, now)
        .await
        .map_err(|e| e.to_string())?;
    // Light history: one record per month from February, as the reports stood then.
    let from = chrono::NaiveDate::from_ymd_opt(2020, 2, 1).unwrap_or(today);
    luoshi_lights::backfill(&store, summary.region, from, today)
        .await
        .map_err(|e| e.to_string())?;
    luoshi_server::ops::bulletin::seed_demo(&store, &config, summary.region, today)
        .await
        .map_err(|e| e.to_string())?;
    let url = format!(
        "http://{}:{}/",
        if config.host == "0.0.0.0" {
            "127.0.0.1"
        } else {
            &config.host
        },
        config.port
    );
    println!();
    println!("  落实 Luoshi 演示 · demo — 云州市 (a fictional city), today = {today}");
    println!(
        "  {} units, {} tasks, {} progress reports, built in {} ms",
        summary.units,
        summary.tasks,
        summary.reports,
        started.elapsed().as_millis()
    );
    println!("  database: {}", redact(&config.database));
    println!();
    println!("  打开 Open:  {url}");
    println!();
    println!("  {}{:<14} password", pad("role", 36), "user");
    for (role, user, pw) in &summary.logins {
        println!("  {}{user:<14} {pw}", pad(role, 36));
    }
    println!();
    println!("  Ctrl-C stops the demo.");
    println!();
    let state = AppState::new(store, config);
    luoshi_server::serve(state, listener, luoshi_server::shutdown_signal())
        .await
        .map_err(|e| e.to_string())
}

/// `s` padded with spaces to `width` terminal columns (CJK characters take two).
pub fn pad(s: &str, width: usize) -> String {
    let cols: usize = s.chars().map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 }).sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(cols)))
}

/// `luoshi migrate`
pub async fn migrate(common: Common) -> Res {
    let config = layers(&common, None, &[])?;
    init_logs(&config);
    let store = Store::connect(&config.database, 2).await.map_err(|e| e.to_string())?;
    let applied = migrate::run(&store).await.map_err(|e| e.to_string())?;
    // Keys the audit chains still plain (the first upgrade to a keyed chain).
    luoshi_server::audit_key::prepare(&store, &config).await?;
    if applied.is_empty() {
        println!("the database is up to date ({} steps)", migrate::STEPS.len());
    } else {
        println!("applied migrations {applied:?}");
    }
    Ok(())
}

/// `luoshi init`: the region and its first accounts, with generated passwords printed once.
pub async fn init(common: Common, code: &str, name: &str) -> Res {
    let config = layers(&common, None, &[])?;
    init_logs(&config);
    let store = open(&config).await?;
    let now = Utc::now();
    let mut tx = store.begin().await.map_err(|e| e.to_string())?;
    let region_id = region::insert_region(&mut tx, None, "city", code, name, now)
        .await
        .map_err(|e| e.to_string())?;
    let mut printed = Vec::new();
    for (username, display, role) in [
        ("admin", "系统管理员", "admin"),
        ("security", "安全管理员", "security_officer"),
        ("auditor", "审计管理员", "auditor"),
        ("duchashi", "督查室", "supervisor"),
    ] {
        let pw = password::generate()?;
        let hash = password::hash_password(&pw)?;
        user::insert_user(
            &mut tx,
            region_id,
            &user::NewUser {
                username,
                display_name: display,
                password_hash: &hash,
                role,
                unit_id: None,
                leader_id: None,
                // Printed once on this terminal: each administrator sets their own at first login.
                must_change: true,
                email: "",
            },
            now,
        )
        .await
        .map_err(|e| e.to_string())?;
        printed.push((username, pw));
    }
    audit::append(
        &mut tx,
        region_id,
        &AuditEntry {
            actor: "luoshi init",
            action: "region.init",
            entity: "region",
            entity_id: Some(region_id),
            ..Default::default()
        },
        now,
    )
    .await
    .map_err(|e| e.to_string())?;
    tx.commit().await.map_err(|e| e.to_string())?;
    println!("地区 {name}（{code}）已建立。首批账号（密码只显示这一次，首次登录时须修改）：");
    println!("Region {name} ({code}) created. First accounts (passwords shown once, changed at first login):");
    for (u, p) in printed {
        println!("  {u:<10} {p}");
    }
    let base = config.base_url.trim_end_matches('/');
    println!();
    println!("下一步 · Next:");
    println!("  1. luoshi serve");
    println!("  2. 以 admin 登录 {base}/login 并修改密码 · log in as admin and set your own password");
    println!("  3. 在 {base}/admin/import 下载模板，填好单位、领导和用户后导入");
    println!("     at {base}/admin/import download the template, fill in the units, leaders and users, and import it");
    println!("  4. 把新账号的初始密码交给本人；duchashi（督查室）、security、auditor 同样首次登录时修改密码");
    println!(
        "     hand out the new accounts' first passwords; duchashi, security and auditor also change theirs at first login"
    );
    Ok(())
}

/// The region of `code`, or else the only region with accounts.
async fn user_region(store: &Store, code: Option<&str>) -> Result<i64, String> {
    let mut c = store.conn().await.map_err(|e| e.to_string())?;
    match user::login_region(&mut c, code).await.map_err(|e| e.to_string())? {
        user::LoginRegion::Found(id) => Ok(id),
        user::LoginRegion::UnknownCode => Err(format!("no region has the code {:?}", code.unwrap_or_default())),
        user::LoginRegion::Choose(several) if several.is_empty() => {
            Err("no region has accounts yet (run `luoshi init`)".into())
        }
        user::LoginRegion::Choose(several) => Err(format!(
            "accounts are in several regions; name one with --region ({})",
            several
                .iter()
                .map(|r| format!("{} {}", r.code, r.name))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The account named `username` (as the guard writes names) in the region of `code`.
async fn account_named(store: &Store, code: Option<&str>, username: &str) -> Result<user::User, String> {
    let region = user_region(store, code).await?;
    let name = luoshi_server::auth::login::guarded_name(username);
    let mut c = store.conn().await.map_err(|e| e.to_string())?;
    user::user_by_username(&mut c, region, &name)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no user named {name:?}"))
}

/// Appends the audit line of a command run on the server, in `tx`.
async fn audit_command(tx: &mut luoshi_store::Tx, region: i64, e: AuditEntry<'_>) -> Res {
    audit::append(tx, region, &e, Utc::now())
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// `luoshi user password NAME [--region CODE]`
pub async fn password(common: Common, username: &str, region_code: Option<&str>) -> Res {
    let config = layers(&common, None, &[])?;
    init_logs(&config);
    let store = open(&config).await?;
    let (pw, generated) = match std::env::var("LUOSHI_NEW_PASSWORD") {
        Ok(p) => (p, false),
        Err(_) => (password::generate()?, true),
    };
    if let Some(problem) = password::password_problem(&pw, &config.password) {
        return Err(problem.message(luoshi_domain::Lang::Zh).to_string());
    }
    let u = account_named(&store, region_code, username).await?;
    let hash = password::hash_password(&pw)?;
    let mut tx = store.begin().await.map_err(|e| e.to_string())?;
    // Set by the operator, not its owner: changed at the next login. Any lock on the name goes.
    user::set_password(&mut tx, u.region_id, u.id, &hash, None)
        .await
        .map_err(|e| e.to_string())?;
    luoshi_store::login_guard::unlock(&mut tx, u.region_id, &u.username)
        .await
        .map_err(|e| e.to_string())?;
    luoshi_store::session::delete_user_sessions(&mut tx, u.region_id, u.id)
        .await
        .map_err(|e| e.to_string())?;
    audit_command(
        &mut tx,
        u.region_id,
        AuditEntry {
            actor: "luoshi user password",
            action: "user.password",
            entity: "user",
            entity_id: Some(u.id),
            ..Default::default()
        },
    )
    .await?;
    tx.commit().await.map_err(|e| e.to_string())?;
    if generated {
        println!("new password for {username}: {pw}");
    } else {
        println!("password of {username} changed");
    }
    Ok(())
}

/// `luoshi user unlock NAME [--region CODE]`: lifts every lock on a login name — the fallback
/// when the security officer or the administrator is locked out.
pub async fn unlock(common: Common, username: &str, region_code: Option<&str>) -> Res {
    let config = layers(&common, None, &[])?;
    init_logs(&config);
    let store = open(&config).await?;
    let region = user_region(&store, region_code).await?;
    let name = luoshi_server::auth::login::guarded_name(username);
    let mut tx = store.begin().await.map_err(|e| e.to_string())?;
    let had = luoshi_store::login_guard::unlock(&mut tx, region, &name)
        .await
        .map_err(|e| e.to_string())?;
    audit_command(
        &mut tx,
        region,
        AuditEntry {
            actor: "luoshi user unlock",
            action: "user.unlock",
            entity: "region",
            entity_id: Some(region),
            after: Some(serde_json::json!({ "unlocked": name }).to_string()),
            ..Default::default()
        },
    )
    .await?;
    tx.commit().await.map_err(|e| e.to_string())?;
    if had {
        println!("{name} 已解锁 · unlocked");
    } else {
        println!("{name} 没有被锁定 · was not locked");
    }
    Ok(())
}

/// `luoshi user totp-off NAME [--region CODE]`: turns an account's second factor off (its owner
/// lost the phone); they set it up again on /me.
pub async fn totp_off(common: Common, username: &str, region_code: Option<&str>) -> Res {
    let config = layers(&common, None, &[])?;
    init_logs(&config);
    let store = open(&config).await?;
    let u = account_named(&store, region_code, username).await?;
    let mut tx = store.begin().await.map_err(|e| e.to_string())?;
    luoshi_store::totp::disable(&mut tx, u.region_id, u.id)
        .await
        .map_err(|e| e.to_string())?;
    audit_command(
        &mut tx,
        u.region_id,
        AuditEntry {
            actor: "luoshi user totp-off",
            action: "user.totp",
            entity: "user",
            entity_id: Some(u.id),
            after: Some(serde_json::json!({ "on": false }).to_string()),
            ..Default::default()
        },
    )
    .await?;
    tx.commit().await.map_err(|e| e.to_string())?;
    println!("{}: 两步验证已关闭 · two-step verification is off", u.username);
    Ok(())
}

/// `luoshi audit`: verifies every region's chain; fails if one is broken.
pub async fn audit(common: Common) -> Res {
    let config = layers(&common, None, &[])?;
    init_logs(&config);
    let store = open(&config).await?;
    let regions = {
        let mut c = store.conn().await.map_err(|e| e.to_string())?;
        region::regions(&mut c).await.map_err(|e| e.to_string())?
    };
    let mut broken = false;
    println!(
        "key {} · checkpoints {}",
        luoshi_server::audit_key::key_path(&config).display(),
        luoshi_server::audit_key::anchor_path(&config).display()
    );
    for r in regions {
        let v = luoshi_server::audit_key::verify_and_record(&store, &config, r.id, Utc::now()).await?;
        match v.broken {
            None => println!("{} ({}): {} lines, intact", r.name, r.code, v.lines),
            Some((seq, why)) => {
                broken = true;
                println!("{} ({}): BROKEN at line {seq}: {}", r.name, r.code, why.english());
            }
        }
    }
    if broken {
        Err("the audit log has been tampered with".into())
    } else {
        Ok(())
    }
}

/// `luoshi jobs`: runs the due jobs once.
pub async fn jobs(common: Common) -> Res {
    let config = layers(&common, None, &[])?;
    init_logs(&config);
    let store = open(&config).await?;
    let state = AppState::new(store, config);
    jobs::schedule(&state).await.map_err(|e| e.to_string())?;
    let n = jobs::run_pending(&state, &format!("cli-{}", std::process::id()))
        .await
        .map_err(|e| e.to_string())?;
    println!("{n} jobs run");
    Ok(())
}
