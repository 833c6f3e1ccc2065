//! A supervision order as the document the office sends (督办通知单): `/supervisions/{id}/print`
//! (the official layout, printable from the browser) and `/supervisions/{id}/docx` (Word, in the
//! layout of GB/T 9704). Whoever may read the order may have its document.

use askama::Template;
use axum::{extract::State, response::Response};

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    forms::Id,
    views::{bulletin::BlockView, order_doc::OrderDoc},
};

/// The order's document, as its reader may see it.
async fn doc_of(state: &AppState, viewer: &Viewer, id: i64) -> AppResult<OrderDoc> {
    let (access, d) = crate::views::supervision::detail(state, viewer, id).await?;
    let office = {
        let mut c = state.store.conn().await?;
        crate::ops::bulletin::office_name(&mut c, access.region).await?
    };
    let issued = access.order.issued_at.with_timezone(&crate::clock::cst()).date_naive();
    Ok(OrderDoc::new(
        &d,
        &office,
        luoshi_domain::fmt_date(issued, luoshi_domain::Lang::Zh),
    ))
}

#[derive(Template)]
#[template(path = "supervision_print.html")]
struct PrintPage {
    l: Layout,
    id: i64,
    doc: OrderDoc,
    blocks: Vec<BlockView>,
}

/// `GET /supervisions/{id}/print`
pub async fn print(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    let doc = doc_of(&state, &viewer, id).await?;
    let l = Layout::new(&state, &viewer, "/supervisions").await?;
    render(&PrintPage {
        l,
        id,
        blocks: doc.blocks(),
        doc,
    })
}

/// `GET /supervisions/{id}/docx`
pub async fn docx(State(state): State<AppState>, viewer: Viewer, Id(id): Id) -> AppResult<Response> {
    let doc = doc_of(&state, &viewer, id).await?;
    let bytes = doc.docx().map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(crate::files::attachment(
        bytes,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        &format!("order-{id}.docx"),
        &format!("督办通知单{}-{}.docx", doc.number, doc.title),
    ))
}
