//! Bank transfer notifications (`POST /bank-notifications`), signed with HMAC-SHA256 by the
//! bank gateway. Each is kept once by its transaction id, whatever it matched, and settles
//! the bill its note names with the core's rules: paid, underpaid, overpaid, duplicate or
//! unmatched. Nothing is ever dropped and no bill is paid twice.

use crate::db::{params, Connection, OptionalExtension, Transaction};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use dvc_core::api::ErrorBody;
use dvc_core::dossier::DossierStatus;
use dvc_core::payment::Payment;
use dvc_core::payment::{find_bill_number, settle, BankNotification, NotificationResult, Outcome, PaymentStatus};
use dvc_core::tracking::SystemText;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::config::PaymentConfig;
use crate::error::ApiError;
use crate::payments::{self, BillBy};
use crate::state::AppState;
use utoipa_axum::{router::OpenApiRouter, routes};

pub const SIGNATURE_HEADER: &str = "x-signature";

/// `sha256=<hex>` of the body, keyed with the shared secret.
pub fn sign(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(body);
    let bytes = mac.finalize().into_bytes();
    format!("sha256={}", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

fn verify(secret: &str, body: &[u8], headers: &HeaderMap) -> Result<(), ApiError> {
    let given = headers.get(SIGNATURE_HEADER).and_then(|v| v.to_str().ok()).ok_or(ApiError::BadSignature)?;
    let hex = given.trim().strip_prefix("sha256=").unwrap_or(given.trim());
    let bytes: Option<Vec<u8>> = (hex.len() == 64)
        .then(|| (0..32).map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()).collect())
        .flatten();
    let bytes = bytes.ok_or(ApiError::BadSignature)?;
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(body);
    // Constant-time comparison.
    mac.verify_slice(&bytes).map_err(|_| ApiError::BadSignature)
}

#[utoipa::path(post, path = "/bank-notifications", tag = "payments",
    params(("X-Signature" = String, Header, description = "sha256=<hex HMAC-SHA256 of the body with the shared secret>")),
    request_body = BankNotification,
    responses(
        (status = 200, description = "Recorded (or recorded before: `replayed`)", body = NotificationResult),
        (status = 401, description = "Missing or wrong signature: nothing recorded", body = ErrorBody),
        (status = 400, description = "Not the expected JSON", body = ErrorBody)))]
