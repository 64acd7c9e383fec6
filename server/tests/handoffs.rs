//! Carrying a draft from a kiosk to a phone: the link opens it once, and not after ten minutes.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use serde_json::{json, Value};

async fn call(request: Request<Body>) -> (StatusCode, Value) {
    let response = send(state(), request).await;
    let status = response.status();
    (status, serde_json::from_slice(&body_bytes(response).await).unwrap_or(Value::Null))
}

async fn hand_off(draft: &Value) -> String {
    let (status, handoff) = call(
        Request::post("/api/v1/handoffs")
            .header("content-type", "application/json")
            .body(Body::from(draft.to_string()))
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{handoff}");
    assert_eq!(handoff["expires_at"].as_i64().unwrap(), now() + 600, "ten minutes");
    handoff["token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_handoff_link_opens_the_draft_once() {
    let draft =
        json!({"procedure_code": "1.001193.008.01.00.H62", "applicant": {"full_name": "Nguyễn Thị Lan"}, "step": 2});
    let token = hand_off(&draft).await;
    let (status, got) = call(Request::get(format!("/api/v1/handoffs/{token}")).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(got, draft);
    let (status, again) = call(Request::get(format!("/api/v1/handoffs/{token}")).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "single use");
    assert!(again["error"]["message"].as_str().unwrap().contains("đã được dùng hoặc đã hết hạn"));
}

#[tokio::test]
async fn an_expired_or_made_up_link_opens_nothing() {
    let token = hand_off(&json!({"procedure_code": "x"})).await;
    seeded_db().with(|c| {
        c.execute("UPDATE handoffs SET expires_at = 1000 WHERE token = ?1", dvc_server::params![&token]).unwrap()
    });
    let (status, _) = call(Request::get(format!("/api/v1/handoffs/{token}")).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "expired");
    for made_up in ["0123456789abcdef0123456789abcdef", "short", "../../etc/passwd"] {
        let (status, body) =
            call(Request::get(format!("/api/v1/handoffs/{made_up}")).body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{made_up}: {body}");
    }
    let (status, _) = call(
        Request::post("/api/v1/handoffs").header("content-type", "application/json").body(Body::from("[1,2]")).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a draft is an object");
}
