//! Paying a dossier's fee: `POST /dossiers/{code}/payment` makes (or gives back) its one bill
//! with a VietQR code, for the applicant's ID number only; `GET /payments/{id}` and its event
//! stream follow the bill until the bank's notification settles it (see [`crate::bank`]).
//!
//! A bill's `id` is 32 random hex digits, the only key to it: whoever holds it (the
//! applicant's device) sees the bill and its whole receipt. The bill number (`HP…`) is
//! sequential and travels in every transfer note, so nothing is looked up by it here.

use std::convert::Infallible;
use std::time::Duration;

use crate::db::{params, Connection, OptionalExtension};
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::Json;
use dvc_core::api::ErrorBody;
use dvc_core::catalog::ChannelKind;
use dvc_core::date::vietnam_date;
use dvc_core::payment::{bill_number, payment_note, Payment, PaymentStatus};
use dvc_core::vietqr::{self, VietQr, MCC_GOVERNMENT};
use futures_util::stream::{self, Stream};
use tokio::sync::broadcast;

use crate::config::PaymentConfig;
use crate::error::ApiError;
use crate::procedures::load_record;
use crate::state::AppState;
use crate::tracking::{with_dossier, Access, Standing};
use dvc_core::tracking::Action;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The bill of a dossier, made on first call, for its applicant (`X-Applicant`: the CCCD or
/// tax code given when filing; a wrong code and a wrong identity get the same 404). A bill
/// past its time gets a later expiry (the same bill number: a late transfer still settles
/// it); a paid bill comes back with its receipt, never a new code.
#[utoipa::path(post, path = "/dossiers/{code}/payment", tag = "payments",
    params(("code" = String, Path, max_length = 64, description = "Dossier code"),
           ("X-Applicant" = String, Header, max_length = 32, description = "The applicant's CCCD or tax code, as given when filing")),
    responses(
        (status = 201, description = "A new bill", body = Payment),
        (status = 200, description = "The dossier's bill, as it stands", body = Payment),
        (status = 404, description = "No such dossier for this applicant", body = ErrorBody),
        (status = 409, description = "The procedure has no fee, or the dossier's status takes none", body = ErrorBody),
        (status = 429, description = "Too many attempts; see Retry-After", body = ErrorBody)))]
pub async fn open(
    State(state): State<AppState>,
    Path(code): Path<String>,
    request: Request,
) -> Result<(StatusCode, Json<Payment>), ApiError> {
    let client = state.client(&request);
    let config = state.payments.clone();
    // A paid bill is shown whatever the status (its receipt); making or renewing one needs a
    // status that takes the fee.
    let paid = with_dossier(&state, client, code.clone(), request.headers(), Access::Owner, move |c, code, _, now| {
        let paid = load(c, &config, BillBy::Dossier(code), now)?.filter(|p| p.status == PaymentStatus::Paid);
        let standing = Standing::read(c, code)?;
        match paid {
            None if !standing.actions().pay => Err(standing.refusal(Action::Pay)),
            paid => Ok(paid),
        }
    })
    .await?;
    if let Some(p) = paid {
        return Ok((StatusCode::OK, Json(p)));
    }
    let (created, payment) = ensure_bill(&state, code).await?;
    Ok((if created { StatusCode::CREATED } else { StatusCode::OK }, Json(payment)))
}

