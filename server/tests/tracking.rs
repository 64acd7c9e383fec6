//! Following a dossier: only its applicant sees it (a wrong code and a wrong identity look the
//! same), lookups are limited, the office moves it through the core's rules, the citizen
//! supplements, withdraws and rates only where allowed, and results verify.

mod common;

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use dvc_server::config::{PaymentConfig, UploadConfig};
use dvc_server::rate_limit::RateLimiter;
use dvc_server::AppState;
use serde_json::{json, Value};

const TOKEN: &str = "officer-test-token";
const CCCD: &str = "026090012345";

fn app() -> AppState {
    static STATE: std::sync::OnceLock<AppState> = std::sync::OnceLock::new();
    STATE
        .get_or_init(|| {
            let dir = std::env::temp_dir().join(format!("dvc-tracking-uploads-{}", std::process::id()));
            AppState {
                uploads: UploadConfig { dir, max_bytes: UploadConfig::DEFAULT_MAX_BYTES },
                payments: PaymentConfig { secret: "s".into(), test_bank: false, ..PaymentConfig::demo() },
                officer_token: Some(TOKEN.into()),
                lookups: Arc::new(RateLimiter::new("lookups-tracking-10000", 10_000, Duration::from_secs(60))),
                ..state()
            }
        })
        .clone()
}

async fn call_on(state: AppState, request: Request<Body>) -> (StatusCode, Value, Option<String>) {
    let response = send(state, request).await;
    let status = response.status();
    let retry = response.headers().get("retry-after").map(|v| v.to_str().unwrap().to_owned());
    let bytes = body_bytes(response).await;
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null), retry)
}

async fn call(request: Request<Body>) -> (StatusCode, Value) {
    let (s, v, _) = call_on(app(), request).await;
    (s, v)
}

fn lookup(code: &str, who: &str) -> Request<Body> {
    Request::get(format!("/api/v1/dossiers/{code}")).header("x-applicant", who).body(Body::empty()).unwrap()
}

fn as_applicant(uri: String, body: Value) -> Request<Body> {
    Request::post(uri)
        .header("x-applicant", CCCD)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

async fn officer(code: &str, body: Value) -> (StatusCode, Value) {
    call(
        Request::post(format!("/api/v1/officer/dossiers/{code}/status"))
            .header("authorization", format!("Bearer {TOKEN}"))
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap(),
    )
    .await
}

async fn moved(code: &str, status: u8) -> Value {
    let (s, view) = officer(code, json!({"status": status})).await;
    assert_eq!(s, StatusCode::OK, "→ {status}: {view}");
    assert_eq!(view["status"], status);
    view
}

#[tokio::test]
async fn only_the_applicant_sees_a_dossier_and_a_wrong_code_looks_the_same_as_a_wrong_identity() {
    let code = file_residence_registration(app(), "tracking-test-0001").await;
    let (status, view) = call(lookup(&code, CCCD)).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["applicant"], "Đỗ V** N**");
    assert_eq!(view["status"], 1);
    assert_eq!(view["events"][0]["status_name"], "Mới đăng ký");
    assert_eq!(view["overdue"], false);
    assert_eq!(view["actions"]["withdraw"], true);
    let (status, by_phone) = call(lookup(&code, "+84 987 654 321")).await;
    assert_eq!(status, StatusCode::OK, "the phone given when filing, however written");
    assert_eq!(by_phone["code"], view["code"]);

    let wrong_identity = call(lookup(&code, "026090099999")).await;
    let wrong_code = call(lookup("003.03.00.H62-261127-9999", CCCD)).await;
    let no_identity = call(Request::get(format!("/api/v1/dossiers/{code}")).body(Body::empty()).unwrap()).await;
    assert_eq!(wrong_identity.0, StatusCode::NOT_FOUND);
    assert_eq!(wrong_identity, wrong_code, "status and body alike");
    assert_eq!(wrong_identity, no_identity);
}

