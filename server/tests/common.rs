//! Shared by the API tests: one seeded in-memory catalog, requests sent in-process, and the
//! one clock they run on.
//!
//! The tests of a binary share one database, so each files its dossiers with keys and ID
//! numbers of its own. They share one clock too, pinned at [`NOW`]: a test that moves time
//! takes a clock of its own ([`state_at`]).

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use dvc_core::date::{parse_rfc3339, Date};
use dvc_server::clock::Clock;
use dvc_server::config::{default_data_dir, test_dataset, CorsOrigins};
use dvc_server::db::Db;
use dvc_server::seed::{data, seed_if_needed};
use dvc_server::{router, AppState};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// The demo catalog, seeded once per test binary.
pub fn seeded_db() -> Db {
    static DB: OnceLock<Db> = OnceLock::new();
    DB.get_or_init(|| {
        let db = Db::for_tests().expect("in-memory database");
        seed_if_needed(&db, &default_data_dir(), &test_dataset()).expect("the demo catalog seeds");
        db
    })
    .clone()
}

/// The files of the dataset the tests seed (`DVC_DATASET`, else the default): what a test
/// expects of the province's shape (tiers, units, published figures) comes from here, so the
/// suite runs on any dataset.
pub fn dataset() -> &'static data::CatalogData {
    static DATA: OnceLock<data::CatalogData> = OnceLock::new();
    DATA.get_or_init(|| data::load(&default_data_dir(), &test_dataset()).expect("the dataset loads"))
}

/// The dataset's districts (units with units under them): none with two tiers.
pub fn dataset_districts() -> Vec<&'static data::Unit> {
    dataset().agencies.units.iter().filter(|u| !u.units.is_empty()).collect()
}

/// The dataset's communes and wards, at whatever depth they sit.
pub fn dataset_communes() -> Vec<&'static data::Unit> {
    fn leaves<'a>(units: &'a [data::Unit], out: &mut Vec<&'a data::Unit>) {
        for u in units {
            if u.units.is_empty() {
                out.push(u);
            } else {
                leaves(&u.units, out);
            }
        }
    }
    let mut out = Vec::new();
    leaves(&dataset().agencies.units, &mut out);
    out
}

/// An address in the dataset's province, as its pickers offer it: its first commune, and that
/// commune's district when the province has districts.
pub fn home_address(street: &str) -> serde_json::Value {
    use dvc_server::areas::unit_name;
    let first = &dataset().agencies.units[0];
    let (district, commune) = match first.units.first() {
        Some(commune) => (unit_name(&first.name), unit_name(&commune.name)),
        None => (String::new(), unit_name(&first.name)),
    };
    serde_json::json!({
        "province": unit_name(&dataset().agencies.province.name),
        "district": district,
        "commune": commune,
        "street": street,
    })
}

/// When the API tests happen, unless a test pins another instant: an ordinary Wednesday
/// morning, so the tests of date edges (`dates.rs`) are the only ones that meet one.
pub const NOW: &str = "2027-03-10T09:30:00+07:00";

pub fn now() -> i64 {
    parse_rfc3339(NOW).expect("NOW is an RFC 3339 instant")
}

pub fn today() -> Date {
    dvc_core::date::vietnam_date(now())
}

pub fn state_with(static_dir: Option<PathBuf>, cors: CorsOrigins) -> AppState {
    static CATALOG: OnceLock<AppState> = OnceLock::new();
    let base = CATALOG.get_or_init(|| {
        let state = AppState::new(seeded_db(), None, CorsOrigins::None).expect("catalog loads");
        // The tests of a binary all upload as one client ("local"): no hourly quota between them.
        let upload_quota = std::sync::Arc::new(dvc_server::rate_limit::RateLimiter::new(
            "uploads-unlimited",
            u32::MAX,
            std::time::Duration::from_secs(3600),
        ));
        // Uploads land in a folder of this test binary's own, never in the source tree.
        let dir = std::env::temp_dir().join(format!("dvc-test-uploads-{}", std::process::id()));
        let uploads = dvc_server::config::UploadConfig { dir, ..state.uploads.clone() };
        AppState { clock: Clock::pinned(now()), upload_quota, uploads, ..state }
    });
    AppState { static_dir, cors, ..base.clone() }
}

