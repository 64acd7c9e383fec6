//! Following a dossier (`GET /dossiers/{code}`) and what its applicant may do: supplement
//! documents, withdraw, rate, pay. Every call names the applicant (`X-Applicant`). Reading
//! takes the CCCD (or tax code) or the phone given when filing; changing anything takes the
//! CCCD or tax code, never the phone alone (a phone number is easy to learn, and dossier
//! codes are sequential). A wrong code and a wrong identity get the same 404; failed lookups
//! are limited per client (found ones only by a generous cap, so the app's polling costs a
//! citizen nothing), and wrong identities per dossier code whoever sends them. What a
//! status allows is the core's [`Actions`], for the app's buttons and the API's checks alike.

use crate::db::{params, Connection, OptionalExtension};
use axum::extract::{Path, Request, State};
use axum::http::HeaderMap;
use axum::Json;
use dvc_core::api::{ErrorBody, Rating, Supplement, Withdrawal};
use dvc_core::date::{vietnam_date, vietnam_time, Date};
use dvc_core::dossier::{is_overdue, DossierStatus};
use dvc_core::payment::PaymentStatus;
use dvc_core::tracking::{
    mask_name, validate_rating, Action, Actions, DossierView, FeeState, ResultDocument, StatusEvent, SupplementRequest,
    SystemText,
};
use dvc_core::validation::normalize_phone;

use crate::clients::Client;
use crate::error::ApiError;
use crate::state::{AppState, KIOSK_FACTOR};
use utoipa_axum::{router::OpenApiRouter, routes};

pub const APPLICANT_HEADER: &str = "x-applicant";

fn not_found() -> ApiError {
    ApiError::not_found("dossier_not_found", "Không tìm thấy hồ sơ với mã và số giấy tờ hoặc số điện thoại này.")
}

/// The applicant named in the request, as typed.
fn applicant(headers: &HeaderMap) -> Option<String> {
    let raw = headers.get(APPLICANT_HEADER)?.to_str().ok()?.trim().to_owned();
    (!raw.is_empty() && raw.len() <= 40).then_some(raw)
}

/// How the applicant proved who they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Proof {
    /// The CCCD or tax code given when filing.
    IdNumber,
    /// The phone given when filing: enough to read, not to change.
    Phone,
}

/// What a request does with the dossier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Read,
    /// Only for the ID number.
    Owner,
    /// A citizen action: the ID number, and a status that allows it.
    Change(Action),
}