#[tokio::test]
async fn lookups_are_limited_per_client() {
    let limited =
        AppState { lookups: Arc::new(RateLimiter::new("lookups-tracking-3", 3, Duration::from_secs(60))), ..app() };
    for _ in 0..3 {
        let (status, _, _) = call_on(limited.clone(), lookup("003.03.00.H62-261127-9998", CCCD)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    let (status, body, retry) = call_on(limited, lookup("003.03.00.H62-261127-9998", CCCD)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["error"]["code"], "too_many_requests");
    assert!(retry.and_then(|r| r.parse::<u64>().ok()).is_some_and(|s| (1..=60).contains(&s)));
}

#[tokio::test]
async fn officer_endpoints_refuse_without_the_token() {
    let code = file_residence_registration(app(), "tracking-test-0002").await;
    let request = |auth: Option<&str>| {
        let mut r =
            Request::post(format!("/api/v1/officer/dossiers/{code}/status")).header("content-type", "application/json");
        if let Some(a) = auth {
            r = r.header("authorization", a);
        }
        r.body(Body::from(json!({"status": 2}).to_string())).unwrap()
    };
    for auth in [None, Some("Bearer wrong"), Some(TOKEN)] {
        let (status, body) = call(request(auth)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{auth:?}: {body}");
    }
    let no_token = AppState { officer_token: None, ..app() };
    let (status, _, _) = call_on(no_token, request(Some(&format!("Bearer {TOKEN}")))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "no token configured: nobody");
    assert_eq!(call(lookup(&code, CCCD)).await.1["status"], 1, "nothing changed");
}

#[tokio::test]
async fn from_filing_to_result_supplementing_once_then_rating_once() {
    let code = file_residence_registration(app(), "tracking-test-0003").await;
    let (status, early) = call(as_applicant(format!("/api/v1/dossiers/{code}/rating"), json!({"stars": 5}))).await;
    assert_eq!((status, early["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("action_not_allowed")));
    let (status, illegal) = officer(&code, json!({"status": 9})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(illegal["error"]["message"].as_str().unwrap().contains("chỉ chuyển được sang"), "{illegal}");
    moved(&code, 2).await;
    moved(&code, 4).await;
    let (status, asked) = officer(
        &code,
        json!({"status": 5, "documents": ["Giấy xác nhận chỗ ở hợp pháp"], "note": "Thiếu giấy tờ chỗ ở"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{asked}");
    assert_eq!(asked["supplement"]["documents"], json!(["Giấy xác nhận chỗ ở hợp pháp"]));
    assert!(asked["supplement"]["deadline"].as_str().unwrap().len() == 10);
    assert_eq!(asked["actions"]["supplement"], true);

    let (_, upload) = call(
        Request::post("/api/v1/uploads")
            .header("x-file-name", "cho-o.pdf")
            .body(Body::from(&b"%PDF-1.4\n%%EOF\n"[..]))
            .unwrap(),
    )
    .await;
    let (status, supplemented) =
        call(as_applicant(format!("/api/v1/dossiers/{code}/supplements"), json!({"uploads": [upload["id"]]}))).await;
    assert_eq!(status, StatusCode::OK, "{supplemented}");
    assert_eq!(supplemented["status"], 4);
    assert!(supplemented["supplement"].is_null());
    let (status, again) =
        call(as_applicant(format!("/api/v1/dossiers/{code}/supplements"), json!({"uploads": [upload["id"]]}))).await;
    assert_eq!(status, StatusCode::CONFLICT, "nothing asked for now: {again}");

    moved(&code, 9).await;
    let (status, late) =
        call(as_applicant(format!("/api/v1/dossiers/{code}/withdrawal"), json!({"reason": "đổi ý"}))).await;
    assert_eq!(status, StatusCode::CONFLICT, "no withdrawal once processed: {late}");
    let returned = moved(&code, 10).await;
    let result_id = returned["result"]["id"].as_str().unwrap().to_owned();
    assert_eq!(returned["actions"]["rate"], true);
    let (status, _) = call(as_applicant(format!("/api/v1/dossiers/{code}/rating"), json!({"stars": 6}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, rated) =
        call(as_applicant(format!("/api/v1/dossiers/{code}/rating"), json!({"stars": 4, "comment": "Nhanh"}))).await;
    assert_eq!(status, StatusCode::OK, "{rated}");
    assert_eq!((rated["rating"].as_u64(), rated["actions"]["rate"].as_bool()), (Some(4), Some(false)));
    let (status, twice) = call(as_applicant(format!("/api/v1/dossiers/{code}/rating"), json!({"stars": 1}))).await;
    assert_eq!((status, twice["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("already_rated")));

    // The timeline holds every step, in order.
    let view = call(lookup(&code, CCCD)).await.1;
    let steps: Vec<u64> = view["events"].as_array().unwrap().iter().map(|e| e["status"].as_u64().unwrap()).collect();
    assert_eq!(steps, vec![1, 2, 4, 5, 4, 9, 10]);

    // The result verifies; a forged id does not.
    let (status, genuine) =
        call(Request::get(format!("/api/v1/results/{result_id}/verify")).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!((genuine["genuine"].as_bool(), genuine["dossier_code"].as_str()), (Some(true), Some(code.as_str())));
    let forged = format!("{}0", &result_id[..31]);
    let forged = if forged == result_id { format!("{}1", &result_id[..31]) } else { forged };
    let (status, _) = call(Request::get(format!("/api/v1/results/{forged}/verify")).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let page = send(
        app(),
        Request::get(format!("/api/v1/results/{result_id}")).header("host", "dvc.example").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = String::from_utf8(body_bytes(page).await).unwrap();
    // The QR carries the deployment's configured address, never the request's Host.
    assert!(
        html.contains("<svg")
            && html.contains(&format!("{}/xac-thuc/{result_id}", app().public_url))
            && !html.contains("dvc.example"),
        "a verification QR"
    );

    // The statistics count it.
    let (_, stats) = call(Request::get("/api/v1/stats").body(Body::empty()).unwrap()).await;
    assert!(stats["finished_dossiers"].as_u64().unwrap() >= 1);
    assert!(stats["on_time_rate"].as_f64().is_some_and(|r| (0.0..=1.0).contains(&r)));
    assert!(stats["average_rating"].as_f64().is_some_and(|r| (1.0..=5.0).contains(&r)));
}

#[tokio::test]
async fn withdrawing_is_allowed_early_and_asking_for_the_fee_makes_a_bill_that_resumes_processing_once_paid() {
    let early = file_residence_registration(app(), "tracking-test-0004").await;
    let (status, withdrawn) =
        call(as_applicant(format!("/api/v1/dossiers/{early}/withdrawal"), json!({"reason": "Nộp nhầm"}))).await;
    assert_eq!(status, StatusCode::OK, "{withdrawn}");
    assert_eq!(withdrawn["status"], 7);

    let code = file_residence_registration(app(), "tracking-test-0005").await;
    moved(&code, 2).await;
    moved(&code, 4).await;
    let asked = moved(&code, 6).await;
    assert_eq!(asked["actions"]["pay"], true);
    assert_eq!(asked["fee"]["status"], "pending");
    let (_, bill) = call(
        Request::post(format!("/api/v1/dossiers/{code}/payment"))
            .header("x-applicant", CCCD)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    let body = json!({"transaction_id": format!("TR-{}", bill["id"].as_str().unwrap()), "amount": 10000, "note": bill["bill_number"], "time": "27/11/2026"}).to_string();
    let sig = dvc_server::bank::sign("s", body.as_bytes());
    let (status, _) =
        call(Request::post("/api/v1/bank-notifications").header("x-signature", sig).body(Body::from(body)).unwrap())
            .await;
    assert_eq!(status, StatusCode::OK);
    let view = call(lookup(&code, CCCD)).await.1;
    assert_eq!(view["status"], 4, "paid: processing goes on");
    assert_eq!(view["fee"]["status"], "paid");
    assert!(view["fee"]["receipt_number"].as_str().is_some());
}

#[tokio::test]
async fn the_demo_clerk_moves_a_waiting_dossier_one_step_per_round_up_to_its_result() {
    // A database of its own: the clerk moves every dossier that waited, other tests' too.
    let db = dvc_server::db::Db::for_tests().unwrap();
    dvc_server::seed::seed_if_needed(&db, &dvc_server::config::default_data_dir(), &dvc_server::config::test_dataset())
        .unwrap();
    let own = AppState { db: db.clone(), ..app() };
    let code = file_residence_registration(own.clone(), "tracking-test-0006").await;
    let later = now() + 3600;
    let mut seen = Vec::new();
    for round in 0..4 {
        let moved = db.with(|c| dvc_server::demo::advance(c, later + round * 3600).unwrap());
        assert_eq!(moved, 1, "one step a round");
        seen.push(call_on(own.clone(), lookup(&code, CCCD)).await.1["status"].as_u64().unwrap());
    }
    assert_eq!(seen, vec![2, 4, 9, 10]);
    assert!(call_on(own.clone(), lookup(&code, CCCD)).await.1["result"]["id"].is_string(), "the result is issued");
    assert_eq!(db.with(|c| dvc_server::demo::advance(c, later + 10 * 3600).unwrap()), 0, "nothing left to move");
}
