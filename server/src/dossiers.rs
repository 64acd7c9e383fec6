//! `POST /dossiers`: a dossier filed online, exactly once per `Idempotency-Key`, checked
//! again with the core's rules, numbered in the provincial format, with its appointment date
//! counted in working days.

use crate::db::{params, Connection, OptionalExtension};
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use dvc_core::api::{DossierReceipt, ErrorBody, SubmitDossier};
use dvc_core::catalog::{ApplicantType, ChannelKind, Procedure};
use dvc_core::date::{vietnam_date, Date};
use dvc_core::dossier::{dossier_code, DossierStatus};
use dvc_core::form::{validate_answers, Applicant, FieldError, FormDefinition};
use dvc_core::tracking::SystemText;
use dvc_core::validation::{normalize_id_number, normalize_phone, Problem};
use dvc_core::working_days::HolidayCalendar;
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::forms::form_for;
use crate::procedures::load_record;
use crate::query_string;
use crate::state::AppState;
use utoipa_axum::{router::OpenApiRouter, routes};

const KEY_HEADER: &str = "idempotency-key";

/// File a dossier. Send the same `Idempotency-Key` again (a double click, a retry after a
/// timeout) and the same dossier comes back; the same key with another body is a 409.
#[utoipa::path(post, path = "/dossiers", tag = "dossiers",
    params(("Idempotency-Key" = String, Header, pattern = "^[A-Za-z0-9_-]{8,128}$", description = "A fresh random key per dossier (8–128 letters, digits, - or _)")),
    request_body = SubmitDossier,
    responses(
        (status = 201, description = "Filed (or filed before with this key)", body = DossierReceipt),
        (status = 422, description = "Mistakes in the answers, each at its path in `errors`", body = ErrorBody),
        (status = 409, description = "The key was used for another request", body = ErrorBody),
        (status = 400, description = "No key, or a body that is not the expected JSON", body = ErrorBody),
        (status = 403, description = "Signing in is on and the procedure asks for a level-2 e-ID (`eid_required`, `eid_level_too_low`), or a cross-site request with the session cookie", body = ErrorBody),
        (status = 404, description = "No such procedure, or filed in person only", body = ErrorBody)))]
pub async fn submit(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Result<Response, ApiError> {
    let key = idempotency_key(&headers)?;
    let signed_in = crate::auth::signed_in(&state, &headers).await?;
    let mut request: SubmitDossier = crate::error::parse_json(&body)?;
    // The same request, however its JSON was spaced: hash the parsed value.
    let request_hash = hex(&Sha256::digest(serde_json::to_vec(&request).unwrap_or_default()));

    if let Some(receipt) = replay(&state, &key, &request_hash).await? {
        return Ok(created(receipt, true));
    }

    let procedure = load_record(&state, request.procedure_code.clone()).await?;
    check_level(&state, &procedure, signed_in.as_ref())?;
    // Signed in, the identity is the e-ID's, not what the body says (and its phone and
    // e-mail where the body gives none).
    if let Some(who) = &signed_in {
        who.citizen.prefill(&mut request.answers.applicant);
    }
    let form = form_for(&state, &procedure).await?;
    let now = state.clock.now();
    let today = vietnam_date(now);
    let mut errors = validate_answers(&form, &request.answers, today);
    errors.extend(missing_uploads(&state, &request).await?);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }

    let days = procedure.main_channel().map_or(0, |c| c.days as u32);
    let agency = receiving_agency(&state, &form, &procedure, &request.answers.applicant);
    let filing = Filing {
        key,
        request_hash,
        now,
        today,
        appointment: HolidayCalendar::new().add_working_days(today, days),
        answers_json: serde_json::to_string(&request.answers).map_err(|e| ApiError::Internal(e.to_string()))?,
        attached: request.answers.documents.values().flatten().cloned().collect(),
        applicant: request.answers.applicant,
        agency,
        procedure: (procedure.code, procedure.name),
        eid: signed_in.map(|who| (who.citizen_id, who.level)),
    };
    // One connection behind a lock: the check and the insert cannot interleave with another
    // request's, so twenty concurrent retries make one dossier.
    let (receipt, replayed) = state.db.call(move |c| file(c, filing)).await?;
    Ok(created(receipt, replayed))
}

/// What a validated request files, ready for the database.
struct Filing {
    key: String,
    request_hash: String,
    now: i64,
    today: Date,
    appointment: Date,
    answers_json: String,
    attached: Vec<String>,
    applicant: Applicant,
    /// The receiving agency's id and short name.
    agency: (String, String),
    /// The procedure's code and name.
    procedure: (String, String),
    /// Filed signed in: the citizen's row and their e-ID's level.
    eid: Option<(i64, u8)>,
}

/// Who receives the dossier (id, short name): the procedure's agency, or with two tiers, when
/// any commune receives it, the applicant's own commune (checked with the answers).
fn receiving_agency(
    state: &AppState,
    form: &FormDefinition,
    procedure: &Procedure,
    applicant: &Applicant,
) -> (String, String) {
    let own = form
        .receiver(applicant)
        .and_then(|r| state.catalog.snapshot.agencies.iter().find(|a| a.id == r.id))
        .unwrap_or(&procedure.agency);
    (own.id.clone(), own.short.clone())
}

