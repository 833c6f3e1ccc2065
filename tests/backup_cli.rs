//! `luoshi backup` and `luoshi restore` through the binary, on SQLite and on PostgreSQL: the
//! demo city backed up while its store is open, restored into an empty database, holds the same
//! rows and the same audit chains, checked with the key.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::process::Command;

use luoshi_store::{Store, audit, backup, migrate, region, testing};

fn luoshi(args: &[&str], env: &[(&str, String)]) -> (bool, String) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_luoshi"));
    c.args(args).env_remove("LUOSHI_DATABASE");
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

async fn snapshot(url: &str) -> (Vec<(String, i64)>, Vec<(i64, String)>) {
    let store = Store::connect(url, 2).await.unwrap();
    let mut c = store.conn().await.unwrap();
    let counts = backup::row_counts(&mut c).await.unwrap();
    let mut heads = Vec::new();
    for r in region::regions(&mut c).await.unwrap() {
        heads.push(audit::head(&mut c, r.id).await.unwrap());
    }
    drop(c);
    store.close().await;
    (counts, heads)
}

#[tokio::test]
async fn a_backup_restored_into_an_empty_database_holds_the_same_rows_and_audit_chains() {
    let dir = std::env::temp_dir().join(format!("luoshi-backup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let env = vec![
        ("LUOSHI_AUDIT_KEY_FILE", dir.join("audit.key").display().to_string()),
        (
            "LUOSHI_AUDIT_ANCHOR_FILE",
            dir.join("anchors.jsonl").display().to_string(),
        ),
    ];
    for (i, url) in testing::database_urls().await.unwrap().into_iter().enumerate() {
        let pg = url.starts_with("postgres");
        // The demo city, its chains keyed with the deployment's key.
        let store = Store::connect(&url, 4).await.unwrap();
        migrate::run(&store).await.unwrap();
        let mut config = luoshi_server::Config::with_database(&url).unwrap();
        config.audit_key_file = env[0].1.clone();
        config.audit_anchor_file = env[1].1.clone();
        luoshi_server::audit_key::prepare(&store, &config).await.unwrap();
        let today = luoshi_demo::default_today();
        let now = luoshi_server::Clock::Fixed(today).now();
        let hash = luoshi_server::auth::password::hash_password("Luoshi@2020").unwrap();
        luoshi_demo::build(&store, &hash, today, now).await.unwrap();
        store.close().await;

        let file = dir.join(format!("backup-{i}.{}", if pg { "dump" } else { "db" }));
        let f = file.to_str().unwrap();
        let (ok, out) = luoshi(&["backup", f, "--database", &url], &env);
        assert!(ok, "backup: {out}");
        assert!(out.contains("audit lines intact"), "{out}");
        let (ok, out) = luoshi(&["backup", f, "--database", &url], &env);
        assert!(
            !ok && out.contains("exists already"),
            "a backup never overwrites: {out}"
        );

        let target = if pg {
            testing::postgres_url().await.unwrap().unwrap()
        } else {
            dir.join("restored.db").display().to_string()
        };
        let (ok, out) = luoshi(&["restore", f, "--database", &target], &env);
        assert!(ok, "restore: {out}");
        let (ok, out) = luoshi(&["restore", f, "--database", &target], &env);
        assert!(
            !ok && (out.contains("--force")),
            "a restore never replaces data unasked: {out}"
        );

        let (before, heads_before) = snapshot(&url).await;
        let (after, heads_after) = snapshot(&target).await;
        assert_eq!(before, after, "{url}: every table's rows");
        assert!(before.iter().any(|(t, n)| t == "report" && *n > 100), "{before:?}");
        assert_eq!(heads_before, heads_after, "{url}: the audit chains");
        let (ok, out) = luoshi(&["audit", "--database", &target], &env);
        assert!(ok && out.contains("intact"), "{out}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