/// The dossier's bill, made if it has none yet (`true`); also used when the office asks for the fee.
pub async fn ensure_bill(state: &AppState, code: String) -> Result<(bool, Payment), ApiError> {
    let config = state.payments.clone();
    let dossier_code = code.clone();
    let dossier: Option<String> = state
        .db
        .call(move |c| {
            Ok(c.query_row("SELECT procedure_code FROM dossiers WHERE code = ?1", crate::params![&dossier_code], |r| {
                r.get(0)
            })
            .optional()?)
        })
        .await?;
    let procedure_code =
        dossier.ok_or_else(|| ApiError::not_found("dossier_not_found", "Không tìm thấy hồ sơ này."))?;
    let procedure = load_record(state, procedure_code).await?;
    // The fee of filing online: this dossier was filed online.
    let fee = procedure
        .channels
        .iter()
        .find(|c| c.channel == ChannelKind::Online)
        .or_else(|| procedure.main_channel())
        .map_or(0, |c| c.fee);
    if fee == 0 {
        return Err(ApiError::NoFeeDue);
    }
    let reason = procedure.name.trim_start_matches("Thủ tục ").to_owned();
    let now = state.clock.now();
    state
        .db
        .call(move |c| {
            let tx = c.transaction()?;
            let existing: Option<(String, String, i64)> = tx
                .query_row(
                    "SELECT bill_number, status, expires_at FROM payments WHERE dossier_code = ?1",
                    crate::params![&code],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let created = match existing {
                Some((bill, status, expires_at)) => {
                    if status != PaymentStatus::Paid.code() && expires_at <= now {
                        tx.execute(
                            "UPDATE payments SET expires_at = ?1 WHERE bill_number = ?2",
                            params![now + config.minutes * 60, bill],
                        )?;
                    }
                    false
                }
                None => {
                    create(&tx, &config, &code, fee, &reason, now)?;
                    true
                }
            };
            let payment = load(&tx, &config, BillBy::Dossier(&code), now)?
                .ok_or_else(|| ApiError::Internal("bill just made is missing".into()))?;
            tx.commit()?;
            Ok((created, payment))
        })
        .await
}

fn create(
    tx: &Connection,
    config: &PaymentConfig,
    dossier_code: &str,
    fee: u64,
    reason: &str,
    now: i64,
) -> Result<(), ApiError> {
    let today = vietnam_date(now);
    let day = today.to_string();
    let sequence: u32 = tx.query_row(
        "INSERT INTO bill_sequences (day, last) VALUES (?1, 1) ON CONFLICT (day) DO UPDATE SET last = bill_sequences.last + 1 RETURNING last",
        crate::params![&day],
        |r| r.get(0),
    )?;
    // A million bills in one day: refuse the next one plainly (503) rather than fail.
    let bill = bill_number(today, sequence).ok_or(ApiError::Busy)?;
    let purpose = payment_note(&bill, reason);
    let b = &config.beneficiary;
    let payload = vietqr::encode(&VietQr {
        bin: b.bank_bin.clone(),
        account: b.account.clone(),
        amount: Some(fee),
        merchant_category: Some(MCC_GOVERNMENT.into()),
        beneficiary_name: Some(b.account_name.clone()),
        bill_number: Some(bill.clone()),
        purpose: Some(purpose.clone()),
        ..VietQr::default()
    })
    .map_err(|e| ApiError::Internal(format!("VietQR of the configured account: {e}")))?;
    tx.execute(
        "INSERT INTO payments (id, bill_number, dossier_code, amount, status, purpose, qr_payload, expires_at, created_at) \
         VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?6, ?7, ?8)",
        params![crate::random::token(), bill, dossier_code, fee as i64, purpose, payload, now + config.minutes * 60, now],
    )?;
    Ok(())
}

pub enum BillBy<'a> {
    /// The random id: what the API's callers hold.
    Id(&'a str),
    /// The bill number: what the bank's notifications name.
    Number(&'a str),
    Dossier(&'a str),
}

/// A bill as the API shows it at `now`, with its receipt once paid.
pub fn load(c: &Connection, config: &PaymentConfig, by: BillBy, now: i64) -> Result<Option<Payment>, ApiError> {
    let (clause, key) = match by {
        BillBy::Id(id) => ("p.id = ?1", id),
        BillBy::Number(n) => ("p.bill_number = ?1", n),
        BillBy::Dossier(d) => ("p.dossier_code = ?1", d),
    };
    let sql = format!(
        "SELECT p.id, p.bill_number, p.dossier_code, d.procedure_name, p.amount, p.received, p.status, p.purpose, p.expires_at, p.qr_payload \
         FROM payments p JOIN dossiers d ON d.code = p.dossier_code WHERE {clause}"
    );
    let row = c
        .query_row(&sql, crate::params![key], |r| {
            let (amount, received): (i64, i64) = (r.get(4)?, r.get(5)?);
            let status: String = r.get(6)?;
            Ok(Payment {
                id: r.get(0)?,
                bill_number: r.get(1)?,
                dossier_code: r.get(2)?,
                procedure_name: r.get(3)?,
                amount: amount as u64,
                received: received as u64,
                remaining: (amount - received).max(0) as u64,
                currency: "VND".into(),
                status: PaymentStatus::from_code(&status).unwrap_or(PaymentStatus::Pending),
                beneficiary: config.beneficiary.clone(),
                purpose: r.get(7)?,
                expires_at: r.get(8)?,
                expires_in: 0,
                qr_payload: r.get(9)?,
                receipt: None,
                test_bank_url: None,
            })
        })
        .optional()?;
    let Some(mut payment) = row else { return Ok(None) };
    payment.expires_in = (payment.expires_at - now).max(0);
    if payment.status == PaymentStatus::Paid {
        payment.remaining = 0;
        payment.receipt = crate::receipts::load(c, crate::receipts::ReceiptBy::Bill(&payment.bill_number))?;
    } else if config.test_bank {
        payment.test_bank_url =
            Some(format!("/api/v1/test-bank?bill={}&amount={}", payment.bill_number, payment.remaining));
    }
    Ok(Some(payment))
}

/// A bill's id as the API hands them out: anything else is not one, and is not looked up.
fn is_bill_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

fn no_such_bill() -> ApiError {
    ApiError::not_found("payment_not_found", "Không tìm thấy khoản thanh toán này.")
}

async fn by_id(state: &AppState, id: String) -> Result<Payment, ApiError> {
    if !is_bill_id(&id) {
        return Err(no_such_bill());
    }
    let config = state.payments.clone();
    let now = state.clock.now();
    state.db.call(move |c| load(c, &config, BillBy::Id(&id), now)).await?.ok_or_else(no_such_bill)
}

#[utoipa::path(get, path = "/payments/{id}", tag = "payments",
    params(("id" = String, Path, pattern = "^[0-9a-f]{32}$", description = "The bill's id (32 hex digits), as opening it returned")),
    responses((status = 200, body = Payment), (status = 404, body = ErrorBody)))]
pub async fn get(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<Payment>, ApiError> {
    by_id(&state, id).await.map(Json)
}

/// A fresh expiry for a bill whose code ran out (the same bill and number), while the
/// dossier still takes its fee.
#[utoipa::path(post, path = "/payments/{id}/renewal", tag = "payments",
    params(("id" = String, Path, pattern = "^[0-9a-f]{32}$", description = "The bill's id")),
    responses((status = 200, body = Payment), (status = 404, body = ErrorBody),
        (status = 409, description = "The dossier no longer takes its fee", body = ErrorBody)))]