/// Whether `who` is the dossier's applicant, and by what; a plain 404 otherwise.
fn identify(c: &Connection, code: &str, who: &str) -> Result<Proof, ApiError> {
    let row: Option<(String, String)> = c
        .query_row(
            "SELECT applicant_id_number, applicant_phone FROM dossiers WHERE code = ?1",
            crate::params![code],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((id_number, phone)) = row else { return Err(not_found()) };
    let typed_id = dvc_core::validation::normalize_id_number(who);
    if !typed_id.is_empty() && typed_id == id_number {
        return Ok(Proof::IdNumber);
    }
    if normalize_phone(who).ok().is_some_and(|p| normalize_phone(&phone).ok() == Some(p)) {
        return Ok(Proof::Phone);
    }
    Err(not_found())
}

/// Where a dossier stands, as far as its applicant's actions go.
#[derive(Clone, Copy, Debug)]
pub struct Standing {
    pub status: DossierStatus,
    pub rated: bool,
    /// A bill made and not paid yet.
    pub bill_unpaid: bool,
    /// The fee recorded as paid (or nothing paid yet, for a procedure with no fee).
    pub fee_paid: bool,
}

impl Standing {
    pub fn read(c: &Connection, code: &str) -> Result<Standing, ApiError> {
        let (status, fee_paid, bill, rated): (u8, bool, Option<String>, bool) = c
            .query_row(
                "SELECT d.status, d.fee_paid, (SELECT status FROM payments WHERE dossier_code = d.code), \
                 EXISTS (SELECT 1 FROM ratings WHERE dossier_code = d.code) FROM dossiers d WHERE d.code = ?1",
                crate::params![code],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?
            .ok_or_else(not_found)?;
        let status = DossierStatus::from_code(status).ok_or_else(|| ApiError::Internal(format!("status {status}")))?;
        let bill_unpaid = bill.is_some_and(|s| s != PaymentStatus::Paid.code());
        Ok(Standing { status, rated, bill_unpaid, fee_paid })
    }

    /// What the applicant may do now: the core's rules.
    pub fn actions(self) -> Actions {
        Actions::for_dossier(self.status, self.rated, self.bill_unpaid || !self.fee_paid)
    }

    /// The buttons the dossier page offers (paying where a bill waits).
    fn offered(self) -> Actions {
        Actions::for_dossier(self.status, self.rated, self.bill_unpaid)
    }
}

impl Standing {
    /// Why `action` is refused in this standing.
    pub fn refusal(self, action: Action) -> ApiError {
        not_allowed(action, self)
    }
}

fn not_allowed(action: Action, standing: Standing) -> ApiError {
    if action == Action::Rate && standing.rated {
        return ApiError::Conflict {
            code: "already_rated", message: "Hồ sơ này đã được đánh giá.".into()
        };
    }
    let message = match action {
        Action::Supplement => "Hồ sơ không ở trạng thái chờ bổ sung giấy tờ.",
        Action::Withdraw => "Hồ sơ ở trạng thái này không rút được.",
        Action::Pay => "Hồ sơ ở trạng thái này không nộp phí, lệ phí được.",
        Action::Rate => "Chỉ đánh giá được một lần, sau khi đã nhận kết quả.",
    };
    ApiError::Conflict { code: "action_not_allowed", message: message.into() }
}

/// Checks the limits and the applicant, and for a change that the dossier's status allows it
/// ([`Standing::actions`]); then runs `f` in the same transaction at the clock's `now`, told
/// how the applicant proved who they are.
pub async fn with_dossier<T: Send + 'static>(
    state: &AppState,
    client: Client,
    code: String,
    headers: &HeaderMap,
    access: Access,
    f: impl FnOnce(&crate::db::Transaction, &str, Proof, i64) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let factor = if client.kiosk { KIOSK_FACTOR } else { 1 };
    let now = state.clock.now();
    let (reads, wrong, failures) = (state.reads.clone(), state.wrong_identities.clone(), state.lookups.clone());
    // Without `X-Applicant`, a citizen signed in with their e-ID is who their number says.
    let who = match applicant(headers) {
        Some(who) => Some(who),
        None => crate::auth::signed_in(state, headers).await?.map(|s| s.citizen.id_number),
    };
    state
        .db
        .call(move |c| {
            reads.check_scaled(c, &client.key, factor, now)?;
            failures.allowed_scaled(c, &client.key, factor, now)?;
            wrong.allowed(c, &code, now)?;
            // A lookup only reads: it takes no write lock and waits for no filing.
            let tx = if matches!(access, Access::Read) { c.read_transaction()? } else { c.transaction()? };
            let proof = who.as_deref().ok_or_else(not_found).and_then(|who| identify(&tx, &code, who));
            let proof = match (proof, access) {
                (Ok(Proof::Phone), Access::Owner | Access::Change(_)) | (Err(_), _) => {
                    // Counted outside the transaction, which rolls back.
                    drop(tx);
                    wrong.record(c, &code, now)?;
                    failures.record(c, &client.key, now)?;
                    return Err(not_found());
                }
                (Ok(proof), _) => proof,
            };
            if let Access::Change(action) = access {
                let standing = Standing::read(&tx, &code)?;
                if !standing.actions().allows(action) {
                    return Err(standing.refusal(action));
                }
            }
            let out = f(&tx, &code, proof, now)?;
            tx.commit()?;
            Ok(out)
        })
        .await
}

/// Moves a dossier to `to` at `now` if the core's rules allow it, recording the step.
pub fn transition(
    c: &Connection,
    code: &str,
    to: DossierStatus,
    unit: &str,
    note: &str,
    now: i64,
) -> Result<(), ApiError> {
    let status: u8 = c
        .query_row("SELECT status FROM dossiers WHERE code = ?1", crate::params![code], |r| r.get(0))
        .optional()?
        .ok_or_else(not_found)?;
    let from = DossierStatus::from_code(status).ok_or_else(|| ApiError::Internal(format!("status {status}")))?;
    from.move_to(to).map_err(|e| ApiError::Conflict { code: "illegal_transition", message: e.vi() })?;
    c.execute("UPDATE dossiers SET status = ?1 WHERE code = ?2", params![to.code(), code])?;
    if to == DossierStatus::Processed {
        c.execute(
            "UPDATE dossiers SET finished_on = ?1 WHERE code = ?2",
            params![vietnam_date(now).to_string(), code],
        )?;
    }
    c.execute(
        "INSERT INTO dossier_events (dossier_code, status, at, unit, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![code, to.code(), now, unit, note],
    )?;
    Ok(())
}

/// The dossier as its applicant (by ID number) sees it at `now` (overdue or not).
pub fn view(c: &Connection, code: &str, now: i64) -> Result<DossierView, ApiError> {
    view_as(c, code, Proof::IdNumber, now)
}

/// The dossier as an applicant who proved themselves by `proof` sees it.
pub fn view_as(c: &Connection, code: &str, proof: Proof, now: i64) -> Result<DossierView, ApiError> {
    let (procedure_code, procedure_name, agency, applicant, received_on, appointment_on, status): (String, String, String, String, String, String, u8) = c.query_row(
        "SELECT d.procedure_code, d.procedure_name, a.name, d.applicant_name, d.received_on, d.appointment_on, d.status \
         FROM dossiers d JOIN agencies a ON a.id = d.agency_id WHERE d.code = ?1",
        crate::params![code],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
    )?;
    let current = DossierStatus::from_code(status).unwrap_or(DossierStatus::NewlyRegistered);
    let mut stmt =
        c.prepare_cached("SELECT status, at, unit, note FROM dossier_events WHERE dossier_code = ?1 ORDER BY id")?;
    let events = stmt
        .query_map(crate::params![code], |r| {
            let (s, unit, note): (u8, String, String) = (r.get(0)?, r.get(2)?, r.get(3)?);
            Ok(StatusEvent {
                status: s,
                status_name: DossierStatus::from_code(s).map_or("", DossierStatus::name_vi).to_owned(),
                at: vietnam_time(r.get(1)?),
                unit_code: SystemText::from_vi(&unit),
                note_code: SystemText::from_vi(&note),
                unit,
                note,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let supplement = if current == DossierStatus::SupplementRequested {
        c.query_row(
            "SELECT documents, deadline, note FROM supplement_requests WHERE dossier_code = ?1 AND answered_at IS NULL ORDER BY id DESC LIMIT 1",
            crate::params![code],
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
            crate::params![code],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?)),
        )
        .optional()?
        .map(|(amount, status, receipt_number)| FeeState {
            amount: amount as u64,
            status: PaymentStatus::from_code(&status).unwrap_or(PaymentStatus::Pending),
            receipt_number,
        });
    let result = c
        .query_row(
            "SELECT id, title, issued_on, issuer FROM results WHERE dossier_code = ?1",
            crate::params![code],
            |r| Ok(ResultDocument { id: r.get(0)?, title: r.get(1)?, issued_on: r.get(2)?, issuer: r.get(3)? }),
        )
        .optional()?;
    let rating: Option<u8> = c
        .query_row("SELECT stars FROM ratings WHERE dossier_code = ?1", crate::params![code], |r| r.get(0))
        .optional()?;
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
        actions: if proof == Proof::IdNumber { Standing::read(c, code)?.offered() } else { Actions::none() },
        read_only: proof == Proof::Phone,
    })
}

#[utoipa::path(get, path = "/dossiers/{code}", tag = "tracking",
    params(("code" = String, Path, max_length = 64, description = "Dossier code"),
           ("X-Applicant" = String, Header, max_length = 32, description = "The applicant's CCCD (or tax code) or phone, as given when filing")),
    responses((status = 200, body = DossierView),
        (status = 404, description = "No such dossier for this applicant (the same answer for a wrong code and a wrong identity)", body = ErrorBody),
        (status = 429, description = "Too many lookups; see Retry-After", body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    Path(code): Path<String>,
    request: Request,
) -> Result<Json<DossierView>, ApiError> {
    let client = state.client(&request);
    with_dossier(&state, client, code, request.headers(), Access::Read, |c, code, proof, now| {
        view_as(c, code, proof, now)
    })
    .await
    .map(Json)
}

#[utoipa::path(post, path = "/dossiers/{code}/supplements", tag = "tracking",
    params(("code" = String, Path, max_length = 64, description = "Dossier code"), ("X-Applicant" = String, Header, max_length = 32, description = "The applicant's CCCD or tax code, as given when filing")), request_body = Supplement,
    responses((status = 200, body = DossierView), (status = 404, body = ErrorBody), (status = 409, description = "No documents were asked for", body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 400, description = "A body that is not the expected JSON (read only once the applicant is known)", body = ErrorBody), (status = 429, description = "Too many lookups or wrong identities; see Retry-After", body = ErrorBody)))]
pub async fn supplement(
    State(state): State<AppState>,
    Path(code): Path<String>,
    request: Request,
) -> Result<Json<DossierView>, ApiError> {
    change(state, code, request, Action::Supplement, |c, code, body: Supplement, now| {
        if body.uploads.is_empty() || body.uploads.len() > 20 {
            return Err(ApiError::invalid("uploads", "Hãy đính kèm giấy tờ được yêu cầu (tối đa 20 tệp)."));
        }
        let mut exists = c.prepare_cached("SELECT 1 FROM uploads WHERE id = ?1")?;
        for id in &body.uploads {
            if !exists.exists(crate::params![id])? {
                return Err(ApiError::invalid("uploads", "Tệp đính kèm này không còn trên hệ thống, hãy tải lên lại."));
            }
        }
        let unit: String = c.query_row(
            "SELECT a.name FROM dossiers d JOIN agencies a ON a.id = d.agency_id WHERE d.code = ?1",
            crate::params![code],
            |r| r.get(0),
        )?;
        transition(c, code, DossierStatus::Processing, &unit, SystemText::Supplemented.vi(), now)?;
        crate::uploads::attach(c, &body.uploads)?;
        c.execute(
            "UPDATE supplement_requests SET answered_at = ?1, uploads = ?2 WHERE dossier_code = ?3 AND answered_at IS NULL",
            params![now, serde_json::to_string(&body.uploads).unwrap_or_default(), code],
        )?;
        Ok(())
    })
    .await
}

#[utoipa::path(post, path = "/dossiers/{code}/withdrawal", tag = "tracking",
    params(("code" = String, Path, max_length = 64, description = "Dossier code"), ("X-Applicant" = String, Header, max_length = 32, description = "The applicant's CCCD or tax code, as given when filing")), request_body = Withdrawal,
    responses((status = 200, body = DossierView), (status = 404, body = ErrorBody), (status = 409, description = "Not in this status", body = ErrorBody),
        (status = 422, description = "The reason holds control or direction-changing characters", body = ErrorBody), (status = 400, description = "A body that is not the expected JSON (read only once the applicant is known)", body = ErrorBody), (status = 429, description = "Too many lookups or wrong identities; see Retry-After", body = ErrorBody)))]
