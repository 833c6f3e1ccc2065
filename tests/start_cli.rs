//! Starting `luoshi`: a database that cannot be reached says which setting, which host and why,
//! at once; `luoshi demo` opens with its banner, not with log lines.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
    time::{Duration, Instant},
};

/// A port free on this machine now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn a_database_that_cannot_be_reached_is_named_with_its_setting_host_and_why_at_once() {
    // A port on this machine where nothing listens.
    let port = free_port();
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_luoshi"))
        .args(["serve", "--port", &free_port().to_string(), "--database"])
        .arg(format!("postgres://luoshi:secret@127.0.0.1:{port}/luoshi"))
        .env_remove("LUOSHI_DATABASE")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(started.elapsed() < Duration::from_secs(6), "{:?}", started.elapsed());
    let err = String::from_utf8_lossy(&out.stderr);
    for want in [
        "the `database` setting",
        "LUOSHI_DATABASE",
        &format!("127.0.0.1:{port}"),
        "connection refused",
    ] {
        assert!(err.contains(want), "{want}: {err}");
    }
    assert!(!err.contains("secret"), "the password is not shown: {err}");
}

#[test]
fn the_demo_opens_with_its_banner() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_luoshi"))
        .args(["demo", "--port", &free_port().to_string()])
        .env_remove("LUOSHI_LOG_LEVEL")
        .env_remove("RUST_LOG")
        .env_remove("LUOSHI_DATABASE")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let mut lines = Vec::new();
    for line in stdout.lines() {
        let line = line.unwrap();
        let done = line.contains("Luoshi@2020");
        lines.push(line);
        if done {
            break;
        }
    }
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(lines.iter().any(|l| l.contains("落实 Luoshi 演示")), "{lines:?}");
    assert!(
        !err.contains("migration applied"),
        "no log lines above the banner: {err}"
    );
}