pub async fn renew(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<Payment>, ApiError> {
    let bill = by_id(&state, id.clone()).await?;
    if bill.status == PaymentStatus::Paid || bill.expires_in > 0 {
        return Ok(Json(bill));
    }
    let config = state.payments.clone();
    let now = state.clock.now();
    state
        .db
        .call(move |c| {
            let tx = c.transaction()?;
            let standing = Standing::read(&tx, &bill.dossier_code)?;
            if !standing.actions().pay {
                return Err(standing.refusal(Action::Pay));
            }
            tx.execute(
                "UPDATE payments SET expires_at = ?1 WHERE id = ?2 AND status <> 'paid'",
                params![now + config.minutes * 60, id],
            )?;
            let payment = load(&tx, &config, BillBy::Id(&id), now)?.ok_or_else(no_such_bill)?;
            tx.commit()?;
            Ok(payment)
        })
        .await
        .map(Json)
}

/// How long one event stream stays open; the browser's `EventSource` then reconnects.
const STREAM_LIFETIME: Duration = Duration::from_secs(10 * 60);
/// How often a quiet stream says it is alive (`event: ping`), so a page can tell a stalled
/// stream from a bill that has not changed.
pub const PING_EVERY: Duration = Duration::from_secs(5);

/// Server-sent events: the bill as it stands now, then each change (`event: payment`), and a
/// `ping` every [`PING_EVERY`]. A stream ends after [`STREAM_LIFETIME`] or when the server
/// shuts down; at most [`crate::state::MAX_EVENT_STREAMS`] are open at once (503 beyond).
#[utoipa::path(get, path = "/payments/{id}/events", tag = "payments",
    params(("id" = String, Path, pattern = "^[0-9a-f]{32}$", description = "The bill's id")),
    responses((status = 200, description = "text/event-stream of Payment"), (status = 404, body = ErrorBody),
        (status = 503, description = "Too many streams open: poll `GET /payments/{id}` instead", body = ErrorBody)))]
