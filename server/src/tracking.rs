//! Following a dossier (`GET /dossiers/{code}`) and what its applicant may do: supplement
//! documents, withdraw, rate. Every call names the applicant (`X-Applicant`: the CCCD or tax
//! code, or the phone given when filing). A wrong code and a wrong identity get the same 404,
//! and lookups are limited per client, so codes cannot be probed.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::HeaderMap;
use axum::Json;
use dvc_core::api::ErrorBody;
use dvc_core::date::{vietnam_date, vietnam_time, Date};
use dvc_core::dossier::{is_overdue, DossierStatus};
use dvc_core::payment::PaymentStatus;
use dvc_core::tracking::{mask_name, validate_rating, Actions, DossierView, FeeState, ResultDocument, StatusEvent, SupplementRequest};
use dvc_core::validation::normalize_phone;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::state::AppState;

pub const APPLICANT_HEADER: &str = "x-applicant";

fn not_found() -> ApiError {
    ApiError::NotFound("Không tìm thấy hồ sơ với mã và số giấy tờ hoặc số điện thoại này.".into())
}

/// Who asks: the client's address where the server knows it.
pub fn client_of(request: &Request) -> String {
    request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string()).unwrap_or_else(|| "local".into())
}

/// The applicant named in the request, normalised: digits of an ID number, or a phone number.
fn applicant(headers: &HeaderMap) -> Option<String> {
    let raw = headers.get(APPLICANT_HEADER)?.to_str().ok()?.trim().to_owned();
    (!raw.is_empty() && raw.len() <= 40).then_some(raw)
}

/// The dossier, if it exists and the applicant matches; a plain 404 otherwise.
fn authorised(c: &Connection, code: &str, who: &str) -> Result<(), ApiError> {
    let row: Option<(String, String)> =
        c.query_row("SELECT applicant_id_number, applicant_phone FROM dossiers WHERE code = ?1", [code], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    let Some((id_number, phone)) = row else { return Err(not_found()) };
    let typed_id: String = who.split_whitespace().collect();
    let same_id = !typed_id.is_empty() && typed_id == id_number;
    let same_phone = normalize_phone(who).ok().is_some_and(|p| normalize_phone(&phone).ok() == Some(p));
    if same_id || same_phone {
        Ok(())
    } else {
        Err(not_found())
    }
}

/// Checks the limit, the applicant and the dossier, then runs `f` in one transaction, at the
/// clock's `now`.
async fn with_dossier<T: Send + 'static>(
    state: &AppState,
    client: String,
    code: String,
    headers: &HeaderMap,
    f: impl FnOnce(&rusqlite::Transaction, &str, i64) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    state.lookups.check(&client).map_err(ApiError::TooManyRequests)?;
    let who = applicant(headers).ok_or_else(not_found)?;
    let now = state.clock.now();
    state
        .db
        .call(move |c| {
            let tx = c.transaction()?;
            authorised(&tx, &code, &who)?;
            let out = f(&tx, &code, now)?;
            tx.commit()?;
            Ok(out)
        })
        .await
}

/// Moves a dossier to `to` at `now` if the core's rules allow it, recording the step.
pub fn transition(c: &Connection, code: &str, to: DossierStatus, unit: &str, note: &str, now: i64) -> Result<(), ApiError> {
    let status: u8 = c.query_row("SELECT status FROM dossiers WHERE code = ?1", [code], |r| r.get(0)).optional()?.ok_or_else(not_found)?;
    let from = DossierStatus::from_code(status).ok_or_else(|| ApiError::Internal(format!("status {status}")))?;
    from.move_to(to).map_err(|e| ApiError::Conflict { code: "illegal_transition", message: e.vi() })?;
    c.execute("UPDATE dossiers SET status = ?1 WHERE code = ?2", params![to.code(), code])?;
    if to == DossierStatus::Processed {
        c.execute("UPDATE dossiers SET finished_on = ?1 WHERE code = ?2", params![vietnam_date(now).to_string(), code])?;
    }
    c.execute("INSERT INTO dossier_events (dossier_code, status, at, unit, note) VALUES (?1, ?2, ?3, ?4, ?5)", params![code, to.code(), now, unit, note])?;
    Ok(())
}

