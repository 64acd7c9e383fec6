//! Electronic receipts of paid fees, stating who paid what for which dossier. The bill's
//! holder gets it whole, in the bill and as a printable page (`GET /payments/{id}/receipt`);
//! it carries a random verification code, and `GET /receipts/{verification}` tells whoever
//! checks a paper copy that it was issued here, with the payer's name masked. Receipt
//! numbers are sequential: nothing is looked up by them.

use crate::db::{params, Connection, OptionalExtension};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Json;
use dvc_core::api::ErrorBody;
use dvc_core::money::{amount_in_words, format_vnd};
use dvc_core::payment::Receipt;
use dvc_core::tracking::mask_name;

use crate::error::ApiError;
use maud::html;

use crate::html;
use crate::state::AppState;
use dvc_core::date::vietnam_time;
use utoipa_axum::{router::OpenApiRouter, routes};

pub enum ReceiptBy<'a> {
    /// The random verification code printed on it.
    Verification(&'a str),
    Bill(&'a str),
}

pub fn load(c: &Connection, by: ReceiptBy) -> Result<Option<Receipt>, ApiError> {
    let (clause, key) = match by {
        ReceiptBy::Verification(v) => ("r.verification = ?1", v),
        ReceiptBy::Bill(b) => ("r.bill_number = ?1", b),
    };
    let sql = format!(
        "SELECT r.number, r.payer, r.reason, r.amount, r.amount_in_words, r.paid_at, r.collecting_agency, r.bill_number, p.dossier_code, r.verification \
         FROM receipts r JOIN payments p ON p.bill_number = r.bill_number WHERE {clause}"
    );
    Ok(c.query_row(&sql, crate::params![key], |r| {
        Ok(Receipt {
            number: r.get(0)?,
            payer: r.get(1)?,
            reason: r.get(2)?,
            amount: r.get::<_, i64>(3)? as u64,
            amount_in_words: r.get(4)?,
            paid_at: r.get(5)?,
            collecting_agency: r.get(6)?,
            bill_number: r.get(7)?,
            dossier_code: r.get(8)?,
            verification: r.get(9)?,
        })
    })
    .optional()?)
}

/// Issues the receipt of a bill just paid (once: a bill has one receipt).
pub fn issue(c: &Connection, bill: &str, paid_at: i64) -> Result<(), ApiError> {
    let (dossier, procedure, payer, agency, amount): (String, String, String, String, i64) = c.query_row(
        "SELECT d.code, d.procedure_name, d.applicant_name, a.name, p.amount FROM payments p \
         JOIN dossiers d ON d.code = p.dossier_code JOIN agencies a ON a.id = d.agency_id WHERE p.bill_number = ?1",
        crate::params![bill],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    let number = format!("BL{}", bill.trim_start_matches("HP"));
    c.execute(
        "INSERT INTO receipts (number, bill_number, payer, reason, amount, amount_in_words, paid_at, collecting_agency, verification) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING",
        params![
            number,
            bill,
            payer,
            format!("Phí, lệ phí {} – hồ sơ {dossier}", procedure.trim_start_matches("Thủ tục ").to_lowercase()),
            amount,
            amount_in_words(amount as u64),
            vietnam_time(paid_at),
            agency,
            crate::random::token()
        ],
    )?;
    Ok(())
}

fn not_issued() -> ApiError {
    ApiError::not_found("receipt_not_found", "Không tìm thấy biên lai với mã xác minh này.")
}

/// Checking a receipt by the verification code printed on it: it was issued here, for this
/// amount and dossier; the payer's name masked.
#[utoipa::path(get, path = "/receipts/{verification}", tag = "payments",
    params(("verification" = String, Path, pattern = "^[0-9a-fA-F]{32}$", description = "The verification code printed on the receipt (32 hex digits)")),
    responses((status = 200, description = "A printable page (text/html), or JSON with Accept: application/json; the payer masked", body = Receipt),
        (status = 404, body = ErrorBody)))]
