//! Per-request context kept in a task-local: the request id, the language and whether the
//! request is for the JSON API. Set by the middleware, read by error responses and templates.

use luoshi_domain::Lang;

/// What every part of a request's handling may need to know about it.
#[derive(Debug, Clone)]
pub struct RequestCtx {
    /// A short random id, shown on error pages and logged with the request.
    pub id: String,
    /// The language the answer should be in.
    pub lang: Lang,
    /// Whether the path is under `/api/`.
    pub api: bool,
    /// The path and query, for "log in and come back".
    pub path: String,
}

tokio::task_local! {
    static CTX: RequestCtx;
}

/// Runs `f` with `ctx` as the current request's context.
pub async fn scope<F: std::future::Future>(ctx: RequestCtx, f: F) -> F::Output {
    CTX.scope(ctx, f).await
}

/// The current request's context; defaults outside a request (tests, jobs).
pub fn current() -> RequestCtx {
    CTX.try_with(Clone::clone).unwrap_or(RequestCtx {
        id: "-".into(),
        lang: Lang::Zh,
        api: false,
        path: "/".into(),
    })
}

/// A random hex string of `bytes` bytes from the OS generator.
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    if getrandom::fill(&mut buf).is_err() {
        // Without OS randomness no token can be safe; fall back to time-based bytes only for
        // request ids (tokens call `secure_token`, which fails instead).
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        for (i, b) in buf.iter_mut().enumerate() {
            *b = (t >> ((i % 16) * 8)) as u8;
        }
    }
    hex(&buf)
}

/// A secret token of 32 random bytes, hex; an error when the OS cannot supply randomness.
pub fn secure_token() -> Result<String, getrandom::Error> {
    let mut buf = [0u8; 32];
    getrandom::fill(&mut buf)?;
    Ok(hex(&buf))
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
