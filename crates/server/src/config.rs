//! Configuration: defaults → `luoshi.toml` → `LUOSHI_*` environment → command-line flags,
//! validated once at start-up with errors that name the setting and where it came from.

use std::{collections::BTreeMap, path::Path};

use chrono::NaiveDate;

mod settings;

pub use settings::SETTINGS;

/// The validated configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Database URL or SQLite path.
    pub database: String,
    /// Listen address.
    pub host: String,
    /// Listen port.
    pub port: u16,
    /// Public base URL, without a trailing slash.
    pub base_url: String,
    /// Fixed day for the clock.
    pub today: Option<NaiveDate>,
    /// `text` or `json`.
    pub log_format: LogFormat,
    /// Log filter.
    pub log_level: String,
    /// Session lifetime without use, in hours.
    pub session_hours: i64,
    /// Session lifetime at most, in hours.
    pub session_max_hours: i64,
    /// Whether cookies are marked Secure.
    pub secure_cookies: bool,
    /// Failed logins of one name from one address before that address is locked out.
    pub max_failed_logins: i64,
    /// Failed logins of one name from all addresses before the name is locked.
    pub max_failed_logins_user: i64,
    /// Lockout length (and counting window) in minutes.
    pub lockout_minutes: i64,
    /// The password policy.
    pub password: crate::auth::password::Policy,
    /// SQLite's `synchronous = FULL` instead of `NORMAL`.
    pub sqlite_full_sync: bool,
    /// Database pool size (0: chosen by the store for its database).
    pub db_max_connections: u32,
    /// Tasks of plan boards each server keeps in memory.
    pub board_cache_tasks: usize,
    /// Build the word segmenter at start.
    pub warm_segmenter: bool,
    /// Largest upload, MB: one evidence file, or all files of one submission together.
    pub max_upload_mb: usize,
    /// Memory for upload bodies being read at once, MB.
    pub upload_memory_mb: usize,
    /// Addresses that may read `/metrics` (exact addresses, or `a.b.c.d/n` ranges).
    pub metrics_allow: Vec<String>,
    /// A bearer token that also opens `/metrics` (empty: none).
    pub metrics_token: String,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<String>,
    /// The audit key's file (empty: the default place, `audit_key::key_path`).
    pub audit_key_file: String,
    /// The audit anchor file (empty: the default place).
    pub audit_anchor_file: String,
    /// The only hosts notification channels may reach, lower case.
    pub allowed_webhook_hosts: Vec<String>,
    /// E-mail settings, when an SMTP server is set.
    pub smtp: Option<Smtp>,
    /// Attempts to send a notification before giving up.
    pub delivery_attempts: i64,
    /// Whether this instance runs the background jobs.
    pub run_jobs: bool,
    /// The code of the region the public site shows; empty for the first city.
    pub public_region: String,
    /// 责任编辑 of public plan pages; empty for the supervision office.
    pub public_editor: String,
}

/// How notification e-mails are sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Smtp {
    /// Server.
    pub host: String,
    /// Port.
    pub port: u16,
    /// `none`, `starttls` or `tls`.
    pub tls: String,
    /// User name (empty: no login).
    pub user: String,
    /// Password.
    pub password: String,
    /// Sender.
    pub from: String,
}

/// How logs are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

/// A setting that could not be used, named with where it came from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("setting `{key}` (from {source_name}): {problem}")]
pub struct ConfigError {
    /// The setting.
    pub key: String,
    /// Where the value came from: `default`, the file, the variable or the flag.
    pub source_name: String,
    /// What is wrong.
    pub problem: String,
}

/// Values gathered from the layers, each remembering its source.
#[derive(Debug, Clone, Default)]
pub struct Layers {
    values: BTreeMap<String, (String, String)>,
}

impl Layers {
    /// The defaults.
    pub fn defaults() -> Layers {
        let mut l = Layers::default();
        for (k, v, _) in SETTINGS {
            l.values.insert((*k).to_string(), ((*v).to_string(), "default".into()));
        }
        l
    }

