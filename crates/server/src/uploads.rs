//! Request bodies that carry files: refused as soon as the declared length or the bytes read pass
//! the route's limit, read only for a logged-in user, and only within one memory budget shared by
//! every upload being read at once (`upload_memory_mb`), so that large or many uploads cannot
//! grow the server without bound.

use std::time::Duration;

use axum::{
    body::{Body, Bytes},
    extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Request},
    http::{HeaderMap, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
    routing::MethodRouter,
};

use crate::{
    AppState, Config,
    auth::Viewer,
    error::{AppError, AppResult},
};

const MB: usize = 1024 * 1024;

/// How long an upload waits for room in the memory budget before it is turned away.
const WAIT: Duration = Duration::from_secs(30);

/// How much of a refused body is still read (and thrown away) so the client, still sending,
/// reads the answer instead of a reset connection: at most this many bytes, for at most
/// [`DRAIN_TIME`].
const DRAIN_BYTES: usize = 512 * MB;
const DRAIN_TIME: Duration = Duration::from_secs(10);

/// What a route's body carries, which sets its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upload {
    /// Evidence files, as form parts or as the raw body: all files of one submission together at
    /// most `max_upload_mb`, with a margin for the form's text.
    Files,
    /// Evidence files in base64 inside a JSON body.
    Base64Files,
    /// One document or sheet, at most this many bytes.
    Document(usize),
    /// One document or sheet in base64 inside a JSON body, at most this many bytes decoded.
    Base64Document(usize),
}

impl Upload {
    /// The largest body accepted, in bytes.
    pub fn limit(self, config: &Config) -> usize {
        let base64 = |n: usize| n.div_ceil(3) * 4 + 64 * 1024;
        match self {
            Upload::Files => (config.max_upload_mb + 1) * MB,
            Upload::Base64Files => base64((config.max_upload_mb + 1) * MB),
            Upload::Document(n) => n,
            Upload::Base64Document(n) => base64(n),
        }
    }
}

/// What a page's file input tells the browser: the most its files may weigh together, and what
/// to say when the chosen files weigh more (checked before anything is sent; the server checks
/// again).
#[derive(Debug, Clone)]
pub struct Fits {
    /// Bytes.
    pub max: usize,
    /// The message, in the page's language.
    pub message: String,
}

impl Fits {
    /// For a route taking `kind`, in `lang`.
    pub fn new(config: &Config, kind: Upload, lang: luoshi_domain::Lang) -> Fits {
        let max = match kind {
            Upload::Files | Upload::Base64Files => config.max_upload_mb * MB,
            Upload::Document(n) | Upload::Base64Document(n) => n,
        };
        let mb = max.div_ceil(MB);
        let message = match lang {
            luoshi_domain::Lang::Zh => format!("所选文件合计超过{mb}MB的上限，请压缩或分次上传。"),
            luoshi_domain::Lang::En => {
                format!("The chosen files weigh more than {mb} MB in all: compress them or send them in parts.")
            }
        };
        Fits { max, message }
    }
}

/// The limit the guard set on this request's body, for the extractors' error message.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

/// `route` (a POST or PUT taking files) behind the upload guard for bodies of `kind`.
pub fn limited(route: MethodRouter<AppState>, kind: Upload) -> MethodRouter<AppState> {
    route
        .layer::<_, std::convert::Infallible>(axum::middleware::from_fn(guard))
        .layer::<_, std::convert::Infallible>(axum::Extension(kind))
        .layer::<_, std::convert::Infallible>(DefaultBodyLimit::disable())
}

/// The memory budget of uploads being read, in KiB permits.
#[derive(Debug)]
pub struct Budget {
    permits: std::sync::Arc<tokio::sync::Semaphore>,
    total: u32,
}

impl Budget {
    /// A budget of `mb` megabytes.
    pub fn new(mb: usize) -> Budget {
        let total = u32::try_from(mb.saturating_mul(1024)).unwrap_or(u32::MAX >> 4);
        Budget {
            permits: std::sync::Arc::new(tokio::sync::Semaphore::new(total as usize)),
            total,
        }
    }

    /// Room for `bytes`, waiting at most [`WAIT`]; a body larger than the whole budget waits for
    /// all of it.
    async fn room(&self, bytes: usize) -> AppResult<tokio::sync::OwnedSemaphorePermit> {
        let kib = u32::try_from(bytes.div_ceil(1024))
            .unwrap_or(u32::MAX)
            .clamp(1, self.total);
        tokio::time::timeout(WAIT, self.permits.clone().acquire_many_owned(kib))
            .await
            .map_err(|_| AppError::Busy)?
            .map_err(|_| AppError::Busy)
    }
}

fn declared_length(headers: &HeaderMap) -> Option<usize> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
}

/// Admits a body: too long by its declared length → 413 before a byte is read; not logged in →
/// refused before a byte is read; then it waits for room in the budget and is read through a
/// limit that stops it the moment it passes.
async fn guard(req: Request, next: Next) -> Response {
    match admit(req).await {
        Ok((req, permit)) => {
            let resp = next.run(req).await;
            drop(permit);
            resp
        }
        Err(e) => e.into_response(),
    }
}

