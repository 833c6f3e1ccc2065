//! `luoshi backup FILE` and `luoshi restore FILE`: a consistent copy of the database taken while
//! the server runs, and that copy put back — checked before and after (the schema it was made
//! by, every region's audit chain with the key). SQLite copies itself (`VACUUM INTO`);
//! PostgreSQL is copied with `pg_dump` / `pg_restore`, which must be on the PATH.

use std::path::Path;

use chrono::Utc;
use luoshi_server::{Config, audit_key};
use luoshi_store::{Store, backup, migrate, region};

use crate::{
    Common,
    commands::{Res, cannot_open, init_logs, layers, open, redact},
};

fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// Checks every region's chain of `store`; the lines checked, or the first broken region.
async fn chains(store: &Store, config: &Config) -> Result<i64, String> {
    let regions = {
        let mut c = store.conn().await.map_err(|e| e.to_string())?;
        region::regions(&mut c).await.map_err(|e| e.to_string())?
    };
    let mut lines = 0;
    for r in regions {
        let v = audit_key::verify_and_record(store, config, r.id, Utc::now()).await?;
        if let Some((seq, why)) = v.broken {
            return Err(format!(
                "the audit chain of {} ({}) is broken at line {seq}: {}",
                r.name,
                r.code,
                why.english()
            ));
        }
        lines += v.lines;
    }
    Ok(lines)
}

async fn summary(store: &Store) -> Result<(i64, usize), String> {
    let mut c = store.conn().await.map_err(|e| e.to_string())?;
    let counts = backup::row_counts(&mut c).await.map_err(|e| e.to_string())?;
    Ok((counts.iter().map(|(_, n)| n).sum(), counts.len()))
}

async fn run(program: &str, args: &[&str]) -> Res {
    let (p, a): (String, Vec<String>) = (program.into(), args.iter().map(|s| s.to_string()).collect());
    let out = tokio::task::spawn_blocking(move || std::process::Command::new(p).args(a).output())
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| format!("cannot run {program} (install PostgreSQL's client tools): {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{program} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// `luoshi backup FILE`.
pub async fn backup_cmd(common: Common, file: &Path) -> Res {
    let config = layers(&common, None, &[])?;
    init_logs(&config);
    if file.exists() {
        return Err(format!("{} exists already: choose a new file", file.display()));
    }
    let store = open(&config).await?;
    let lines = chains(&store, &config).await?;
    if is_postgres(&config.database) {
        let f = file.to_str().ok_or("the backup's path is not UTF-8")?;
        run(
            "pg_dump",
            &[
                "--format=custom",
                "--no-owner",
                "--file",
                f,
                "--dbname",
                &config.database,
            ],
        )
        .await?;
    } else {
        backup::sqlite_copy(&store, file).await.map_err(|e| e.to_string())?;
    }
    let (rows, tables) = summary(&store).await?;
    println!(
        "备份完成 · backed up {} to {}: {rows} rows in {tables} tables, {lines} audit lines intact",
        redact(&config.database),
        file.display()
    );
    println!(
        "审计密钥不在备份中，请另行保管 · the audit key is not in the backup: keep {} apart",
        audit_key::key_path(&config).display()
    );
    Ok(())
}

/// `luoshi restore FILE [--force]`: into an empty database (or over one, with `--force`).
pub async fn restore_cmd(common: Common, file: &Path, force: bool) -> Res {
    let config = layers(&common, None, &[])?;
    init_logs(&config);
    if !file.exists() {
        return Err(format!("{} does not exist", file.display()));
    }
    let f = file.to_str().ok_or("the backup's path is not UTF-8")?;
    if is_postgres(&config.database) {
        let empty = {
            let store = Store::connect(&config.database, 1)
                .await
                .map_err(|e| cannot_open(&config.database, e))?;
            let mut c = store.conn().await.map_err(|e| e.to_string())?;
            // The catalogue only reads: an empty database stays empty for pg_restore.
            let empty = luoshi_store::keys::catalogue(&mut c)
                .await
                .map(|t| t.is_empty())
                .map_err(|e| e.to_string())?;
            drop(c);
            store.close().await;
            empty
        };
        if !empty && !force {
            return Err(format!(
                "{} already holds data: restore into an empty database, or add --force to replace it",
                redact(&config.database)
            ));
        }
        let mut args = vec!["--no-owner", "--exit-on-error", "--dbname", &config.database];
        if !empty {
            args.extend(["--clean", "--if-exists"]);
        }
        args.push(f);
        run("pg_restore", &args).await?;
    } else {
        // The copy must be a database this version can read.
        {
            let probe = Store::connect(f, 1)
                .await
                .map_err(|e| format!("{f} is not a Luoshi database: {e}"))?;
            let mut c = probe.conn().await.map_err(|e| e.to_string())?;
            let applied = migrate::applied(&mut c)
                .await
                .map_err(|e| format!("{f} is not a Luoshi database: {e}"))?;
            drop(c);
            probe.close().await;
            if applied.iter().max().copied().unwrap_or(0) > migrate::STEPS.len() as i64 {
                return Err(format!("{f} was made by a newer Luoshi: upgrade this one first"));
            }
        }
        let target = config
            .database
            .trim_start_matches("sqlite://")
            .trim_start_matches("sqlite:");
        let target = Path::new(target.split('?').next().unwrap_or(target));
        if target.exists() {
            if !force {
                return Err(format!(
                    "{} exists: stop the server and add --force to replace it (it is kept as .before-restore)",
                    target.display()
                ));
            }
            let kept = format!(
                "{}.before-restore-{}",
                target.display(),
                Utc::now().format("%Y%m%d%H%M%S")
            );
            std::fs::rename(target, &kept).map_err(|e| format!("cannot move {} aside: {e}", target.display()))?;
            for suffix in ["-wal", "-shm"] {
                let side = format!("{}{suffix}", target.display());
                let _ = std::fs::rename(&side, format!("{kept}{suffix}"));
            }
            println!("原数据库已改名保留 · the database before the restore is kept as {kept}");
        }
        // Copied beside the target, made durable, then renamed into place: a crash leaves the
        // old file or the new one, never half of one.
        let tmp = format!("{}.restoring", target.display());
        std::fs::copy(file, &tmp).map_err(|e| format!("cannot copy {f}: {e}"))?;
        std::fs::File::open(&tmp)
            .and_then(|t| t.sync_all())
            .map_err(|e| e.to_string())?;
        std::fs::rename(&tmp, target).map_err(|e| e.to_string())?;
    }
    let store = open(&config).await?;
    let lines = chains(&store, &config).await?;
    let (rows, tables) = summary(&store).await?;
    println!(
        "恢复完成 · restored {} into {}: {rows} rows in {tables} tables, {lines} audit lines intact",
        file.display(),
        redact(&config.database)
    );
    Ok(())
}
