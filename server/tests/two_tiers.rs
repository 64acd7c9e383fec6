//! Today's local government (two tiers since 1 July 2025): with the Phú Thọ dataset the API
//! knows no district, and a citizen files without being asked for one.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use dvc_server::clock::Clock;
use dvc_server::config::{default_data_dir, CorsOrigins};
use dvc_server::db::Db;
use dvc_server::seed::seed_if_needed;
use dvc_server::AppState;

fn two_tier_state() -> AppState {
    let db = Db::for_tests().expect("in-memory database");
    seed_if_needed(&db, &default_data_dir(), "phu-tho-2025").expect("the two-tier dataset seeds");
    let state = AppState::new(db, None, CorsOrigins::None).expect("catalog loads");
    let dir = std::env::temp_dir().join(format!("dvc-test-uploads-two-tiers-{}", std::process::id()));
    let uploads = dvc_server::config::UploadConfig { dir, ..state.uploads.clone() };
    AppState { clock: Clock::pinned(common::now()), uploads, ..state }
}

async fn get(state: &AppState, uri: &str) -> serde_json::Value {
    let response = common::send(state.clone(), Request::get(uri).body(Body::empty()).unwrap()).await;
    assert_eq!(response.status(), StatusCode::OK, "{uri}");
    serde_json::from_slice(&common::body_bytes(response).await).unwrap()
}

#[tokio::test]
async fn the_address_has_no_district_and_the_place_to_apply_is_any_commune() {
    let state = two_tier_state();
    // Areas: the province, then its 148 communes and wards, with nothing under them.
    let areas = get(&state, "/api/v1/areas").await;
    assert_eq!(areas[0]["name"], "Tỉnh Phú Thọ");
    let units = areas[0]["children"].as_array().unwrap();
    assert_eq!(units.len(), 148);
    assert!(units.iter().all(|u| u["children"].as_array().unwrap().is_empty()));
    assert!(units.iter().any(|u| u["name"] == "Phường Việt Trì"));

    // The statistics by level show the levels there are.
    let stats = get(&state, "/api/v1/stats").await;
    let levels: Vec<&str> =
        stats["by_level"].as_array().unwrap().iter().map(|l| l["value"].as_str().unwrap()).collect();
    assert_eq!(levels, ["province", "commune"]);

    // Birth registration: listed once, under the communes' people's committees; no district
    // asked; any commune receives it, the applicant's own.
    let form = get(&state, "/api/v1/procedures/1.001193/form").await;
    assert_eq!(form["district_tier"], false);
    assert_eq!(form["procedure_code"], "1.001193.G25.X00000");
    let receivers = form["receivers"].as_array().unwrap();
    assert_eq!(receivers.len(), 148);
    let viet_tri = units.iter().find(|u| u["name"] == "Phường Việt Trì").unwrap()["code"].as_str().unwrap();
    assert!(receivers.iter().any(|r| r["id"] == viet_tri && r["name"] == "Phường Việt Trì"));
    let mut body = common::birth_registration(state.clone(), "01/03/2027").await;
    body["answers"]["applicant"]["address"] = serde_json::json!({"province": "Tỉnh Phú Thọ", "district": "", "commune": "Phường Việt Trì", "street": "Số 5 Hùng Vương"});
    let (status, receipt) = common::submit_dossier(state.clone(), "two-tiers-birth-1", &body).await;
    assert_eq!(status, StatusCode::CREATED, "{receipt}");
    assert!(receipt["code"].as_str().unwrap().starts_with(&format!("{viet_tri}-")), "{receipt}");
    assert!(receipt["agency"].as_str().unwrap().contains("Việt Trì"), "{receipt}");

    // A ward of before the reform receives nothing now: the citizen is asked for today's.
    body["answers"]["applicant"]["address"]["commune"] = serde_json::json!("Phường Tích Sơn");
    let (status, error) = common::submit_dossier(state.clone(), "two-tiers-birth-2", &body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
    let paths: Vec<&str> = error["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(paths, ["applicant.address.commune"], "{error}");
}

#[tokio::test]
async fn a_province_level_procedure_is_received_by_its_department_whatever_the_commune() {
    let state = two_tier_state();
    // A land registration, at the province's land registration office.
    let form = get(&state, "/api/v1/procedures/1.012787/form").await;
    assert!(form["procedure_code"].as_str().unwrap().starts_with("1.012787.G25."), "{form}");
    assert!(form.get("receivers").is_none(), "{form}");
}