    fn set(&mut self, key: &str, value: String, source: String) -> Result<(), ConfigError> {
        if !SETTINGS.iter().any(|(k, _, _)| *k == key) {
            return Err(ConfigError {
                key: key.to_string(),
                source_name: source,
                problem: format!(
                    "unknown setting; known settings are {}",
                    SETTINGS.iter().map(|s| s.0).collect::<Vec<_>>().join(", ")
                ),
            });
        }
        self.values.insert(key.to_string(), (value, source));
        Ok(())
    }

    /// Replaces a default (e.g. the demo's fixed day); files, environment and flags still win.
    pub fn default_value(mut self, key: &str, value: &str, source: &str) -> Result<Layers, ConfigError> {
        self.set(key, value.to_string(), source.to_string())?;
        Ok(self)
    }

    /// Applies a TOML file. `required`: a missing file is an error (an explicit `--config`).
    pub fn file(mut self, path: &Path, required: bool) -> Result<Layers, ConfigError> {
        let source = path.display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => return Ok(self),
            Err(e) => {
                return Err(ConfigError {
                    key: "config".into(),
                    source_name: source,
                    problem: format!("cannot read the file: {e}"),
                });
            }
        };
        let table: toml::Table = toml::from_str(&text).map_err(|e| ConfigError {
            key: "config".into(),
            source_name: source.clone(),
            problem: format!("not valid TOML: {e}"),
        })?;
        for (k, v) in table {
            let value = match v {
                toml::Value::String(s) => s,
                toml::Value::Integer(i) => i.to_string(),
                toml::Value::Boolean(b) => b.to_string(),
                toml::Value::Datetime(d) => d.to_string(),
                other => {
                    return Err(ConfigError {
                        key: k,
                        source_name: source,
                        problem: format!("expected a string, number or boolean, got {other:?}"),
                    });
                }
            };
            self.set(&k, value, source.clone())?;
        }
        Ok(self)
    }

    /// Applies `LUOSHI_*` variables (e.g. `LUOSHI_PORT`). Unknown `LUOSHI_` names are errors,
    /// except the test and tool variables listed here.
    pub fn env<I: IntoIterator<Item = (String, String)>>(mut self, vars: I) -> Result<Layers, ConfigError> {
        const NOT_SETTINGS: &[&str] = &[
            "LUOSHI_TEST_POSTGRES_URL",
            "LUOSHI_CONFIG",
            "LUOSHI_CHROMEDRIVER",
            "LUOSHI_NEW_PASSWORD",
            "LUOSHI_BIN",
        ];
        for (name, value) in vars {
            let Some(key) = name.strip_prefix("LUOSHI_") else {
                continue;
            };
            if NOT_SETTINGS.contains(&name.as_str()) {
                continue;
            }
            self.set(&key.to_ascii_lowercase(), value, name.clone())?;
        }
        Ok(self)
    }

    /// Applies command-line flags given as (setting, value).
    pub fn flags<'a, I: IntoIterator<Item = (&'a str, String)>>(mut self, flags: I) -> Result<Layers, ConfigError> {
        for (key, value) in flags {
            self.set(key, value, format!("--{}", key.replace('_', "-")))?;
        }
        Ok(self)
    }

    /// Validates every setting.
    pub fn build(&self) -> Result<Config, ConfigError> {
        let get = |k: &str| -> (&str, &str) {
            self.values
                .get(k)
                .map(|(v, s)| (v.as_str(), s.as_str()))
                .unwrap_or(("", "default"))
        };
        let err = |k: &str, problem: String| ConfigError {
            key: k.to_string(),
            source_name: get(k).1.to_string(),
            problem,
        };
        let int = |k: &str, min: i64, max: i64| -> Result<i64, ConfigError> {
            let v = get(k).0.trim();
            v.parse::<i64>()
                .ok()
                .filter(|n| (min..=max).contains(n))
                .ok_or_else(|| err(k, format!("must be a whole number from {min} to {max}, got {v:?}")))
        };
        let boolean = |k: &str| -> Result<bool, ConfigError> {
            match get(k).0.trim().to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" | "on" => Ok(true),
                "false" | "0" | "no" | "off" => Ok(false),
                v => Err(err(k, format!("must be true or false, got {v:?}"))),
            }
        };

        let database = get("database").0.trim().to_string();
        if database.is_empty() {
            return Err(err("database", "must not be empty".into()));
        }
        let host = get("host").0.trim().to_string();
        if host.is_empty() || host.contains(char::is_whitespace) {
            return Err(err("host", format!("must be an address, got {host:?}")));
        }
        let port = int("port", 1, 65535)? as u16;
        let base_url = match get("base_url").0.trim().trim_end_matches('/') {
            "" => format!("http://{host}:{port}"),
            u if u.starts_with("http://") || u.starts_with("https://") => u.to_string(),
            u => {
                return Err(err(
                    "base_url",
                    format!("must start with http:// or https://, got {u:?}"),
                ));
            }
        };
        let today = match get("today").0.trim() {
            "" => None,
            d => Some(
                NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .map_err(|_| err("today", format!("must be a date like 2020-06-30, got {d:?}")))?,
            ),
        };
        let log_format = match get("log_format").0.trim() {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            v => {
                return Err(err("log_format", format!("must be text or json, got {v:?}")));
            }
        };
        let log_level = get("log_level").0.trim().to_string();
        if !["error", "warn", "info", "debug", "trace"].contains(&log_level.as_str()) {
            return Err(err(
                "log_level",
                format!("must be error, warn, info, debug or trace, got {log_level:?}"),
            ));
        }
        let smtp = match get("smtp_host").0.trim() {
            "" => None,
            host => {
                let tls = get("smtp_tls").0.trim().to_string();
                if !["none", "starttls", "tls"].contains(&tls.as_str()) {
                    return Err(err("smtp_tls", format!("must be none, starttls or tls, got {tls:?}")));
                }
                let from = get("smtp_from").0.trim().to_string();
                if from.parse::<lettre::message::Mailbox>().is_err() {
                    return Err(err(
                        "smtp_from",
                        format!("must be an address like 督查室 <dcs@example.gov.cn>, got {from:?}"),
                    ));
                }
                Some(Smtp {
                    host: host.to_string(),
                    port: int("smtp_port", 1, 65535)? as u16,
                    tls,
                    user: get("smtp_user").0.trim().to_string(),
                    password: get("smtp_password").0.to_string(),
                    from,
                })
            }
        };
        let https = base_url.starts_with("https://");
        // The budget must hold the largest upload body (files in base64), or one upload could
        // pass it.
        let max_upload_mb = int("max_upload_mb", 1, 200)? as usize;
        let upload_memory_mb = int("upload_memory_mb", 8, 65_536)? as usize;
        let least = ((max_upload_mb + 1) * 4).div_ceil(3) + 1;
        if upload_memory_mb < least {
            return Err(err(
                "upload_memory_mb",
                format!("must be at least {least} for max_upload_mb = {max_upload_mb}, got {upload_memory_mb}"),
            ));
        }
        Ok(Config {
            database,
            host,
            port,
            base_url,
            today,
            log_format,
            log_level,
            session_hours: int("session_hours", 1, 720)?,
            session_max_hours: int("session_max_hours", 1, 8760)?,
            // Behind HTTPS the cookies are Secure whatever the setting says.
            secure_cookies: boolean("secure_cookies")? || https,
            max_failed_logins: int("max_failed_logins", 1, 100)?,
            max_failed_logins_user: int("max_failed_logins_user", 1, 10_000)?,
            lockout_minutes: int("lockout_minutes", 1, 1440)?,
            password: crate::auth::password::Policy {
                min_length: int("password_min_length", 6, 64)? as usize,
                min_classes: int("password_min_classes", 1, 4)? as usize,
                history: int("password_history", 0, 24)?,
                max_age_days: int("password_max_age_days", 0, 3650)?,
            },
            sqlite_full_sync: match get("sqlite_synchronous").0.trim() {
                "normal" => false,
                "full" => true,
                other => {
                    return Err(err(
                        "sqlite_synchronous",
                        format!("must be normal or full, got {other:?}"),
                    ));
                }
            },
            db_max_connections: int("db_max_connections", 0, 1000)? as u32,
            board_cache_tasks: int("board_cache_tasks", 0, 10_000_000)? as usize,
            warm_segmenter: boolean("warm_segmenter")?,
            max_upload_mb,
            upload_memory_mb,
            metrics_allow: get("metrics_allow")
                .0
                .split([',', ' '])
                .map(|h| h.trim().to_string())
                .filter(|h| !h.is_empty())
                .collect(),
            trusted_proxies: get("trusted_proxies")
                .0
                .split([',', ' '])
                .map(|h| h.trim().to_string())
                .filter(|h| !h.is_empty())
                .collect(),
            metrics_token: get("metrics_token").0.trim().to_string(),
            audit_key_file: get("audit_key_file").0.trim().to_string(),
            audit_anchor_file: get("audit_anchor_file").0.trim().to_string(),
            allowed_webhook_hosts: get("allowed_webhook_hosts")
                .0
                .split([',', ' '])
                .map(|h| h.trim().to_ascii_lowercase())
                .filter(|h| !h.is_empty())
                .collect(),
            smtp,
            delivery_attempts: int("delivery_attempts", 1, 50)?,
            run_jobs: boolean("run_jobs")?,
            public_region: get("public_region").0.trim().to_string(),
            public_editor: get("public_editor").0.trim().to_string(),
        })
    }
}

