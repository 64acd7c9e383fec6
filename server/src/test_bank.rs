//! A test bank for demo deployments, clearly labelled as such: a page where a person "pays" a
//! bill by sending a correctly signed transfer notification, so a payment can be finished
//! without a real bank. It goes through the same handler as a bank gateway's notification,
//! signature check included. Off once a real `DVC_BANK_SECRET` is configured.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;
use dvc_core::money::format_vnd;
use dvc_core::payment::{BankNotification, Outcome};

use crate::bank::{notify, sign, SIGNATURE_HEADER};
use crate::error::ApiError;
use maud::{html, Markup};

use crate::html;
use crate::query_string;
use crate::state::AppState;
use dvc_core::api::ErrorBody;
use dvc_core::date::vietnam_time;
use utoipa_axum::{router::OpenApiRouter, routes};

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:36rem;margin:1rem auto;padding:0 1rem;line-height:1.5;color:#1b1f24}\
    .banner{background:#8a4b00;color:#fff;padding:.75rem 1rem;font-weight:700}label{display:block;font-weight:700;margin-top:1rem}\
    input{font:inherit;width:100%;min-height:44px;padding:.4rem;border:2px solid #1b1f24;border-radius:4px;box-sizing:border-box}\
    button{font:inherit;margin-top:1rem;min-height:44px;padding:.5rem 1.25rem;background:#0b4a8b;color:#fff;border:0;border-radius:4px}\
    .result{border-left:5px solid #0f6b3a;padding:.5rem 1rem;background:#f3f5f8}";

fn page(body: Markup) -> Response {
    let body = html! {
        p.banner role="note" { "NGÂN HÀNG THỬ NGHIỆM – chỉ dùng để thử, không có tiền thật." }
        (body)
    };
    html::page(html::document("Ngân hàng thử nghiệm", STYLE, body), "; form-action 'self'")
}

fn enabled(state: &AppState) -> Result<(), ApiError> {
    if state.payments.test_bank {
        Ok(())
    } else {
        Err(ApiError::not_found("no_test_bank", "Không có ngân hàng thử nghiệm trên hệ thống này."))
    }
}

/// The transfer form, filled in from `?bill=&amount=`.
#[utoipa::path(get, path = "/test-bank", tag = "test-bank",
    params(("bill" = Option<String>, Query, description = "The transfer note to prefill"),
           ("amount" = Option<String>, Query, description = "The amount to prefill, in đồng")),
    responses((status = 200, description = "The test bank's transfer form (HTML)", content_type = "text/html"),
        (status = 404, description = "No test bank on this deployment", body = ErrorBody)))]
pub async fn form(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    enabled(&state)?;
    let params = query_string::parse(raw.as_deref())?;
    let value = |k: &str| params.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()).unwrap_or_default();
    Ok(page(html! {
        h1 { "Chuyển khoản thử" }
        form method="post" action="/api/v1/test-bank/transfers" {
            label for="note" { "Nội dung chuyển khoản" }
            input id="note" name="note" value=(value("bill")) required;
            label for="amount" { "Số tiền (đồng)" }
            input id="amount" name="amount" inputmode="numeric" value=(value("amount")) required;
            button type="submit" { "Chuyển khoản" }
        }
    }))
}

/// Sends one signed notification for the form's transfer, and says what it did.
#[utoipa::path(post, path = "/test-bank/transfers", tag = "test-bank",
    request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "`note` and `amount`"),
    responses((status = 200, description = "What the transfer did (HTML)", content_type = "text/html"),
        (status = 400, description = "A field the form cannot use", body = ErrorBody),
        (status = 404, description = "No test bank on this deployment", body = ErrorBody)))]
pub async fn transfer(State(state): State<AppState>, body: Bytes) -> Result<Response, ApiError> {
    enabled(&state)?;
    let text = std::str::from_utf8(&body).map_err(|_| ApiError::invalid("body", "Dữ liệu không hợp lệ."))?;
    let params = query_string::parse(Some(text))?;
    let get = |k: &str| params.iter().find(|(key, _)| key == k).map(|(_, v)| v.trim().to_owned()).unwrap_or_default();
    let amount: u64 = get("amount")
        .replace(['.', ' '], "")
        .parse()
        .map_err(|_| ApiError::invalid("amount", "Số tiền phải là số đồng."))?;
    let now = state.clock.now();
    let notification = BankNotification {
        // Random, not a counter: instances sharing one store never make the same id.
        transaction_id: format!("TEST{now}{}", &crate::random::token()[..12]),
        amount,
        note: get("note"),
        time: vietnam_time(now),
    };
    let json = serde_json::to_vec(&notification).map_err(|e| ApiError::Internal(e.to_string()))?;
    let mut headers = HeaderMap::new();
    headers.insert(
        SIGNATURE_HEADER,
        HeaderValue::from_str(&sign(&state.payments.secret, &json)).map_err(|e| ApiError::Internal(e.to_string()))?,
    );
    let result = notify(State(state), headers, Bytes::from(json)).await?.0;
    let said = match result.outcome {
        Outcome::Paid => "Đã khớp với hóa đơn: đã thanh toán đủ.".to_owned(),
        Outcome::Underpaid { remaining } => format!("Đã khớp với hóa đơn: còn thiếu {}.", format_vnd(remaining)),
        Outcome::Overpaid { excess } => format!("Đã thanh toán; thừa {} sẽ được hoàn lại.", format_vnd(excess)),
        Outcome::Duplicate { refund } => {
            format!("Hóa đơn đã được thanh toán trước đó: {} được ghi nhận để hoàn lại.", format_vnd(refund))
        }
        Outcome::Unmatched => {
            "Không tìm thấy hóa đơn trong nội dung chuyển khoản: giao dịch được ghi nhận để đối soát.".to_owned()
        }
    };
    Ok(page(html! {
        h1 { "Đã chuyển " (format_vnd(amount)) }
        p.result role="status" { (said) }
        p { "Mã giao dịch: " (result.transaction_id) }
    }))
}

/// This module's routes, each declared once by its handler's `#[utoipa::path]`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(form)).routes(routes!(transfer))
}