pub async fn withdraw(
    State(state): State<AppState>,
    Path(code): Path<String>,
    request: Request,
) -> Result<Json<DossierView>, ApiError> {
    change(state, code, request, Action::Withdraw, |c, code, body: Withdrawal, now| {
        dvc_core::validation::plain_text(&body.reason, true).map_err(|problem| {
            ApiError::Validation(vec![dvc_core::form::FieldError { path: "reason".into(), problem }])
        })?;
        let reason = body.reason.trim().chars().take(500).collect::<String>();
        transition(c, code, DossierStatus::WithdrawalRequested, SystemText::Citizen.vi(), &reason, now)
    })
    .await
}

#[utoipa::path(post, path = "/dossiers/{code}/rating", tag = "tracking",
    params(("code" = String, Path, max_length = 64, description = "Dossier code"), ("X-Applicant" = String, Header, max_length = 32, description = "The applicant's CCCD or tax code, as given when filing")), request_body = Rating,
    responses((status = 200, body = DossierView), (status = 404, body = ErrorBody),
        (status = 409, description = "Before the result is returned, or rated already", body = ErrorBody), (status = 422, body = ErrorBody), (status = 400, description = "A body that is not the expected JSON (read only once the applicant is known)", body = ErrorBody), (status = 429, description = "Too many lookups or wrong identities; see Retry-After", body = ErrorBody)))]
