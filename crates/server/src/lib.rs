//! Luoshi's web server: the HTML pages, the JSON API under `/api/v1`, authentication and the
//! access layer, `/healthz` and `/metrics`, and the background jobs.

pub mod access;
pub mod api;
pub mod assets;
pub mod audit_key;
pub mod auth;
pub mod client;
pub mod clock;
pub mod config;
pub mod ctx;
pub mod directory;
pub mod error;
pub mod files;
pub mod forms;
pub mod i18n;
pub mod jobs;
pub mod metrics;
pub mod middleware;
pub mod ops;
pub mod pages;
pub mod uploads;
pub mod views;

use std::{net::SocketAddr, sync::Arc};

use axum::Router;
use luoshi_store::Store;
use tokio::net::TcpListener;

pub use clock::Clock;
pub use config::{Config, ConfigError, Layers, LogFormat};
pub use error::{AppError, AppResult};

/// What every handler shares. Cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState(Arc<Inner>);

/// The shared parts.
#[derive(Debug)]
pub struct Inner {
    /// The database.
    pub store: Store,
    /// The validated configuration.
    pub config: Config,
    /// Where time comes from.
    pub clock: Clock,
    /// Request counters.
    pub metrics: metrics::Metrics,
    /// When the server started.
    pub started: std::time::Instant,
    /// The public site's plans as last judged.
    pub public_cache: access::public::PublicCache,
    /// Each region's units and leaders as last loaded.
    pub directories: directory::DirectoryCache,
    /// The plans' boards as last read.
    pub boards: luoshi_lights::BoardCache,
    /// The memory budget of upload bodies being read.
    pub uploads: uploads::Budget,
    /// The day each region's project warnings and indicator lights are known judged for.
    pub judged_days: luoshi_lights::JudgedDays,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    /// State for a server on `store` with `config`.
    pub fn new(store: Store, config: Config) -> AppState {
        let clock = config.today.map(Clock::Fixed).unwrap_or(Clock::System);
        let boards = luoshi_lights::BoardCache::new(config.board_cache_tasks);
        let uploads = uploads::Budget::new(config.upload_memory_mb);
        AppState(Arc::new(Inner {
            uploads,
            boards,
            store,
            config,
            clock,
            metrics: metrics::Metrics::default(),
            started: std::time::Instant::now(),
            public_cache: Default::default(),
            directories: Default::default(),
            judged_days: Default::default(),
        }))
    }
}

/// Every route of the server.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(pages::routes())
        .nest("/api/v1", api::routes())
        .merge(assets::routes())
        .route("/healthz", axum::routing::get(metrics::healthz))
        // A constant answer through the same middleware: the ceiling the load benchmark
        // compares every figure with.
        .route("/ping", axum::routing::get(|| async { "pong" }))
        .route("/metrics", axum::routing::get(metrics::metrics))
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::request))
        .with_state(state)
}

/// Binds the listen address; a busy port is a clear error naming it.
pub async fn bind(host: &str, port: u16) -> std::io::Result<TcpListener> {
    TcpListener::bind((host, port)).await.map_err(|e| {
        let hint = if e.kind() == std::io::ErrorKind::AddrInUse {
            format!("port {port} is already in use; choose another with --port")
        } else {
            e.to_string()
        };
        std::io::Error::new(e.kind(), format!("cannot listen on {host}:{port}: {hint}"))
    })
}

/// Installs the TLS crypto provider (rustls with ring) for outgoing HTTPS and SMTP; safe to
/// call more than once.
pub fn install_tls() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// Serves on `listener` until `shutdown` resolves, then finishes the requests in flight, stops
/// the job worker and closes the database.
pub async fn serve(
    state: AppState,
    listener: TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    // The text reader's word segmenter takes about 0.1 s and 60–80 MB to build: built at start
    // only when `warm_segmenter` says so; otherwise by the first document a user reads.
    if state.config.warm_segmenter {
        tokio::task::spawn_blocking(luoshi_text::warm_up);
    }
    let worker = state
        .config
        .run_jobs
        .then(|| tokio::spawn(jobs::run_worker(state.clone(), stop_rx)));
    let app = router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    // The job worker stops claiming jobs as soon as shutdown begins, while the open
    // connections drain, not after.
    let shutdown = async move {
        shutdown.await;
        let _ = stop_tx.send(true);
    };
    let result = axum::serve(listener, app).with_graceful_shutdown(shutdown).await;
    if let Some(w) = worker {
        let _ = w.await;
    }
    state.store.close().await;
    tracing::info!("server stopped");
    result
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}