/// With signing in on, a procedure that asks for a level-2 e-ID is filed only by a citizen
/// signed in at level 2 (the app offers the others a way to sign in or step up).
fn check_level(
    state: &AppState,
    procedure: &dvc_core::Procedure,
    who: Option<&crate::auth::sessions::SignedIn>,
) -> Result<(), ApiError> {
    let needed = dvc_core::eid::level_required(procedure);
    if state.oidc.is_none() || needed < 2 {
        return Ok(());
    }
    match who {
        Some(who) if who.level >= needed => Ok(()),
        Some(_) => Err(ApiError::Forbidden {
            code: "eid_level_too_low",
            message: "Thủ tục này cần tài khoản định danh điện tử mức 2.".into(),
        }),
        None => Err(ApiError::Forbidden {
            code: "eid_required",
            message: "Thủ tục này cần đăng nhập bằng tài khoản định danh điện tử mức 2.".into(),
        }),
    }
}

/// Files a dossier in one transaction (or finds the one its key filed): its receipt, and
/// whether it was filed before.
fn file(c: &mut Connection, f: Filing) -> Result<(DossierReceipt, bool), ApiError> {
    let tx = c.transaction()?;
    if let Some(found) = find_by_key(&tx, &f.key, &f.request_hash)? {
        return Ok((found, true));
    }
    let (agency_id, agency_name) = f.agency;
    let today = f.today;
    let day = format!("{:04}-{:02}-{:02}", today.year, today.month, today.day);
    let sequence: u32 = tx.query_row(
        "INSERT INTO dossier_sequences (agency_id, day, last) VALUES (?1, ?2, 1) \
         ON CONFLICT (agency_id, day) DO UPDATE SET last = dossier_sequences.last + 1 RETURNING last",
        params![agency_id, day],
        |r| r.get(0),
    )?;
    let code =
        dossier_code(&agency_id, today, sequence).ok_or_else(|| ApiError::Internal("dossier sequence 0".into()))?;
    let receipt = DossierReceipt {
        receipt_number: format!("BN-{code}"),
        code,
        procedure_code: f.procedure.0,
        procedure_name: f.procedure.1,
        agency: agency_name,
        status: DossierStatus::NewlyRegistered.code(),
        status_name: DossierStatus::NewlyRegistered.name_vi().to_owned(),
        received_on: today.to_string(),
        appointment_on: f.appointment.to_string(),
    };
    let applicant = &f.applicant;
    tx.execute(
        "INSERT INTO dossiers (code, receipt_number, procedure_code, procedure_name, agency_id, applicant_name, \
         applicant_kind, applicant_id_number, applicant_phone, status, channel, received_on, appointment_on, answers, created_at, \
         citizen_id, eid_level) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        params![
            receipt.code,
            receipt.receipt_number,
            receipt.procedure_code,
            receipt.procedure_name,
            agency_id,
            applicant.full_name.trim(),
            if applicant.kind == ApplicantType::Citizen { "citizen" } else { "organisation" },
            normalize_id_number(&applicant.id_number),
            applicant.phone.trim(),
            receipt.status,
            ChannelKind::Online.code(),
            receipt.received_on,
            receipt.appointment_on,
            f.answers_json,
            crate::db::utc_timestamp(f.now),
            f.eid.map(|(citizen, _)| citizen),
            f.eid.map(|(_, level)| level),
        ],
    )?;
    tx.execute(
        "INSERT INTO dossier_events (dossier_code, status, at, unit, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![receipt.code, receipt.status, f.now, receipt.agency, SystemText::FiledOnline.vi()],
    )?;
    tx.execute(
        "INSERT INTO idempotency_keys (key, request_hash, dossier_code) VALUES (?1, ?2, ?3)",
        params![f.key, f.request_hash, receipt.code],
    )?;
    crate::uploads::attach(&tx, &f.attached)?;
    tx.commit()?;
    Ok((receipt, false))
}

fn created(receipt: DossierReceipt, replayed: bool) -> Response {
    let mut response = (StatusCode::CREATED, Json(receipt)).into_response();
    if replayed {
        response.headers_mut().insert(HeaderName::from_static("idempotent-replayed"), HeaderValue::from_static("true"));
    }
    response
}

fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let key = headers.get(KEY_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("").trim();
    let ok = (8..=128).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(key.to_owned())
    } else {
        Err(ApiError::invalid(
            "Idempotency-Key",
            "Thiếu mã yêu cầu (Idempotency-Key): 8–128 chữ cái, chữ số, - hoặc _.",
        ))
    }
}

async fn replay(state: &AppState, key: &str, request_hash: &str) -> Result<Option<DossierReceipt>, ApiError> {
    let (key, hash) = (key.to_owned(), request_hash.to_owned());
    state.db.call(move |c| find_by_key(c, &key, &hash)).await
}