/// The dossier as its applicant sees it at `now` (overdue or not).
pub fn view(c: &Connection, code: &str, now: i64) -> Result<DossierView, ApiError> {
    let (procedure_code, procedure_name, agency, applicant, received_on, appointment_on, status): (String, String, String, String, String, String, u8) = c.query_row(
        "SELECT d.procedure_code, d.procedure_name, a.name, d.applicant_name, d.received_on, d.appointment_on, d.status \
         FROM dossiers d JOIN agencies a ON a.id = d.agency_id WHERE d.code = ?1",
        [code],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
    )?;
    let current = DossierStatus::from_code(status).unwrap_or(DossierStatus::NewlyRegistered);
    let mut stmt = c.prepare_cached("SELECT status, at, unit, note FROM dossier_events WHERE dossier_code = ?1 ORDER BY id")?;
    let events = stmt
        .query_map([code], |r| {
            let s: u8 = r.get(0)?;
            Ok(StatusEvent {
                status: s,
                status_name: DossierStatus::from_code(s).map_or("", DossierStatus::name_vi).to_owned(),
                at: vietnam_time(r.get(1)?),
                unit: r.get(2)?,
                note: r.get(3)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let supplement = if current == DossierStatus::SupplementRequested {
        c.query_row(
            "SELECT documents, deadline, note FROM supplement_requests WHERE dossier_code = ?1 AND answered_at IS NULL ORDER BY id DESC LIMIT 1",
            [code],
            |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .map(|(docs, deadline, note)| SupplementRequest { documents: serde_json::from_str(&docs).unwrap_or_default(), deadline, note })
    } else {
        None
    };
    let fee = c
        .query_row(
            "SELECT p.amount, p.status, r.number FROM payments p LEFT JOIN receipts r ON r.bill_number = p.bill_number WHERE p.dossier_code = ?1",
            [code],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?)),
        )
        .optional()?
        .map(|(amount, status, receipt_number)| FeeState {
            amount: amount as u64,
            status: PaymentStatus::from_code(&status).unwrap_or(PaymentStatus::Pending),
            receipt_number,
        });
    let result = c
        .query_row("SELECT id, title, issued_on, issuer FROM results WHERE dossier_code = ?1", [code], |r| {
            Ok(ResultDocument { id: r.get(0)?, title: r.get(1)?, issued_on: r.get(2)?, issuer: r.get(3)? })
        })
        .optional()?;
    let rating: Option<u8> = c.query_row("SELECT stars FROM ratings WHERE dossier_code = ?1", [code], |r| r.get(0)).optional()?;
    let overdue = Date::parse_dmy(&appointment_on).is_ok_and(|day| is_overdue(current, day, vietnam_date(now)));
    Ok(DossierView {
        code: code.to_owned(),
        procedure_code,
        procedure_name,
        agency,
        applicant: mask_name(&applicant),
        received_on,
        appointment_on,
        overdue,
        status,
        status_name: current.name_vi().to_owned(),
        events,
        supplement,
        fee,
        result,
        rating,
        actions: Actions::for_status(current, rating.is_some()),
    })
}

#[utoipa::path(get, path = "/api/v1/dossiers/{code}", tag = "tracking",
    params(("code" = String, Path, description = "Dossier code"),
           ("X-Applicant" = String, Header, description = "The applicant's CCCD (or tax code) or phone, as given when filing")),
    responses((status = 200, body = DossierView),
        (status = 404, description = "No such dossier for this applicant (the same answer for a wrong code and a wrong identity)", body = ErrorBody),
        (status = 429, description = "Too many lookups; see Retry-After", body = ErrorBody)))]
pub async fn get(State(state): State<AppState>, Path(code): Path<String>, request: Request) -> Result<Json<DossierView>, ApiError> {
    let client = client_of(&request);
    with_dossier(&state, client, code, request.headers(), |c, code, now| view(c, code, now)).await.map(Json)
}

#[derive(Debug, Deserialize, Serialize, utoipa::ToSchema)]
pub struct Supplement {
    /// Upload ids of the documents asked for.
    pub uploads: Vec<String>,
    #[serde(default)]
    pub note: String,
}

#[utoipa::path(post, path = "/api/v1/dossiers/{code}/supplements", tag = "tracking",
    params(("code" = String, Path), ("X-Applicant" = String, Header)), request_body = Supplement,
    responses((status = 200, body = DossierView), (status = 404, body = ErrorBody), (status = 409, description = "No documents were asked for", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn supplement(State(state): State<AppState>, Path(code): Path<String>, request: Request) -> Result<Json<DossierView>, ApiError> {
    let (client, headers) = (client_of(&request), request.headers().clone());
    let body: Supplement = json_body(request).await?;
    if body.uploads.is_empty() || body.uploads.len() > 20 {
        return Err(ApiError::invalid("uploads", "Hãy đính kèm giấy tờ được yêu cầu (tối đa 20 tệp)."));
    }
    with_dossier(&state, client, code, &headers, move |c, code, now| {
        let mut exists = c.prepare_cached("SELECT 1 FROM uploads WHERE id = ?1")?;
        for id in &body.uploads {
            if !exists.exists([id])? {
                return Err(ApiError::invalid("uploads", "Tệp đính kèm này không còn trên hệ thống, hãy tải lên lại."));
            }
        }
        let unit: String = c.query_row("SELECT a.name FROM dossiers d JOIN agencies a ON a.id = d.agency_id WHERE d.code = ?1", [code], |r| r.get(0))?;
        transition(c, code, DossierStatus::Processing, &unit, "Công dân đã bổ sung giấy tờ", now)?;
        c.execute(
            "UPDATE supplement_requests SET answered_at = ?1, uploads = ?2 WHERE dossier_code = ?3 AND answered_at IS NULL",
            params![now, serde_json::to_string(&body.uploads).unwrap_or_default(), code],
        )?;
        view(c, code, now)
    })
    .await
    .map(Json)
}

#[derive(Debug, Deserialize, Serialize, utoipa::ToSchema)]
pub struct Withdrawal {
    #[serde(default)]
    pub reason: String,
}

#[utoipa::path(post, path = "/api/v1/dossiers/{code}/withdrawal", tag = "tracking",
    params(("code" = String, Path), ("X-Applicant" = String, Header)), request_body = Withdrawal,
    responses((status = 200, body = DossierView), (status = 404, body = ErrorBody), (status = 409, description = "Not in this status", body = ErrorBody)))]
pub async fn withdraw(State(state): State<AppState>, Path(code): Path<String>, request: Request) -> Result<Json<DossierView>, ApiError> {
    let (client, headers) = (client_of(&request), request.headers().clone());
    let body: Withdrawal = json_body(request).await?;
    let reason = body.reason.chars().take(500).collect::<String>();
    with_dossier(&state, client, code, &headers, move |c, code, now| {
        transition(c, code, DossierStatus::WithdrawalRequested, "Công dân", &reason, now)?;
        view(c, code, now)
    })
    .await
    .map(Json)
}

#[derive(Debug, Deserialize, Serialize, utoipa::ToSchema)]
pub struct Rating {
    pub stars: u8,
    #[serde(default)]
    pub comment: String,
}

#[utoipa::path(post, path = "/api/v1/dossiers/{code}/rating", tag = "tracking",
    params(("code" = String, Path), ("X-Applicant" = String, Header)), request_body = Rating,
    responses((status = 200, body = DossierView), (status = 404, body = ErrorBody),
        (status = 409, description = "Before the result is returned, or rated already", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn rate(State(state): State<AppState>, Path(code): Path<String>, request: Request) -> Result<Json<DossierView>, ApiError> {
    let (client, headers) = (client_of(&request), request.headers().clone());
    let body: Rating = json_body(request).await?;
    validate_rating(body.stars, &body.comment).map_err(|problem| ApiError::Validation(vec![dvc_core::form::FieldError { path: "stars".into(), problem }]))?;
    with_dossier(&state, client, code, &headers, move |c, code, now| {
        let status: u8 = c.query_row("SELECT status FROM dossiers WHERE code = ?1", [code], |r| r.get(0))?;
        if status != DossierStatus::ResultReturned.code() {
            return Err(ApiError::Conflict { code: "not_returned_yet", message: "Chỉ đánh giá được sau khi đã nhận kết quả.".into() });
        }
        let added = c.execute(
            "INSERT OR IGNORE INTO ratings (dossier_code, stars, comment, at) VALUES (?1, ?2, ?3, ?4)",
            params![code, body.stars, body.comment.trim(), now],
        )?;
        if added == 0 {
            return Err(ApiError::Conflict { code: "already_rated", message: "Hồ sơ này đã được đánh giá.".into() });
        }
        view(c, code, now)
    })
    .await
    .map(Json)
}

async fn json_body<T: serde::de::DeserializeOwned>(request: Request) -> Result<T, ApiError> {
    let bytes = axum::body::to_bytes(request.into_body(), 64 * 1024).await.map_err(|e| ApiError::InvalidJson(e.to_string()))?;
    serde_json::from_slice(&bytes).map_err(|e| ApiError::InvalidJson(e.to_string()))
}
