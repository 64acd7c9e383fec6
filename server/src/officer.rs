//! The office side of the reference deployment: officers move a dossier through the
//! national statuses (`POST /officer/dossiers/{code}/status`, bearer token from
//! `DVC_OFFICER_TOKEN`), each step checked by the core's rules, with what each step brings:
//! a request for documents with its deadline, a bill for the fee, the digitised result.

use crate::db::{params, Connection};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::Json;
use dvc_core::api::{ErrorBody, OfficerAction};
use dvc_core::date::vietnam_date;
use dvc_core::dossier::DossierStatus;
use dvc_core::tracking::DossierView;
use dvc_core::working_days::HolidayCalendar;
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::state::AppState;
use crate::tracking::{transition, view};
use utoipa_axum::{router::OpenApiRouter, routes};

fn authorised(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let given = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    let Some(token) = state.officer_token.as_deref() else { return Err(ApiError::Unauthorized) };
    // Same time whatever the first differing byte.
    let (a, b) = (Sha256::digest(given.as_bytes()), Sha256::digest(token.as_bytes()));
    if a.iter().zip(b.iter()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0 {
        Ok(())
    } else {
        Err(ApiError::Unauthorized)
    }
}

#[utoipa::path(post, path = "/officer/dossiers/{code}/status", tag = "officer",
    params(("code" = String, Path, max_length = 64), ("Authorization" = String, Header, description = "Bearer <DVC_OFFICER_TOKEN>")),
    request_body = OfficerAction,
    responses((status = 200, body = DossierView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 415, body = ErrorBody),
        (status = 409, description = "The core's rules refuse this change", body = ErrorBody)))]
pub async fn set_status(
    State(state): State<AppState>,
    Path(code): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<DossierView>, ApiError> {
    // Who asks, before anything of what they sent is read.
    authorised(&state, &headers)?;
    if !crate::web::is_json(&headers) {
        return Err(ApiError::UnsupportedMediaType);
    }
    let action: OfficerAction = crate::error::parse_json(&body)?;
    let to = DossierStatus::from_code(action.status)
        .ok_or_else(|| ApiError::invalid("status", "Mã trạng thái phải từ 1 đến 10."))?;
    if to == DossierStatus::SupplementRequested && action.documents.iter().all(|d| d.trim().is_empty()) {
        return Err(ApiError::invalid("documents", "Hãy nêu giấy tờ cần bổ sung."));
    }
    // Asking for the fee makes the bill the citizen will pay.
    if to == DossierStatus::FeeRequired {
        crate::payments::ensure_bill(&state, code.clone()).await?;
    }
    let dossier = code.clone();
    let now = state.clock.now();
    state
        .db
        .call(move |c| {
            let tx = c.transaction()?;
            apply(&tx, &dossier, to, &action, now)?;
            let v = view(&tx, &dossier, now)?;
            tx.commit()?;
            Ok(v)
        })
        .await
        .map(Json)
}

/// One officer step at `now` and what comes with it; the demo's clerk uses it too.
pub fn apply(c: &Connection, code: &str, to: DossierStatus, action: &OfficerAction, now: i64) -> Result<(), ApiError> {
    let (unit, procedure): (String, String) = c.query_row(
        "SELECT a.name, d.procedure_name FROM dossiers d JOIN agencies a ON a.id = d.agency_id WHERE d.code = ?1",
        crate::params![code],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    transition(c, code, to, &unit, action.note.trim(), now)?;
    let today = vietnam_date(now);
    match to {
        DossierStatus::SupplementRequested => {
            let deadline =
                HolidayCalendar::new().add_working_days(today, action.deadline_days.unwrap_or(5).clamp(1, 30));
            let documents: Vec<&str> = action.documents.iter().map(|d| d.trim()).filter(|d| !d.is_empty()).collect();
            c.execute(
                "INSERT INTO supplement_requests (dossier_code, documents, deadline, note, requested_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![code, serde_json::to_string(&documents).unwrap_or_default(), deadline.to_string(), action.note.trim(), now],
            )?;
        }
        DossierStatus::ResultReturned => {
            // An id nobody can guess: it is what the verification QR carries.
            let id = crate::random::token();
            c.execute(
                "INSERT INTO results (id, dossier_code, title, issued_on, issuer, issued_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
                 ON CONFLICT DO NOTHING",
                params![id, code, format!("Kết quả giải quyết: {}", procedure.trim_start_matches("Thủ tục ")), today.to_string(), unit, now],
            )?;
        }
        _ => {}
    }
    Ok(())
}

/// This module's routes, each declared once by its handler's `#[utoipa::path]`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(set_status))
}
