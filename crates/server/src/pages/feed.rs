//! `GET /feeds/{region}.{secret}/luoshi.ics`: a user's deadline calendar, fetched by a calendar app with
//! no session — the secret in the address stands for the user (its hash is looked up; an
//! address reset or turned off is a 404 at once), and reads go through the access layer as them.

use axum::{
    extract::{Path, State},
    http::header,
    response::{IntoResponse, Response},
};

use crate::{
    AppState,
    access::Reader,
    directory::Directory,
    error::{AppError, AppResult},
};

/// `GET /feeds/{secret}/luoshi.ics`
pub async fn calendar(State(state): State<AppState>, Path(secret): Path<String>) -> AppResult<Response> {
    // Only well-formed addresses are looked up: the region, a dot, 64 hex digits.
    let (region, secret) = secret.split_once('.').ok_or(AppError::NotFound)?;
    let region: i64 = region.parse().map_err(|_| AppError::NotFound)?;
    if secret.len() != 64 || !secret.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    let mut conn = state.store.conn().await?;
    let user = luoshi_store::user::user_by_feed(&mut conn, region, &crate::auth::token_id(secret))
        .await?
        .ok_or(AppError::NotFound)?;
    let reader = Reader::of_user(&user)?;
    let today = state.clock.today();
    luoshi_lights::ensure_current(&state.store, reader.region, today).await?;
    let dir = Directory::cached(&state.directories, &mut conn, reader.region).await?;
    let lang = user.lang;
    let events =
        crate::views::feed::events(&reader, user.id, &mut conn, &dir, lang, today, &state.config.base_url).await?;
    let name = format!(
        "{}·{}",
        lang.pick("落实·截止日期", "Luoshi deadlines"),
        user.display_name
    );
    let body = luoshi_office::ics::calendar(&name, "luoshi", &events, state.clock.now());
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "private, no-store"),
            (header::CONTENT_DISPOSITION, "inline; filename=\"luoshi.ics\""),
        ],
        body,
    )
        .into_response())
}
