//! "Tiếp tục trên điện thoại": a kiosk hands an unfinished draft to the citizen's phone.
//! `POST /handoffs` keeps the draft under a random token for ten minutes; `GET
//! /handoffs/{token}` gives it back once. A used, expired or unknown token is the same 404.

use crate::db::{params, OptionalExtension};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use dvc_core::api::{ErrorBody, Handoff};

use crate::error::ApiError;
use crate::state::AppState;
use utoipa_axum::{router::OpenApiRouter, routes};

/// How long a handoff link works.
pub const HANDOFF_SECONDS: i64 = 600;
/// The largest draft carried (its answers; files stay on the server as upload ids).
const MAX_DRAFT: usize = 256 * 1024;

#[utoipa::path(post, path = "/handoffs", tag = "handoffs",
    request_body(content = Object, description = "The draft, as the app keeps it (a JSON object, at most 256 KB)", content_type = "application/json"),
    responses((status = 201, body = Handoff), (status = 400, body = ErrorBody)))]
pub async fn create(State(state): State<AppState>, body: Bytes) -> Result<(StatusCode, Json<Handoff>), ApiError> {
    if body.len() > MAX_DRAFT {
        return Err(ApiError::invalid("draft", "Bản nháp quá lớn để chuyển."));
    }
    let draft: serde_json::Value = crate::error::parse_json(&body)?;
    if !draft.is_object() {
        return Err(ApiError::InvalidJson { detail: "a draft is a JSON object".into(), path: None });
    }
    let now = state.clock.now();
    let token = crate::random::token();
    let handoff = Handoff { token: token.clone(), expires_at: now + HANDOFF_SECONDS };
    let json = draft.to_string();
    state
        .db
        .call(move |c| {
            // Expired links go as new ones come.
            c.execute("DELETE FROM handoffs WHERE expires_at < ?1", crate::params![now])?;
            c.execute(
                "INSERT INTO handoffs (token, draft, expires_at) VALUES (?1, ?2, ?3)",
                params![token, json, now + HANDOFF_SECONDS],
            )?;
            Ok(())
        })
        .await?;
    Ok((StatusCode::CREATED, Json(handoff)))
}

#[utoipa::path(get, path = "/handoffs/{token}", tag = "handoffs",
    params(("token" = String, Path, pattern = "^[0-9a-fA-F]{32}$", description = "The handoff's token, from the counter's QR code")),
    responses((status = 200, description = "The draft (JSON), given once"), (status = 404, description = "Used, expired or unknown", body = ErrorBody)))]
pub async fn take(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let gone = || {
        ApiError::not_found(
            "handoff_gone",
            "Liên kết này đã được dùng hoặc đã hết hạn. Hãy tạo mã mới trên máy tại quầy.",
        )
    };
    if token.len() != 32 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(gone());
    }
    let now = state.clock.now();
    let draft = state
        .db
        .call(move |c| {
            // Taken in one statement: two phones scanning at once cannot both get it.
            let draft: Option<String> = c
                .query_row(
                    "UPDATE handoffs SET used_at = ?1 WHERE token = ?2 AND used_at IS NULL AND expires_at >= ?1 RETURNING draft",
                    params![now, token],
                    |r| r.get(0),
                )
                .optional()?;
            Ok(draft)
        })
        .await?
        .ok_or_else(gone)?;
    serde_json::from_str(&draft).map(Json).map_err(|e| ApiError::Internal(e.to_string()))
}

/// This module's routes, each declared once by its handler's `#[utoipa::path]`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(create)).routes(routes!(take))
}