/// The dossier filed with this key, or 409 when the key came with another request.
fn find_by_key(c: &crate::db::Connection, key: &str, request_hash: &str) -> Result<Option<DossierReceipt>, ApiError> {
    let found: Option<(String, String)> = c
        .query_row("SELECT request_hash, dossier_code FROM idempotency_keys WHERE key = ?1", crate::params![key], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((hash, code)) = found else { return Ok(None) };
    if hash != request_hash {
        return Err(ApiError::IdempotencyConflict);
    }
    let receipt =
        c.query_row(&format!("{RECEIPT_SELECT} WHERE d.code = ?1"), crate::params![code], receipt_from_row)?;
    Ok(Some(receipt))
}

const RECEIPT_SELECT: &str =
    "SELECT d.code, d.receipt_number, d.procedure_code, d.procedure_name, a.short, d.status, d.received_on, \
     d.appointment_on FROM dossiers d JOIN agencies a ON a.id = d.agency_id";

fn receipt_from_row(r: &crate::db::Row) -> Result<DossierReceipt, crate::db::Error> {
    let status: u8 = r.get(5)?;
    Ok(DossierReceipt {
        code: r.get(0)?,
        receipt_number: r.get(1)?,
        procedure_code: r.get(2)?,
        procedure_name: r.get(3)?,
        agency: r.get(4)?,
        status,
        status_name: DossierStatus::from_code(status).map_or("", DossierStatus::name_vi).to_owned(),
        received_on: r.get(6)?,
        appointment_on: r.get(7)?,
    })
}

/// An applicant's own dossiers, newest first: both the ID number and the phone given when
/// filing must match, so knowing one of them is not enough to list someone's dossiers. Both
/// come in headers, never in the address (which logs and histories keep); lookups are limited
/// per client like a dossier's.
#[utoipa::path(get, path = "/dossiers", tag = "dossiers",
    params(("X-Applicant" = String, Header, max_length = 32, description = "CCCD or tax code given when filing"),
           ("X-Phone" = String, Header, max_length = 32, description = "Phone number given when filing")),
    responses((status = 200, body = Vec<DossierReceipt>), (status = 400, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn mine(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    request: axum::extract::Request,
) -> Result<Json<Vec<DossierReceipt>>, ApiError> {
    if let Some((key, _)) = query_string::parse(raw.as_deref())?.into_iter().next() {
        return Err(ApiError::invalid(
            &key,
            "Không đưa số giấy tờ hay số điện thoại lên địa chỉ: hãy gửi trong tiêu đề X-Applicant và X-Phone.",
        ));
    }
    let client = state.client(&request);
    let (reads, now, factor) =
        (state.reads.clone(), state.clock.now(), if client.kiosk { crate::state::KIOSK_FACTOR } else { 1 });
    state.db.call(move |c| reads.check_scaled(c, &client.key, factor, now)).await?;
    let (id_number, phone) = {
        let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        (header("x-applicant"), header("x-phone"))
    };
    drop(request);
    let id_number = id_number.map(|v| normalize_id_number(&v)).filter(|v| !v.is_empty() && v.len() <= 20);
    let id_number = id_number.ok_or_else(|| ApiError::invalid("X-Applicant", Problem::Required.vi()))?;
    let phone = phone.ok_or_else(|| ApiError::invalid("X-Phone", Problem::Required.vi()))?;
    let phone = normalize_phone(&phone).map_err(|p| ApiError::invalid("X-Phone", p.vi()))?;
    let receipts = state
        .db
        .call(move |c| {
            let mut stmt = c.prepare_cached(&format!(
                "{RECEIPT_SELECT} WHERE d.applicant_id_number = ?1 ORDER BY d.created_at DESC, d.code DESC"
            ))?;
            let mut found = Vec::new();
            let mut phones = c.prepare_cached("SELECT applicant_phone FROM dossiers WHERE code = ?1")?;
            for receipt in stmt.query_map(crate::params![&id_number], receipt_from_row)? {
                let receipt = receipt?;
                let stored: String = phones.query_row(crate::params![&receipt.code], |r| r.get(0))?;
                if normalize_phone(&stored).is_ok_and(|p| p == phone) {
                    found.push(receipt);
                }
            }
            Ok(found)
        })
        .await?;
    Ok(Json(receipts))
}

/// Attachments named in the answers that the server does not hold.
async fn missing_uploads(state: &AppState, request: &SubmitDossier) -> Result<Vec<FieldError>, ApiError> {
    let wanted: Vec<(String, String)> = request
        .answers
        .documents
        .iter()
        .flat_map(|(slot, ids)| ids.iter().map(move |id| (slot.clone(), id.clone())))
        .collect();
    state
        .db
        .call(move |c| {
            let mut stmt = c.prepare_cached("SELECT 1 FROM uploads WHERE id = ?1")?;
            let mut errors = Vec::new();
            for (slot, id) in wanted {
                if !stmt.exists(crate::params![&id])? {
                    errors.push(FieldError { path: format!("documents.{slot}"), problem: Problem::UploadMissing });
                }
            }
            Ok(errors)
        })
        .await
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// This module's routes, each declared once by its handler's `#[utoipa::path]`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(submit, mine))
}