pub async fn notify(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<NotificationResult>, ApiError> {
    verify(&state.payments.secret, &body, &headers)?;
    let notification: BankNotification = crate::error::parse_json(&body)?;
    record(&state, notification).await.map(Json)
}

/// Keeps a verified notification and settles its bill; the test bank calls this too.
pub async fn record(state: &AppState, n: BankNotification) -> Result<NotificationResult, ApiError> {
    let n = n.checked().map_err(|p| ApiError::invalid(p.field, p.message))?;
    let config = state.payments.clone();
    let now = state.clock.now();
    // One transaction holding the write lock (SQLite's, or the advisory lock on PostgreSQL):
    // fifty copies of one notification, to any instances, are handled one after another, and
    // all but the first find it already recorded.
    let (result, changed) = state.db.call(move |c| record_in(c, &n, &config, now)).await?;
    if let Some(payment) = changed {
        // No page listening is fine.
        let _ = state.payment_events.send(payment.id);
    }
    Ok(result)
}

/// [`record`] in one transaction: what it did, and the bill as it now stands if it changed.
fn record_in(
    c: &mut Connection,
    n: &BankNotification,
    config: &PaymentConfig,
    now: i64,
) -> Result<(NotificationResult, Option<Payment>), ApiError> {
    let tx = c.transaction()?;
    let seen: Option<String> = tx
        .query_row(
            "SELECT result FROM bank_transactions WHERE transaction_id = ?1",
            crate::params![&n.transaction_id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(json) = seen {
        let mut result: NotificationResult =
            serde_json::from_str(&json).map_err(|e| ApiError::Internal(e.to_string()))?;
        result.replayed = true;
        return Ok((result, None));
    }
    let bill = find_bill_number(&n.note);
    let bill_row: Option<(String, i64, i64, String)> = match &bill {
        Some(b) => tx
            .query_row(
                "SELECT bill_number, amount, received, status FROM payments WHERE bill_number = ?1",
                crate::params![b],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?,
        None => None,
    };
    let outcome = match &bill_row {
        Some((_, due, received, status)) => {
            let status = PaymentStatus::from_code(status).unwrap_or(PaymentStatus::Pending);
            settle(*due as u64, *received as u64, status, n.amount)
        }
        None => Outcome::Unmatched,
    };
    let matched_bill = bill_row.map(|(b, ..)| b);
    let counts = !matches!(outcome, Outcome::Duplicate { .. });
    if let (Some(b), Some(status), true) = (&matched_bill, outcome.status(), counts) {
        credit(&tx, b, n.amount, status, now)?;
    }
    let result = NotificationResult {
        transaction_id: n.transaction_id.clone(),
        outcome,
        bill_number: bill,
        payment_id: matched_bill.clone(),
        replayed: false,
    };
    log_transaction(&tx, n, &result, now)?;
    let changed = match &matched_bill {
        Some(b) if counts => payments::load(&tx, config, BillBy::Number(b), now)?,
        _ => None,
    };
    if let Some(payment) = &changed {
        // Heard by every instance's event streams once this commits (PostgreSQL).
        crate::events::announce(&tx, crate::events::PAYMENTS, &payment.id)?;
    }
    tx.commit()?;
    Ok((result, changed))
}

/// Adds a transfer to its bill; once the bill is paid, issues the receipt and lets a dossier
/// that waited for the fee go on.
fn credit(tx: &Transaction, bill: &str, amount: u64, status: PaymentStatus, now: i64) -> Result<(), ApiError> {
    let becomes_paid = status == PaymentStatus::Paid;
    // Within the notification's bound, every amount and sum fits the ledger's signed integers.
    tx.execute(
        "UPDATE payments SET received = received + ?1, status = ?2, paid_at = CASE WHEN ?3 = 1 THEN ?4 ELSE paid_at END \
         WHERE bill_number = ?5",
        params![amount as i64, status.code(), becomes_paid, now, bill],
    )?;
    if !becomes_paid {
        return Ok(());
    }
    crate::receipts::issue(tx, bill, now)?;
    let (dossier, status): (String, u8) = tx.query_row(
        "SELECT d.code, d.status FROM dossiers d JOIN payments p ON p.dossier_code = d.code WHERE p.bill_number = ?1",
        crate::params![bill],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    tx.execute("UPDATE dossiers SET fee_paid = 1 WHERE code = ?1", crate::params![&dossier])?;
    // The office was waiting for the fee: processing goes on.
    if status == DossierStatus::FeeRequired.code() {
        let (unit, note) = (SystemText::PaymentSystem.vi(), SystemText::FeePaid.vi());
        crate::tracking::transition(tx, &dossier, DossierStatus::Processing, unit, note, now)?;
    }
    Ok(())
}

/// The ledger line of a notification, with the answer a replay of it gets.
fn log_transaction(
    tx: &Transaction,
    n: &BankNotification,
    result: &NotificationResult,
    now: i64,
) -> Result<(), ApiError> {
    let outcome_code = match result.outcome {
        Outcome::Paid => "paid",
        Outcome::Underpaid { .. } => "underpaid",
        Outcome::Overpaid { .. } => "overpaid",
        Outcome::Duplicate { .. } => "duplicate",
        Outcome::Unmatched => "unmatched",
    };
    tx.execute(
        "INSERT INTO bank_transactions (transaction_id, amount, note, bank_time, received_at, bill_number, outcome, result, refund) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            n.transaction_id,
            n.amount as i64,
            n.note,
            n.time,
            now,
            result.payment_id,
            outcome_code,
            serde_json::to_string(result).map_err(|e| ApiError::Internal(e.to_string()))?,
            result.outcome.refund() as i64
        ],
    )?;
    Ok(())
}

/// This module's routes, each declared once by its handler's `#[utoipa::path]`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(notify))
}