async fn admit(req: Request) -> AppResult<(Request, tokio::sync::OwnedSemaphorePermit)> {
    let state = req
        .extensions()
        .get::<AppState>()
        .cloned()
        .ok_or_else(|| AppError::Internal("upload guard without state".into()))?;
    let kind = req.extensions().get::<Upload>().copied().unwrap_or(Upload::Files);
    let limit = kind.limit(&state.config);
    let declared = declared_length(req.headers());
    let (mut parts, body) = req.into_parts();
    // From here on, a body left unread is thrown away on its own task (see [`Drained`]).
    let body = Drained(Some(body));
    if declared.is_some_and(|n| n > limit) {
        return Err(AppError::TooLarge(Some(limit)));
    }
    let viewer = Viewer::from_request_parts(&mut parts, &state).await?;
    parts.extensions.insert(viewer);
    parts.extensions.insert(BodyLimit(limit));
    let permit = state.uploads.room(declared.unwrap_or(limit)).await?;
    let body = Body::new(http_body_util::Limited::new(body, limit));
    Ok((Request::from_parts(parts, body), permit))
}

/// A request body that, dropped before its end (refused, or cut off at its limit), is read to its
/// end and thrown away on a task of its own — at most [`DRAIN_BYTES`] for at most
/// [`DRAIN_TIME`], one chunk in memory at a time — so that a client still sending reads the
/// answer (413 and its message) rather than a reset connection.
struct Drained(Option<Body>);

impl http_body::Body for Drained {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Bytes>, axum::Error>>> {
        let Some(body) = self.0.as_mut() else {
            return std::task::Poll::Ready(None);
        };
        let polled = std::pin::Pin::new(body).poll_frame(cx);
        if let std::task::Poll::Ready(None) = polled {
            self.0 = None;
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.0.as_ref().is_none_or(http_body::Body::is_end_stream)
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.0
            .as_ref()
            .map(http_body::Body::size_hint)
            .unwrap_or_else(|| http_body::SizeHint::with_exact(0))
    }
}

impl Drop for Drained {
    fn drop(&mut self) {
        let Some(body) = self.0.take().filter(|b| !http_body::Body::is_end_stream(b)) else {
            return;
        };
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            rt.spawn(async move {
                use http_body_util::BodyExt;
                let mut body = body;
                let mut read = 0usize;
                let _ = tokio::time::timeout(DRAIN_TIME, async {
                    while read < DRAIN_BYTES {
                        match body.frame().await {
                            Some(Ok(f)) => read += f.data_ref().map(|d| d.len()).unwrap_or(0),
                            _ => break,
                        }
                    }
                })
                .await;
            });
        }
    }
}

/// Whether `e` (or what caused it) is a body passing its limit.
pub fn is_length_limit(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur = Some(e);
    while let Some(err) = cur {
        if err.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        cur = err.source();
    }
    false
}

/// The error for a body that could not be read: 413 when it passed its limit (`limit` when
/// known), 400 otherwise.
pub fn unreadable(status: StatusCode, text: String, limit: Option<usize>) -> AppError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::TooLarge(limit)
    } else {
        AppError::BadRequest(text)
    }
}

/// The whole raw body (a file sent as the body), read through the guard's limit.
#[derive(Debug)]
pub struct Raw(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for Raw {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let limit = req.extensions().get::<BodyLimit>().map(|l| l.0);
        Bytes::from_request(req, state)
            .await
            .map(Raw)
            .map_err(|e| unreadable(e.status(), e.body_text(), limit))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base64_limit_has_room_for_the_encoded_file() {
        let config = crate::Layers::defaults().build().unwrap();
        let files = Upload::Files.limit(&config);
        assert_eq!(files, (config.max_upload_mb + 1) * MB);
        assert!(Upload::Base64Files.limit(&config) >= files / 3 * 4);
        assert_eq!(Upload::Document(5).limit(&config), 5);
    }

    #[tokio::test]
    async fn the_budget_lets_a_body_in_only_when_there_is_room() {
        let b = Budget::new(2);
        let first = b.room(MB + 1).await.unwrap();
        // 2 MB in all: a second body of 1 MB must wait until the first is done.
        let waiting = tokio::time::timeout(Duration::from_millis(50), b.room(MB)).await;
        assert!(waiting.is_err(), "the second body got in over the budget");
        drop(first);
        assert!(b.room(MB).await.is_ok());
        // A body larger than the whole budget waits for all of it, not for ever.
        assert!(b.room(10 * MB).await.is_ok());
    }

    #[tokio::test]
    async fn a_length_limit_is_found_among_the_causes() {
        let body = Body::new(http_body_util::Limited::new(Body::from("more than four"), 4));
        let e = axum::body::to_bytes(body, usize::MAX).await.unwrap_err();
        assert!(is_length_limit(&e));
        let other = std::io::Error::other("closed");
        assert!(!is_length_limit(&other));
    }
}
