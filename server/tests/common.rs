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

/// Files a permanent-residence registration (online fee 10.000 ₫, applicant CCCD 026090012345,
/// phone 0987654321) with the idempotency key given, and returns its code.
pub async fn file_residence_registration(state: AppState, key: &str) -> String {
    let upload = send(state.clone(), Request::post("/api/v1/uploads").header("x-file-name", "so-ho-khau.pdf").body(Body::from(&b"%PDF-1.4\n%%EOF\n"[..])).unwrap()).await;
    assert_eq!(upload.status(), StatusCode::CREATED);
    let upload: serde_json::Value = serde_json::from_slice(&body_bytes(upload).await).unwrap();
    let body = serde_json::json!({
        "procedure_code": "1.004222",
        "answers": {
            "applicant": {
                "kind": "citizen", "full_name": "Đỗ Văn Nam", "id_number": "026090012345", "birth_date": "05/09/1990",
                "sex": "male", "phone": "0987654321", "email": "",
                "address": {"province": "Tỉnh Vĩnh Phúc", "district": "Thành phố Vĩnh Yên", "commune": "Phường Tích Sơn", "street": "Số 9"}
            },
            "fields": {"dia_chi_moi": "Số 9, phường Tích Sơn", "ho_ten_chu_ho": "Đỗ Văn Nam", "dinh_danh_chu_ho": "026090012345",
                       "quan_he_chu_ho": "chu_ho", "truong_hop": "nha_so_huu"},
            "documents": {"giay_to_1": [upload["id"]]}
        }
    });
    let request = Request::post("/api/v1/dossiers")
        .header("content-type", "application/json")
        .header("idempotency-key", key)
        .body(Body::from(serde_json::to_vec(&body).unwrap()))
        .unwrap();
    let response = send(state, request).await;
    let status = response.status();
    let receipt: serde_json::Value = serde_json::from_slice(&body_bytes(response).await).unwrap();
    assert_eq!(status, StatusCode::CREATED, "{receipt}");
    receipt["code"].as_str().unwrap().to_owned()
}
