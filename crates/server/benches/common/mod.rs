//! What the benchmarks share: a two-worker runtime, and a generated city (`luoshi gen`'s city
//! shape, seed 7) in a fresh SQLite file, with the office's account and a state to serve from.
#![allow(dead_code)]

use luoshi_server::{AppState, Layers, access::Reader};
use luoshi_store::{Store, migrate, user::User};

/// The runtime the benchmarks drive the server's async code with.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// A generated city in a new database named after `bench`: the store, its URL and the office's
/// account (`duchashi`).
pub async fn city(bench: &str) -> (Store, String, User) {
    let dir = dir_of(bench);
    std::fs::create_dir_all(&dir).unwrap();
    let url = dir.join("bench.db").display().to_string();
    let store = Store::connect(&url, 4).await.unwrap();
    migrate::run(&store).await.unwrap();
    let shape = luoshi_demo::bench_data::Size::City.shape();
    luoshi_demo::bench_data::generate(&store, "x", shape, 7, luoshi_demo::bench_data::default_today())
        .await
        .unwrap();
    let mut conn = store.conn().await.unwrap();
    let office = luoshi_store::user::users(&mut conn, 1)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.username == "duchashi")
        .unwrap();
    drop(conn);
    (store, url, office)
}

/// The server's state over `store` at `url`, its clock on the generated city's day, and the
/// office's reader.
pub fn serve(store: Store, url: &str, office: &User) -> (AppState, Reader) {
    let mut config = Layers::defaults()
        .flags(vec![("database", url.to_string())])
        .unwrap()
        .build()
        .unwrap();
    config.today = Some(luoshi_demo::bench_data::default_today());
    (AppState::new(store, config), Reader::of_user(office).unwrap())
}

fn dir_of(bench: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("luoshi-bench-{bench}-{}", std::process::id()))
}

/// Removes the database [`city`] made for `bench`.
pub fn clean(bench: &str) {
    let _ = std::fs::remove_dir_all(dir_of(bench));
}
