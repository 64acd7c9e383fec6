//! Bank transfer notifications (`POST /bank-notifications`), signed with HMAC-SHA256 by the
//! bank gateway. Each is kept once by its transaction id, whatever it matched, and settles
//! the bill its note names with the core's rules: paid, underpaid, overpaid, duplicate or
//! unmatched. Nothing is ever dropped and no bill is paid twice.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use dvc_core::api::ErrorBody;
use dvc_core::dossier::DossierStatus;
use dvc_core::payment::{find_bill_number, settle, BankNotification, NotificationResult, Outcome, PaymentStatus};
use hmac::{Hmac, Mac};
use rusqlite::{params, OptionalExtension};
use sha2::Sha256;

use crate::error::ApiError;
use crate::payments::{self, BillBy};
use crate::state::AppState;

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

#[utoipa::path(post, path = "/api/v1/bank-notifications", tag = "payments",
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
    let notification: BankNotification =
        serde_json::from_slice(&body).map_err(|e| ApiError::InvalidJson(e.to_string()))?;
    record(&state, notification).await.map(Json)
}

/// Keeps a verified notification and settles its bill; the test bank calls this too.
pub async fn record(state: &AppState, n: BankNotification) -> Result<NotificationResult, ApiError> {
    let n = n.checked().map_err(|p| ApiError::invalid(p.field, p.message))?;
    let id = n.transaction_id.clone();
    // Within the bound, every amount and sum below fits the ledger's signed integers.
    let amount = n.amount as i64;
    let config = state.payments.clone();
    let now = state.clock.now();
    let (result, changed) = state
        .db
        .call(move |c| {
            // One connection behind a lock: fifty copies of one notification are handled one
            // after another, and all but the first find it already recorded.
            let tx = c.transaction()?;
            let seen: Option<String> = tx.query_row("SELECT result FROM bank_transactions WHERE transaction_id = ?1", [&id], |r| r.get(0)).optional()?;
            if let Some(json) = seen {
                let mut result: NotificationResult = serde_json::from_str(&json).map_err(|e| ApiError::Internal(e.to_string()))?;
                result.replayed = true;
                return Ok((result, None));
            }
            let bill = find_bill_number(&n.note);
            let bill_row: Option<(String, i64, i64, String)> = match &bill {
                Some(b) => tx
                    .query_row("SELECT bill_number, amount, received, status FROM payments WHERE bill_number = ?1", [b], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                    })
                    .optional()?,
                None => None,
            };
            let outcome = match &bill_row {
                Some((_, due, received, status)) => {
                    settle(*due as u64, *received as u64, PaymentStatus::from_code(status).unwrap_or(PaymentStatus::Pending), n.amount)
                }
                None => Outcome::Unmatched,
            };
            let matched_bill = bill_row.as_ref().map(|(b, ..)| b.clone());
            if let (Some(b), Some(status)) = (&matched_bill, outcome.status()) {
                if !matches!(outcome, Outcome::Duplicate { .. }) {
                    let becomes_paid = status == PaymentStatus::Paid;
                    tx.execute(
                        "UPDATE payments SET received = received + ?1, status = ?2, paid_at = CASE WHEN ?3 THEN ?4 ELSE paid_at END WHERE bill_number = ?5",
                        params![amount, status.code(), becomes_paid, now, b],
                    )?;
                    if becomes_paid {
                        crate::receipts::issue(&tx, b, now)?;
                        let (dossier, status): (String, u8) = tx.query_row(
                            "SELECT d.code, d.status FROM dossiers d JOIN payments p ON p.dossier_code = d.code WHERE p.bill_number = ?1",
                            [b],
                            |r| Ok((r.get(0)?, r.get(1)?)),
                        )?;
                        tx.execute("UPDATE dossiers SET fee_paid = 1 WHERE code = ?1", [&dossier])?;
                        // The office was waiting for the fee: processing goes on.
                        if status == DossierStatus::FeeRequired.code() {
                            crate::tracking::transition(&tx, &dossier, DossierStatus::Processing, "Hệ thống thanh toán", "Đã nộp phí, lệ phí", now)?;
                        }
                    }
                }
            }
            let result = NotificationResult { transaction_id: id.clone(), outcome, bill_number: bill.clone(), payment_id: matched_bill.clone(), replayed: false };
            let outcome_code = match outcome {
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
                    id,
                    amount,
                    n.note,
                    n.time,
                    now,
                    matched_bill,
                    outcome_code,
                    serde_json::to_string(&result).map_err(|e| ApiError::Internal(e.to_string()))?,
                    outcome.refund() as i64
                ],
            )?;
            let changed = match &matched_bill {
                Some(b) if !matches!(outcome, Outcome::Duplicate { .. }) => payments::load(&tx, &config, BillBy::Number(b), now)?,
                _ => None,
            };
            tx.commit()?;
            Ok((result, changed))
        })
        .await?;
    if let Some(payment) = changed {
        // No page listening is fine.
        let _ = state.payment_events.send(payment);
    }
    Ok(result)
}
