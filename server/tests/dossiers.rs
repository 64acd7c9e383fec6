//! Filing a dossier: checked again on the server, numbered in the provincial format, and
//! made exactly once per idempotency key.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use dvc_server::config::UploadConfig;
use dvc_server::AppState;
use serde_json::{json, Value};

fn app() -> AppState {
    static DIR: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    let dir =
        DIR.get_or_init(|| std::env::temp_dir().join(format!("dvc-dossier-uploads-{}", std::process::id()))).clone();
    AppState { uploads: UploadConfig { dir, max_bytes: UploadConfig::DEFAULT_MAX_BYTES }, ..state() }
}

async fn call(request: Request<Body>) -> (StatusCode, Option<String>, Value) {
    let response = send(app(), request).await;
    let status = response.status();
    let replayed = response.headers().get("idempotent-replayed").map(|v| v.to_str().unwrap().to_owned());
    let bytes = body_bytes(response).await;
    (status, replayed, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

/// A complete birth registration of a child born three days ago.
async fn birth_registration() -> Value {
    common::birth_registration(app(), &today().add_days(-3).to_string()).await
}

fn post(key: Option<&str>, body: &Value) -> Request<Body> {
    let mut r = Request::post("/api/v1/dossiers").header("content-type", "application/json");
    if let Some(key) = key {
        r = r.header("idempotency-key", key);
    }
    r.body(Body::from(serde_json::to_vec(body).unwrap())).unwrap()
}

fn dossiers_with_key(key: &str) -> u32 {
    seeded_db().with(|c| {
        c.query_row("SELECT count(*) FROM idempotency_keys WHERE key = ?1", dvc_server::params![key], |r| r.get(0))
            .unwrap()
    })
}

#[tokio::test]
async fn a_complete_birth_registration_is_filed_with_a_provincial_code_and_an_appointment() {
    let body = birth_registration().await;
    let (status, replayed, receipt) = call(post(Some("test-filed-once-0001"), &body)).await;
    assert_eq!(status, StatusCode::CREATED, "{receipt}");
    assert_eq!(replayed, None);
    let code = receipt["code"].as_str().unwrap();
    let (agency, rest) = code.split_once('-').unwrap();
    let province = &dataset().province.agency_code;
    // The receiving agency is one of the province's (its code is a segment of every id).
    assert!(agency.split('.').any(|segment| segment == province) && rest.len() == 11, "{code}");
    assert_eq!(receipt["status"], 1);
    assert_eq!(receipt["status_name"], "Mới đăng ký");
    let parse = |v: &Value| dvc_core::date::Date::parse_dmy(v.as_str().unwrap()).unwrap();
    assert!(parse(&receipt["appointment_on"]) >= parse(&receipt["received_on"]));
    let stored: u8 = seeded_db().with(|c| {
        c.query_row("SELECT status FROM dossiers WHERE code = ?1", dvc_server::params![code], |r| r.get(0)).unwrap()
    });
    assert_eq!(stored, 1);
}

#[tokio::test]
async fn the_same_key_and_body_return_the_same_dossier_and_another_body_is_a_409() {
    let body = birth_registration().await;
    let (_, _, first) = call(post(Some("test-replay-000002"), &body)).await;
    let (status, replayed, again) = call(post(Some("test-replay-000002"), &body)).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(replayed.as_deref(), Some("true"));
    assert_eq!(again, first);
    let mut other = body.clone();
    other["answers"]["fields"]["ho_ten_tre"] = json!("Nguyễn Minh Khôi");
    let (status, _, conflict) = call(post(Some("test-replay-000002"), &other)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(conflict["error"]["code"], "idempotency_key_reused");
    assert_eq!(dossiers_with_key("test-replay-000002"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_submissions_with_one_key_make_one_dossier() {
    let body = birth_registration().await;
    let tasks: Vec<_> = (0..20).map(|_| tokio::spawn(call(post(Some("test-concurrent-0003"), &body)))).collect();
    let mut codes = std::collections::BTreeSet::new();
    for t in tasks {
        let (status, _, receipt) = t.await.unwrap();
        assert_eq!(status, StatusCode::CREATED, "{receipt}");
        codes.insert(receipt["code"].as_str().unwrap().to_owned());
    }
    assert_eq!(codes.len(), 1, "{codes:?}");
    let rows: u32 = seeded_db().with(|c| {
        c.query_row("SELECT count(*) FROM dossiers WHERE code = ?1", dvc_server::params![codes.first().unwrap()], |r| {
            r.get(0)
        })
        .unwrap()
    });
    assert_eq!(rows, 1);
}

#[tokio::test]
async fn mistakes_are_a_422_with_every_problem_at_its_path() {
    let mut body = birth_registration().await;
    body["answers"]["applicant"]["id_number"] = json!("02619001234");
    body["answers"]["applicant"]["phone"] = json!("0212345678");
    body["answers"]["fields"]["ho_ten_tre"] = json!("");
    body["answers"]["documents"] = json!({"giay_to_1": ["no-such-upload"]});
    let (status, _, error) = call(post(Some("test-mistakes-0004"), &body)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
    assert_eq!(error["error"]["code"], "validation_failed");
    let fields: Vec<&str> = error["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    for path in ["applicant.id_number", "applicant.phone", "fields.ho_ten_tre", "documents.giay_to_1"] {
        assert!(fields.contains(&path), "{path} in {fields:?}");
    }
    assert!(error["errors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["message"] == "Số CCCD phải có 12 chữ số (bạn đã nhập 11)."));
    assert_eq!(dossiers_with_key("test-mistakes-0004"), 0, "nothing is filed");
}

#[tokio::test]
async fn a_missing_key_or_broken_json_is_a_400_with_a_json_error() {
    let body = birth_registration().await;
    let (status, _, error) = call(post(None, &body)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error["error"]["field"], "Idempotency-Key");
    let broken = Request::post("/api/v1/dossiers")
        .header("content-type", "application/json")
        .header("idempotency-key", "test-broken-0005")
        .body(Body::from("{\"procedure_code\": "))
        .unwrap();
    let (status, _, error) = call(broken).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error["error"]["code"], "invalid_json");
    // A well-formed body of the wrong shape: the answer says where.
    let mut wrong = body.clone();
    wrong["answers"]["applicant"]["sex"] = json!("unknown");
    let (status, _, error) = call(post(Some("test-broken-0006"), &wrong)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{error}");
    assert_eq!(error["error"]["code"], "invalid_json");
    assert_eq!(error["error"]["field"], "answers.applicant.sex", "{error}");
}

#[tokio::test]
async fn an_applicant_lists_their_dossiers_only_with_both_id_number_and_phone() {
    let mut body = birth_registration().await;
    // An ID number no other test files with (female, born 1990 in province 026).
    body["answers"]["applicant"]["id_number"] = json!("026190077001");
    let (status, _, filed) = call(post(Some("test-mine-00000005"), &body)).await;
    assert_eq!(status, StatusCode::CREATED, "{filed}");

    let get = |id: &str, phone: Option<&str>| {
        let mut request = Request::get("/api/v1/dossiers").header("x-applicant", id);
        if let Some(phone) = phone {
            request = request.header("x-phone", phone);
        }
        call(request.body(Body::empty()).unwrap())
    };
    let (status, _, mine) = get("026190077001", Some("+84 912 345 678")).await;
    assert_eq!(status, StatusCode::OK, "{mine}");
    assert_eq!(mine.as_array().unwrap().len(), 1, "{mine}");
    assert_eq!(mine[0]["code"], filed["code"]);

    let (status, _, other) = get("026190077001", Some("0987654321")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(other, json!([]), "another phone sees nothing");
    let (status, _, error) = get("026190077001", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error["error"]["field"], "X-Phone");
    let (status, _, error) = get("026190077001", Some("12")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error["error"]["field"], "X-Phone");
    // Never in the address: logs and histories keep addresses.
    let (status, _, error) =
        call(Request::get("/api/v1/dossiers?id_number=026190077001&phone=0912345678").body(Body::empty()).unwrap())
            .await;
    assert_eq!((status, error["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("id_number")), "{error}");
}
