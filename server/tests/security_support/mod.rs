//! What the security tests share (`security_*.rs`): a state with a known bank secret and
//! generous per-client limits, requests from a given client or applicant, and the applicant
//! every dossier of theirs is filed for.

#![allow(dead_code, unused_imports)]

pub use std::net::SocketAddr;
pub use std::sync::Arc;
pub use std::time::Duration;

pub use crate::common::*;
pub use axum::body::Body;
pub use axum::extract::ConnectInfo;
pub use axum::http::{Request, StatusCode};
pub use dvc_server::bank::sign;
pub use dvc_server::config::{PaymentConfig, UploadConfig};
pub use dvc_server::rate_limit::RateLimiter;
pub use dvc_server::AppState;
pub use serde_json::{json, Value};

pub const SECRET: &str = "security-test-bank-secret";
/// The applicant of [`file_residence`]: the CCCD and the phone given when filing.
pub const CCCD: &str = "026090012345";
pub const PHONE: &str = "0987654321";

/// The shared state with generous per-client limits, so the tests of this binary do not
/// spend each other's budget; a test of the limits builds its own.
pub fn app() -> AppState {
    static STATE: std::sync::OnceLock<AppState> = std::sync::OnceLock::new();
    STATE
        .get_or_init(|| {
            let dir = std::env::temp_dir().join(format!("dvc-security-uploads-{}", std::process::id()));
            AppState {
                uploads: UploadConfig { dir, max_bytes: UploadConfig::DEFAULT_MAX_BYTES },
                payments: PaymentConfig { secret: SECRET.into(), test_bank: false, ..PaymentConfig::demo() },
                lookups: Arc::new(RateLimiter::new("lookups-support-100000", 100_000, Duration::from_secs(60))),
                ..state()
            }
        })
        .clone()
}

pub async fn call_on(state: AppState, request: Request<Body>) -> (StatusCode, Value, String) {
    let response = send(state, request).await;
    let status = response.status();
    let kind = response.headers().get("content-type").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    let bytes = body_bytes(response).await;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        if kind.starts_with("text/html") { text } else { String::new() },
    )
}

pub async fn call(request: Request<Body>) -> (StatusCode, Value) {
    let (status, json, _) = call_on(app(), request).await;
    (status, json)
}

pub fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

/// A request from the client at `ip`, naming `who` as the applicant (if any).
pub fn from(ip: &str, mut request: Request<Body>, who: Option<&str>) -> Request<Body> {
    request.extensions_mut().insert(ConnectInfo(SocketAddr::new(ip.parse().unwrap(), 40000)));
    if let Some(who) = who {
        request.headers_mut().insert("x-applicant", who.parse().unwrap());
    }
    request
}

pub fn post(uri: &str, who: Option<&str>, body: Value) -> Request<Body> {
    let mut request =
        Request::post(uri).header("content-type", "application/json").body(Body::from(body.to_string())).unwrap();
    if let Some(who) = who {
        request.headers_mut().insert("x-applicant", who.parse().unwrap());
    }
    request
}

pub async fn file(key: &str) -> String {
    file_residence_registration(app(), &format!("security-{key}")).await
}

pub async fn open_bill(dossier: &str, who: Option<&str>) -> (StatusCode, Value) {
    call(post(&format!("/api/v1/dossiers/{dossier}/payment"), who, json!({}))).await
}

pub async fn pay(bill_number: &str, transaction: &str) {
    let body = serde_json::to_vec(
        &json!({"transaction_id": transaction, "amount": 10_000, "note": bill_number, "time": "10/03/2027 09:40"}),
    )
    .unwrap();
    let request = Request::post("/api/v1/bank-notifications")
        .header("x-signature", sign(SECRET, &body))
        .body(Body::from(body))
        .unwrap();
    let (status, result) = call(request).await;
    assert_eq!((status, result["outcome"].as_str()), (StatusCode::OK, Some("paid")), "{result}");
}

pub fn is_token(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

pub fn set_status(code: &str, status: u8) {
    seeded_db().with(|c| {
        c.execute("UPDATE dossiers SET status = ?1 WHERE code = ?2", dvc_server::params![status, code]).unwrap()
    });
}

pub fn status_of(code: &str) -> u8 {
    seeded_db().with(|c| {
        c.query_row("SELECT status FROM dossiers WHERE code = ?1", dvc_server::params![code], |r| r.get(0)).unwrap()
    })
}

/// A lookup of dossier `code` by `who`.
pub fn post_get(code: &str, who: &str) -> Request<Body> {
    Request::get(format!("/api/v1/dossiers/{code}")).header("x-applicant", who).body(Body::empty()).unwrap()
}