/// The shared state on a clock of its own, pinned at `instant` (RFC 3339) until the test moves it.
pub fn state_at(instant: &str) -> AppState {
    AppState { clock: Clock::pinned(parse_rfc3339(instant).expect("an RFC 3339 instant")), ..state() }
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
    let json = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| panic!("{uri}: not JSON: {}", String::from_utf8_lossy(&bytes)));
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

/// Uploads a small PDF and returns its id.
pub async fn upload_pdf(state: AppState, name: &str) -> String {
    let request = Request::post("/api/v1/uploads")
        .header("x-file-name", name)
        .body(Body::from(&b"%PDF-1.4\n%%EOF\n"[..]))
        .unwrap();
    let response = send(state, request).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let receipt: serde_json::Value = serde_json::from_slice(&body_bytes(response).await).unwrap();
    receipt["id"].as_str().unwrap().to_owned()
}

/// `POST /api/v1/dossiers` with the idempotency key given: the status and the JSON answer.
pub async fn submit_dossier(state: AppState, key: &str, body: &serde_json::Value) -> (StatusCode, serde_json::Value) {
    let request = Request::post("/api/v1/dossiers")
        .header("content-type", "application/json")
        .header("idempotency-key", key)
        .body(Body::from(serde_json::to_vec(body).unwrap()))
        .unwrap();
    let response = send(state, request).await;
    let status = response.status();
    (status, serde_json::from_slice(&body_bytes(response).await).unwrap())
}

/// Files a permanent-residence registration (online: 7 working days, fee 10.000 ₫; applicant
/// CCCD 026090012345, phone 0987654321) with the idempotency key given; returns the receipt.
pub async fn file_residence(state: AppState, key: &str) -> serde_json::Value {
    let upload = upload_pdf(state.clone(), "so-ho-khau.pdf").await;
    let body = serde_json::json!({
        "procedure_code": "1.004222",
        "answers": {
            "applicant": {
                "kind": "citizen", "full_name": "Đỗ Văn Nam", "id_number": "026090012345", "birth_date": "05/09/1990",
                "sex": "male", "phone": "0987654321", "email": "",
                "address": home_address("Số 9")
            },
            "fields": {"dia_chi_moi": "Số 9, phường Tích Sơn", "ho_ten_chu_ho": "Đỗ Văn Nam", "dinh_danh_chu_ho": "026090012345",
                       "quan_he_chu_ho": "chu_ho", "truong_hop": "nha_so_huu"},
            "documents": {"giay_to_1": [upload]}
        }
    });
    let (status, receipt) = submit_dossier(state, key, &body).await;
    assert_eq!(status, StatusCode::CREATED, "{receipt}");
    receipt
}

/// [`file_residence`], and the dossier's code.
pub async fn file_residence_registration(state: AppState, key: &str) -> String {
    file_residence(state, key).await["code"].as_str().unwrap().to_owned()
}

/// A complete birth registration of a child born on `born` (dd/mm/yyyy), every required
/// document attached; the applicant is the mother, CCCD 026190012345.
pub async fn birth_registration(state: AppState, born: &str) -> serde_json::Value {
    let response =
        send(state.clone(), Request::get("/api/v1/procedures/1.001193/form").body(Body::empty()).unwrap()).await;
    let form: dvc_core::form::FormDefinition = serde_json::from_slice(&body_bytes(response).await).unwrap();
    let upload = upload_pdf(state, "giay-chung-sinh.pdf").await;
    let documents: serde_json::Map<String, serde_json::Value> =
        form.documents.iter().filter(|d| d.required).map(|d| (d.id.clone(), serde_json::json!([upload]))).collect();
    serde_json::json!({
        "procedure_code": form.procedure_code,
        "answers": {
            "applicant": {
                "kind": "citizen", "full_name": "Nguyễn Thị Lan", "id_number": "026190012345", "birth_date": "12/03/1990",
                "sex": "female", "phone": "0912345678", "email": "",
                "address": home_address("Số 5 Nguyễn Tất Thành")
            },
            "fields": {
                "ho_ten_tre": "Nguyễn Minh An", "ngay_sinh_tre": born, "gioi_tinh_tre": "nam", "noi_sinh": "Bệnh viện Sản Nhi Vĩnh Phúc",
                "dan_toc": "Kinh", "quoc_tich": "Việt Nam", "ho_ten_me": "Nguyễn Thị Lan", "dinh_danh_me": "026190012345", "quan_he": "me"
            },
            "documents": documents
        }
    })
}