impl Config {
    /// The defaults alone, with `database` set: for tests and the demo.
    pub fn with_database(database: &str) -> Result<Config, ConfigError> {
        Layers::defaults().flags([("database", database.to_string())])?.build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn defaults_are_valid() {
        let c = Layers::defaults().build().unwrap();
        assert_eq!(c.port, 8080);
        assert_eq!(c.database, "luoshi.db");
        assert_eq!(c.base_url, "http://127.0.0.1:8080");
        assert_eq!(c.today, None);
    }

    #[test]
    fn later_layers_win_file_then_env_then_flags() {
        let dir = std::env::temp_dir().join(format!("luoshi-cfg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("luoshi.toml");
        std::fs::write(&file, "port = 9000\nhost = \"0.0.0.0\"\nlog_format = \"json\"\n").unwrap();
        let c = Layers::defaults()
            .file(&file, true)
            .unwrap()
            .env(env(&[("LUOSHI_PORT", "9100"), ("PATH", "/bin")]))
            .unwrap()
            .flags([("port", "9200".to_string())])
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(c.port, 9200);
        assert_eq!(c.host, "0.0.0.0");
        assert_eq!(c.log_format, LogFormat::Json);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_bad_value_names_the_setting_and_its_source() {
        let e = Layers::defaults()
            .env(env(&[("LUOSHI_PORT", "eighty")]))
            .unwrap()
            .build()
            .unwrap_err();
        assert_eq!(e.key, "port");
        assert_eq!(e.source_name, "LUOSHI_PORT");
        assert!(e.to_string().contains("setting `port` (from LUOSHI_PORT)"), "{e}");
    }

    #[test]
    fn a_bad_date_for_today_is_refused() {
        let e = Layers::defaults()
            .flags([("today", "2020-13-01".to_string())])
            .unwrap()
            .build()
            .unwrap_err();
        assert_eq!((e.key.as_str(), e.source_name.as_str()), ("today", "--today"));
    }

    #[test]
    fn an_unknown_setting_is_an_error_not_ignored() {
        let e = Layers::defaults().env(env(&[("LUOSHI_PROT", "1")])).unwrap_err();
        assert_eq!(e.key, "prot");
        assert!(e.problem.contains("unknown setting"));
    }

    #[test]
    fn a_missing_default_file_is_fine_but_a_missing_named_file_is_not() {
        let p = Path::new("/nonexistent/luoshi.toml");
        assert!(Layers::defaults().file(p, false).is_ok());
        assert_eq!(Layers::defaults().file(p, true).unwrap_err().key, "config");
    }
}
