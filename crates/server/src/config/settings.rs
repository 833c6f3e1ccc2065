//! Every setting Luoshi reads, with its default and meaning (docs/configuration.md lists them).

/// Every setting: key in `luoshi.toml`, its default, and what it means.
pub const SETTINGS: &[(&str, &str, &str)] = &[
    (
        "database",
        "luoshi.db",
        "SQLite file path, or postgres://user:pass@host/db",
    ),
    (
        "host",
        "127.0.0.1",
        "address to listen on (0.0.0.0 for every interface)",
    ),
    ("port", "8080", "port to listen on"),
    (
        "base_url",
        "",
        "public URL of this server, e.g. https://luoshi.example.gov.cn (default: http://host:port)",
    ),
    (
        "today",
        "",
        "fix the clock to this day (YYYY-MM-DD), for demos and tests",
    ),
    ("log_format", "text", "text or json"),
    ("log_level", "info", "error, warn, info, debug or trace"),
    (
        "session_hours",
        "8",
        "hours a login lasts without use (the idle timeout)",
    ),
    (
        "session_max_hours",
        "24",
        "hours a login lasts at most, used or not (then log in again)",
    ),
    ("secure_cookies", "false", "mark cookies Secure (set true behind HTTPS)"),
    (
        "max_failed_logins",
        "5",
        "failed logins of one name from one address before that address is locked out of it",
    ),
    (
        "max_failed_logins_user",
        "20",
        "failed logins of one name from all addresses together before the name is locked",
    ),
    (
        "lockout_minutes",
        "15",
        "minutes a lock lasts (also the window failures are counted in)",
    ),
    ("password_min_length", "8", "shortest password accepted"),
    (
        "password_min_classes",
        "3",
        "kinds of character a password must mix, of lower case, upper case, digits and symbols (1–4)",
    ),
    (
        "password_history",
        "5",
        "a new password may not be any of the account's last this many (0: no check)",
    ),
    (
        "password_max_age_days",
        "0",
        "days after which a password must be changed at the next login (0: never; 等保 reviews often ask 90)",
    ),
    (
        "sqlite_synchronous",
        "normal",
        "normal (WAL's default: a power cut may lose the last commits, never consistency) or full (every commit on disk before it is acknowledged)",
    ),
    (
        "db_max_connections",
        "0",
        "database connections in the pool; 0 = automatic (SQLite: two readers per core and one writer; PostgreSQL: three per core, at least 4)",
    ),
    (
        "warm_segmenter",
        "false",
        "build the text reader's word segmenter at start (0.1 s, 60–80 MB) instead of on first use",
    ),
    (
        "board_cache_tasks",
        "50000",
        "tasks of plan boards each server keeps in memory (0: none)",
    ),
    (
        "max_upload_mb",
        "20",
        "largest upload accepted, in MB: one evidence file, or all files of one submission together",
    ),
    (
        "upload_memory_mb",
        "40",
        "memory for upload bodies being read at once, in MB; further uploads wait (at most 30 s)",
    ),
    (
        "metrics_allow",
        "127.0.0.1,::1",
        "addresses that may read /metrics, comma-separated (exact, or a.b.c.d/n ranges)",
    ),
    (
        "trusted_proxies",
        "127.0.0.1,::1",
        "reverse proxies whose X-Forwarded-For is believed (exact, or a.b.c.d/n; empty: none)",
    ),
    (
        "metrics_token",
        "",
        "a bearer token that also opens /metrics, for a monitoring system elsewhere (empty: none)",
    ),
    (
        "audit_key_file",
        "",
        "file holding the audit chain's key, made on first start (empty: beside a SQLite database, else luoshi-audit.key)",
    ),
    (
        "audit_anchor_file",
        "",
        "file the audit chain's hourly checkpoints are appended to (empty: beside a SQLite database, else luoshi-audit-anchors.jsonl)",
    ),
    (
        "allowed_webhook_hosts",
        "qyapi.weixin.qq.com,oapi.dingtalk.com",
        "the only hosts notification channels may reach, comma-separated (an intranet relay's name or address goes here; loopback and private addresses only when listed)",
    ),
    (
        "smtp_host",
        "",
        "SMTP server for e-mail notifications (empty: no e-mail)",
    ),
    ("smtp_port", "25", "SMTP port"),
    (
        "smtp_tls",
        "starttls",
        "none, starttls or tls (implicit TLS, usually port 465)",
    ),
    ("smtp_user", "", "SMTP user name (empty: no login)"),
    ("smtp_password", "", "SMTP password"),
    (
        "smtp_from",
        "",
        "sender of notification e-mails, e.g. 督查室 <duchashi@example.gov.cn>",
    ),
    (
        "delivery_attempts",
        "6",
        "attempts to send a notification before it is marked failed",
    ),
    (
        "run_jobs",
        "true",
        "run background jobs (reminders, deliveries, light history) in this instance",
    ),
    (
        "public_region",
        "",
        "code of the region the public site (/public) shows (empty: the first city)",
    ),
    (
        "public_editor",
        "",
        "责任编辑 named on public plan pages (empty: the supervision office)",
    ),
];