pub async fn rate(
    State(state): State<AppState>,
    Path(code): Path<String>,
    request: Request,
) -> Result<Json<DossierView>, ApiError> {
    change(state, code, request, Action::Rate, |c, code, body: Rating, now| {
        validate_rating(body.stars, &body.comment).map_err(|problem| {
            ApiError::Validation(vec![dvc_core::form::FieldError { path: "stars".into(), problem }])
        })?;
        let added = c.execute(
            "INSERT INTO ratings (dossier_code, stars, comment, at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
            params![code, body.stars, body.comment.trim(), now],
        )?;
        if added == 0 {
            return Err(ApiError::Conflict {
                code: "already_rated", message: "Hồ sơ này đã được đánh giá.".into()
            });
        }
        Ok(())
    })
    .await
}

/// A citizen action's body, read (at most 64 KB) but not yet parsed: it is parsed only once
/// the applicant has proved who they are, so a stranger learns nothing from how it is refused.
async fn body_bytes(request: Request) -> Result<axum::body::Bytes, ApiError> {
    axum::body::to_bytes(request.into_body(), 64 * 1024)
        .await
        .map_err(|e| ApiError::InvalidJson { detail: e.to_string(), path: None })
}

/// An applicant's change to a dossier: the limits, the applicant and the dossier's status are
/// checked first ([`with_dossier`]), only then is the JSON body read; `change` runs in the same
/// transaction, and the answer is the dossier as it now stands.
async fn change<B: serde::de::DeserializeOwned>(
    state: AppState,
    code: String,
    request: Request,
    action: Action,
    change: impl FnOnce(&crate::db::Transaction, &str, B, i64) -> Result<(), ApiError> + Send + 'static,
) -> Result<Json<DossierView>, ApiError> {
    let (client, headers) = (state.client(&request), request.headers().clone());
    let bytes = body_bytes(request).await?;
    with_dossier(&state, client, code, &headers, Access::Change(action), move |c, code, _, now| {
        change(c, code, crate::error::parse_json(&bytes)?, now)?;
        view(c, code, now)
    })
    .await
    .map(Json)
}

/// This module's routes, each declared once by its handler's `#[utoipa::path]`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get))
        .routes(routes!(supplement))
        .routes(routes!(withdraw))
        .routes(routes!(rate))
}