pub async fn events(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    use futures_util::StreamExt;
    // Subscribe before reading, so no change falls between the two.
    let changes = state.payment_events.subscribe();
    let current = by_id(&state, id.clone()).await?;
    let slot = StreamSlot::take(&state.open_streams).ok_or(ApiError::Busy)?;
    let first = stream::once({
        let current = current.clone();
        async move { Ok(event(&current)) }
    });
    let mut poll = tokio::time::interval_at(tokio::time::Instant::now() + POLL_EVERY, POLL_EVERY);
    poll.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let watch = Watch { changes, poll, id, last: current, state: state.clone(), _slot: slot };
    let rest = stream::unfold(watch, |mut watch| async move {
        let changed = watch.next_change().await?;
        Some((Ok(event(&changed)), watch))
    });
    let mut closing = state.closing.subscribe();
    let end = async move {
        tokio::select! {
            _ = closing.wait_for(|closing| *closing) => {}
            () = tokio::time::sleep(STREAM_LIFETIME) => {}
        }
    };
    Ok(Sse::new(first.chain(rest).take_until(end))
        .keep_alive(KeepAlive::new().interval(PING_EVERY).event(Event::default().event("ping").data("alive"))))
}

/// How often an event stream reads its bill again even if no change was announced: a change
/// announced by another instance whose notice was lost still reaches the page.
pub const POLL_EVERY: Duration = Duration::from_secs(5);

/// What one event stream follows: announced changes of bills (their ids), a poll, and the bill
/// as last sent.
struct Watch {
    changes: broadcast::Receiver<String>,
    poll: tokio::time::Interval,
    id: String,
    last: Payment,
    state: AppState,
    _slot: StreamSlot,
}

impl Watch {
    /// The bill when it next differs from what was last sent; `None` when no more can come.
    async fn next_change(&mut self) -> Option<Payment> {
        loop {
            let read_again = tokio::select! {
                change = self.changes.recv() => match change {
                    Ok(changed) => changed == self.id,
                    // Announcements were dropped while this stream lagged: one may have been
                    // this bill's.
                    Err(broadcast::error::RecvError::Lagged(_)) => true,
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
                _ = self.poll.tick() => true,
            };
            if !read_again {
                continue;
            }
            match by_id(&self.state, self.id.clone()).await {
                // The countdown (`expires_in`) moves by itself: only a change of the bill counts.
                Ok(payment) if Payment { expires_in: self.last.expires_in, ..payment.clone() } != self.last => {
                    self.last = payment.clone();
                    return Some(payment);
                }
                _ => continue,
            }
        }
    }
}

/// One of the open event streams, given back when the stream is dropped.
struct StreamSlot(std::sync::Arc<std::sync::atomic::AtomicUsize>);

impl StreamSlot {
    fn take(open: &std::sync::Arc<std::sync::atomic::AtomicUsize>) -> Option<StreamSlot> {
        use std::sync::atomic::Ordering;
        let taken = open
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < crate::state::MAX_EVENT_STREAMS).then_some(n + 1)
            })
            .is_ok();
        taken.then(|| StreamSlot(open.clone()))
    }
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::AcqRel);
    }
}

fn event(payment: &Payment) -> Event {
    Event::default().event("payment").json_data(payment).unwrap_or_else(|_| Event::default().comment("unserialisable"))
}

/// This module's routes, each declared once by its handler's `#[utoipa::path]`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(open)).routes(routes!(get)).routes(routes!(renew))
}

/// The payment event stream, which stays open as long as its page does (no request timeout).
pub fn stream_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(events))
}