pub async fn verify(
    State(state): State<AppState>,
    Path(code): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if code.len() != 32 || !code.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(not_issued());
    }
    let mut receipt = state.db.call(move |c| load(c, ReceiptBy::Verification(&code))).await?.ok_or_else(not_issued)?;
    receipt.payer = mask_name(&receipt.payer);
    Ok(respond(&receipt, &headers, &state.public_url))
}

/// The receipt of a paid bill, whole, for the bill's holder.
#[utoipa::path(get, path = "/payments/{id}/receipt", tag = "payments",
    params(("id" = String, Path, pattern = "^[0-9a-f]{32}$", description = "The bill's id")),
    responses((status = 200, description = "A printable page (text/html), or JSON with Accept: application/json", body = Receipt),
        (status = 404, description = "No such bill, or not paid yet", body = ErrorBody)))]
pub async fn of_bill(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let public_url = state.public_url.clone();
    let bill = crate::payments::get(State(state), Path(id)).await?.0;
    let receipt = bill
        .receipt
        .ok_or_else(|| ApiError::not_found("not_paid_yet", "Khoản này chưa được thanh toán: chưa có biên lai."))?;
    Ok(respond(&receipt, &headers, &public_url))
}

fn respond(receipt: &Receipt, headers: &HeaderMap, public_url: &str) -> Response {
    let wants_json = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("application/json") && !a.contains("text/html"));
    if wants_json {
        return Json(receipt).into_response();
    }
    html::page(page(receipt, public_url), "")
}

const RECEIPT_STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:1.5rem auto;padding:0 1rem;\
    color:#1b1f24;line-height:1.5}h1{font-size:1.5rem;margin:0 0 .25rem}p{margin:0 0 1rem;color:#4a5360}\
    table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.5rem;\
    border-bottom:1px solid #d5dae1}th{width:40%}.paid{display:inline-block;border:3px solid #0f6b3a;color:#0f6b3a;\
    font-weight:700;padding:.25rem .75rem;margin-bottom:1rem}.follow{display:flex;gap:1rem;align-items:center;\
    margin-top:1.5rem;border-top:1px solid #d5dae1;padding-top:1rem}.follow p{margin:0}.follow svg{flex:none}\
    p,td{overflow-wrap:anywhere}";

fn page(r: &Receipt, public_url: &str) -> String {
    // The app's tracking page of the dossier paid for: "Quét mã" (or any phone's camera) opens it.
    let follow_url = format!("{public_url}{}{}", dvc_core::scan::TRACK_PATH, r.dossier_code);
    let rows = [
        ("Số biên lai", r.number.clone()),
        ("Người nộp", r.payer.clone()),
        ("Nội dung", r.reason.clone()),
        ("Số tiền", format_vnd(r.amount)),
        ("Bằng chữ", r.amount_in_words.clone()),
        ("Thời gian thanh toán", r.paid_at.clone()),
        ("Đơn vị thu", r.collecting_agency.clone()),
        ("Mã thanh toán", r.bill_number.clone()),
        ("Mã hồ sơ", r.dossier_code.clone()),
        ("Mã xác minh", r.verification.clone()),
    ];
    let body = html! {
        h1 { "Biên lai thu phí, lệ phí điện tử" }
        p { "Cổng Dịch vụ công tỉnh Vĩnh Phúc" }
        p.paid { "ĐÃ THANH TOÁN" }
        table {
            @for (label, value) in &rows {
                tr { th scope="row" { (label) } td { (value) } }
            }
        }
        p { "Kiểm tra biên lai này tại: " (public_url) "/api/v1/receipts/" (r.verification) }
        div.follow {
            @if let Some(qr) = crate::html::qr_code(&follow_url, "Mã QR theo dõi hồ sơ") { (qr) }
            p { "Quét mã để theo dõi hồ sơ " (r.dossier_code) " (tra cứu bằng số CCCD hoặc số điện thoại đã khai):" br; small { (follow_url) } }
        }
    };
    html::document(&format!("Biên lai điện tử {}", r.number), RECEIPT_STYLE, body)
}

/// This module's routes, each declared once by its handler's `#[utoipa::path]`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(of_bill)).routes(routes!(verify))
}
