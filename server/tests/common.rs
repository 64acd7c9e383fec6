//! Shared by the API tests: one seeded in-memory catalog, requests sent in-process.

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use dvc_server::config::{default_data_dir, CorsOrigins};
use dvc_server::db::Db;
use dvc_server::seed::seed_if_needed;
use dvc_server::{router, AppState};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// The demo catalog, seeded once per test binary.
pub fn seeded_db() -> Db {
    static DB: OnceLock<Db> = OnceLock::new();
    DB.get_or_init(|| {
        let db = Db::open_in_memory().expect("in-memory database");
        seed_if_needed(&db, &default_data_dir()).expect("the demo catalog seeds");
        db
    })
    .clone()
}

pub fn state_with(static_dir: Option<PathBuf>, cors: CorsOrigins) -> AppState {
    static CATALOG: OnceLock<AppState> = OnceLock::new();
    let base = CATALOG.get_or_init(|| AppState::new(seeded_db(), None, CorsOrigins::None).expect("catalog loads"));
    AppState { static_dir, cors, ..base.clone() }
}

pub fn state() -> AppState {
    state_with(None, CorsOrigins::None)
}

pub async fn send(state: AppState, request: Request<Body>) -> Response<Body> {
    router(state).oneshot(request).await.expect("the router answers")
}

pub async fn get(uri: &str) -> (StatusCode, serde_json::Value) {
    let response = send(state(), Request::get(uri).body(Body::empty()).unwrap()).await;
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let json = serde_json::from_slice(&bytes).unwrap_or_else(|_| panic!("{uri}: not JSON: {}", String::from_utf8_lossy(&bytes)));
    (status, json)
}

pub async fn body_bytes(response: Response<Body>) -> Vec<u8> {
    response.into_body().collect().await.unwrap().to_bytes().to_vec()
}

/// A 4xx with the JSON error shape, naming `field` when given.
pub async fn assert_client_error(uri: &str, status: StatusCode, code: &str, field: Option<&str>) {
    let (got, body) = get(uri).await;
    assert_eq!(got, status, "{uri}: {body}");
    assert_eq!(body["error"]["code"], code, "{uri}: {body}");
    assert!(body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{uri}: {body}");
    if let Some(field) = field {
        assert_eq!(body["error"]["field"], field, "{uri}: {body}");
    }
}
