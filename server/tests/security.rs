//! What a stranger must not reach, tried as one would: sequential bill and receipt numbers,
//! a dossier code with a phone number, actions a status does not allow. Each test here
//! failed against the API as it was before its fix.

mod common;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use common::*;
use dvc_server::bank::sign;
use dvc_server::config::{PaymentConfig, UploadConfig};
use dvc_server::rate_limit::RateLimiter;
use dvc_server::AppState;
use serde_json::{json, Value};

const SECRET: &str = "security-test-bank-secret";
/// The applicant of [`file_residence`]: the CCCD and the phone given when filing.
const CCCD: &str = "026090012345";
const PHONE: &str = "0987654321";

/// The shared state with generous per-client limits, so the tests of this binary do not
/// spend each other's budget; a test of the limits builds its own.
fn app() -> AppState {
    static STATE: std::sync::OnceLock<AppState> = std::sync::OnceLock::new();
    STATE
        .get_or_init(|| {
            let dir = std::env::temp_dir().join(format!("dvc-security-uploads-{}", std::process::id()));
            AppState {
                uploads: UploadConfig { dir, max_bytes: UploadConfig::DEFAULT_MAX_BYTES },
                payments: PaymentConfig { secret: SECRET.into(), test_bank: false, ..PaymentConfig::demo() },
                lookups: Arc::new(RateLimiter::new(100_000, Duration::from_secs(60))),
                ..state()
            }
        })
        .clone()
}

async fn call_on(state: AppState, request: Request<Body>) -> (StatusCode, Value, String) {
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

async fn call(request: Request<Body>) -> (StatusCode, Value) {
    let (status, json, _) = call_on(app(), request).await;
    (status, json)
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

/// A request from the client at `ip`, naming `who` as the applicant (if any).
fn from(ip: &str, mut request: Request<Body>, who: Option<&str>) -> Request<Body> {
    request.extensions_mut().insert(ConnectInfo(SocketAddr::new(ip.parse().unwrap(), 40000)));
    if let Some(who) = who {
        request.headers_mut().insert("x-applicant", who.parse().unwrap());
    }
    request
}

fn post(uri: &str, who: Option<&str>, body: Value) -> Request<Body> {
    let mut request =
        Request::post(uri).header("content-type", "application/json").body(Body::from(body.to_string())).unwrap();
    if let Some(who) = who {
        request.headers_mut().insert("x-applicant", who.parse().unwrap());
    }
    request
}

async fn file(key: &str) -> String {
    file_residence_registration(app(), &format!("security-{key}")).await
}

async fn open_bill(dossier: &str, who: Option<&str>) -> (StatusCode, Value) {
    call(post(&format!("/api/v1/dossiers/{dossier}/payment"), who, json!({}))).await
}

async fn pay(bill_number: &str, transaction: &str) {
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

fn is_token(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

fn set_status(code: &str, status: u8) {
    seeded_db().with(|c| c.execute("UPDATE dossiers SET status = ?1 WHERE code = ?2", (status, code)).unwrap());
}

fn status_of(code: &str) -> u8 {
    seeded_db().with(|c| c.query_row("SELECT status FROM dossiers WHERE code = ?1", [code], |r| r.get(0)).unwrap())
}

#[tokio::test]
async fn a_bill_is_followed_by_its_random_id_never_by_its_sequential_number() {
    let dossier = file("bill-id").await;
    let (status, bill) = open_bill(&dossier, Some(CCCD)).await;
    assert_eq!(status, StatusCode::CREATED, "{bill}");
    let (id, number) = (bill["id"].as_str().unwrap(), bill["bill_number"].as_str().unwrap());
    assert!(is_token(id) && id != number, "{bill}");
    assert_eq!(call(get(&format!("/api/v1/payments/{id}"))).await.0, StatusCode::OK);
    for uri in [
        format!("/api/v1/payments/{number}"),
        format!("/api/v1/payments/{number}/events"),
        format!("/api/v1/payments/{dossier}"),
    ] {
        let (status, body) = call(get(&uri)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}: {body}");
        assert_eq!(body["error"]["code"], "not_found");
    }
}

#[tokio::test]
async fn a_receipt_is_whole_only_in_its_bill_and_verifies_by_a_random_code_with_the_payer_masked() {
    let dossier = file("receipt").await;
    let (_, bill) = open_bill(&dossier, Some(CCCD)).await;
    let id = bill["id"].as_str().unwrap().to_owned();
    pay(bill["bill_number"].as_str().unwrap(), "FT-SEC-RECEIPT").await;
    let (_, paid) = call(get(&format!("/api/v1/payments/{id}"))).await;
    let receipt = &paid["receipt"];
    assert_eq!(receipt["payer"], "Đỗ Văn Nam", "the applicant's own bill names them");
    let (number, code) = (receipt["number"].as_str().unwrap(), receipt["verification"].as_str().unwrap());
    assert!(is_token(code) && !code.contains(number), "{receipt}");
    // The sequential receipt number opens nothing, as JSON or as a page.
    for accept in ["application/json", "text/html"] {
        let (status, body, _) = call_on(
            app(),
            Request::get(format!("/api/v1/receipts/{number}")).header("accept", accept).body(Body::empty()).unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{accept}: {body}");
    }
    // Its verification code shows it was issued here, the payer masked.
    let (status, checked, _) = call_on(
        app(),
        Request::get(format!("/api/v1/receipts/{code}"))
            .header("accept", "application/json")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{checked}");
    assert_eq!(
        (checked["payer"].as_str(), checked["amount"].as_u64()),
        (Some("Đỗ V** N**"), Some(10_000)),
        "{checked}"
    );
    let (status, _, page) = call_on(app(), get(&format!("/api/v1/receipts/{code}"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Đỗ V** N**") && !page.contains("Đỗ Văn Nam"), "{page}");
    // The printable receipt of the bill's holder names the payer and carries the code.
    let (status, _, page) = call_on(app(), get(&format!("/api/v1/payments/{id}/receipt"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Đỗ Văn Nam") && page.contains(code) && page.contains("10.000 ₫"), "{page}");
}

#[tokio::test]
async fn opening_a_bill_needs_the_id_number_given_when_filing_and_says_nothing_to_anyone_else() {
    let dossier = file("open-bill").await;
    let mut refusals = Vec::new();
    for (code, who) in [
        (dossier.as_str(), None),
        (&dossier, Some(PHONE)),
        (&dossier, Some("026090099999")),
        ("000.00.00.H62-270310-0042", Some(CCCD)),
    ] {
        let (status, body) = open_bill(code, who).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{code} as {who:?}: {body}");
        refusals.push(body);
    }
    assert!(refusals.windows(2).all(|w| w[0] == w[1]), "a wrong code and a wrong identity look the same: {refusals:?}");
    let bills: i64 = seeded_db().with(|c| {
        c.query_row("SELECT count(*) FROM payments WHERE dossier_code = ?1", [&dossier], |r| r.get(0)).unwrap()
    });
    assert_eq!(bills, 0, "refused attempts make no bill");
    assert_eq!(open_bill(&dossier, Some(CCCD)).await.0, StatusCode::CREATED);
}

#[tokio::test]
async fn opening_bills_is_limited_per_client() {
    let limited = AppState { lookups: Arc::new(RateLimiter::new(3, Duration::from_secs(60))), ..app() };
    let mut statuses = Vec::new();
    for n in 0..5 {
        let request = from(
            "203.0.113.7",
            post(&format!("/api/v1/dossiers/000.00.00.H62-270310-{n:04}/payment"), Some(CCCD), json!({})),
            None,
        );
        statuses.push(call_on(limited.clone(), request).await.0);
    }
    assert_eq!(statuses[..3], [StatusCode::NOT_FOUND; 3]);
    assert_eq!(statuses[3..], [StatusCode::TOO_MANY_REQUESTS; 2]);
}

#[tokio::test]
async fn a_phone_number_reads_a_dossier_but_changes_nothing() {
    let dossier = file("phone").await;
    let (status, seen) = call(post_get(&dossier, PHONE)).await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    assert_eq!(seen["read_only"], true);
    assert_eq!(seen["actions"], json!({"supplement": false, "withdraw": false, "pay": false, "rate": false}));
    let (status, body) =
        call(post(&format!("/api/v1/dossiers/{dossier}/withdrawal"), Some(PHONE), json!({"reason": "không phải tôi"})))
            .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(status_of(&dossier), 1, "not withdrawn");
    set_status(&dossier, 10);
    let (status, body) =
        call(post(&format!("/api/v1/dossiers/{dossier}/rating"), Some(PHONE), json!({"stars": 1}))).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    // The applicant, with the ID number, can still rate: nobody locked them out.
    let (status, body) =
        call(post(&format!("/api/v1/dossiers/{dossier}/rating"), Some(CCCD), json!({"stars": 5}))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["read_only"], false);
}

fn post_get(code: &str, who: &str) -> Request<Body> {
    Request::get(format!("/api/v1/dossiers/{code}")).header("x-applicant", who).body(Body::empty()).unwrap()
}

#[tokio::test]
async fn wrong_identities_for_one_dossier_are_limited_whoever_sends_them() {
    let dossier = file("per-code").await;
    let fresh = AppState { lookups: Arc::new(RateLimiter::new(100_000, Duration::from_secs(60))), ..app() };
    // Guesses of the phone from many addresses: each client is under its own limit.
    let mut last = StatusCode::OK;
    for n in 0..12 {
        let request = from(&format!("198.51.100.{n}"), post_get(&dossier, &format!("09876500{n:02}")), None);
        last = call_on(fresh.clone(), request).await.0;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS, "the dossier's own limit stops a spread-out guess");
    // Other dossiers are not affected.
    let other = file("per-code-other").await;
    assert_eq!(call_on(fresh.clone(), from("198.51.100.200", post_get(&other, CCCD), None)).await.0, StatusCode::OK);
}

/// Every status × every citizen action over HTTP, against the national rules written out here
/// (not computed from the core): the server must refuse what the status does not allow.
#[tokio::test]
async fn each_status_allows_exactly_its_citizen_actions() {
    // Status codes 1–10; per action, the statuses that allow it (a fee not yet paid).
    let allowed: [(&str, &[u8]); 4] =
        [("supplement", &[5]), ("withdraw", &[1, 2, 4, 5]), ("pay", &[1, 2, 4, 5, 6]), ("rate", &[10])];
    let upload = upload_pdf(app(), "bo-sung.pdf").await;
    let mut wrong = Vec::new();
    for (action, statuses) in allowed {
        for status in 1..=10u8 {
            let dossier = file(&format!("table-{action}-{status}")).await;
            set_status(&dossier, status);
            let (uri, body) = match action {
                "supplement" => ("supplements", json!({"uploads": [upload], "note": ""})),
                "withdraw" => ("withdrawal", json!({"reason": "nộp nhầm"})),
                "pay" => ("payment", json!({})),
                _ => ("rating", json!({"stars": 4})),
            };
            let (got, answer) = call(post(&format!("/api/v1/dossiers/{dossier}/{uri}"), Some(CCCD), body)).await;
            let expected = statuses.contains(&status);
            if got.is_success() != expected {
                wrong.push(format!("{action} in status {status}: {got} {answer}"));
            } else if !expected && (got != StatusCode::CONFLICT || status_of(&dossier) != status) {
                wrong.push(format!(
                    "{action} in status {status}: refused with {got}, status now {}",
                    status_of(&dossier)
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

async fn notify_raw(body: &str) -> (StatusCode, Value) {
    let request = Request::post("/api/v1/bank-notifications")
        .header("x-signature", sign(SECRET, body.as_bytes()))
        .body(Body::from(body.to_owned()))
        .unwrap();
    call(request).await
}

#[tokio::test]
async fn bank_amounts_are_bounded_zero_is_refused_and_every_accepted_transfer_is_recorded() {
    let dossier = file("amounts").await;
    let (_, bill) = open_bill(&dossier, Some(CCCD)).await;
    let (id, number) = (bill["id"].as_str().unwrap(), bill["bill_number"].as_str().unwrap());
    for (n, amount) in ["18446744073709551615", "9223372036854775808", "0", "1000000000001"].iter().enumerate() {
        let body = format!(
            r#"{{"transaction_id": "FT-AMOUNT-{n}", "amount": {amount}, "note": "{number}", "time": "10/03/2027 09:40"}}"#
        );
        let (status, answer) = notify_raw(&body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{amount}: {answer}");
        assert_eq!(answer["error"]["field"], "amount", "{answer}");
    }
    let (_, still) = call(get(&format!("/api/v1/payments/{id}"))).await;
    assert_eq!((still["status"].as_str(), still["received"].as_u64()), (Some("pending"), Some(0)), "{still}");
    // The largest amount allowed, twice on one bill: recorded both times, nothing overflows.
    for n in 0..2 {
        let body = format!(
            r#"{{"transaction_id": "FT-AMOUNT-MAX-{n}", "amount": 1000000000000, "note": "{number}", "time": "10/03/2027 09:41"}}"#
        );
        let (status, answer) = notify_raw(&body).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
    }
    let recorded: i64 = seeded_db().with(|c| {
        c.query_row("SELECT count(*) FROM bank_transactions WHERE transaction_id LIKE 'FT-AMOUNT-MAX-%'", [], |r| {
            r.get(0)
        })
        .unwrap()
    });
    assert_eq!(recorded, 2);
    let (_, paid) = call(get(&format!("/api/v1/payments/{id}"))).await;
    assert_eq!((paid["status"].as_str(), paid["received"].as_u64()), (Some("paid"), Some(1_000_000_000_000)), "{paid}");
}

#[tokio::test]
async fn personal_answers_are_never_kept_by_a_cache_and_public_ones_may_be() {
    let dossier = file("no-store").await;
    let (_, bill) = open_bill(&dossier, Some(CCCD)).await;
    let id = bill["id"].as_str().unwrap();
    let personal = [
        post_get(&dossier, CCCD),
        get(&format!("/api/v1/payments/{id}")),
        Request::get("/api/v1/dossiers")
            .header("x-applicant", CCCD)
            .header("x-phone", PHONE)
            .body(Body::empty())
            .unwrap(),
        post(&format!("/api/v1/dossiers/{dossier}/payment"), Some(CCCD), json!({})),
        get("/api/v1/receipts/00000000000000000000000000000000"),
    ];
    for request in personal {
        let uri = request.uri().to_string();
        let response = send(app(), request).await;
        assert_eq!(
            response.headers().get("cache-control").map(|v| v.to_str().unwrap()),
            Some("no-store"),
            "{uri}: {}",
            response.status()
        );
    }
    let response = send(app(), get("/api/v1/procedures/1.001193")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_ne!(
        response.headers().get("cache-control").map(|v| v.to_str().unwrap()),
        Some("no-store"),
        "a public record may be cached"
    );
}

#[tokio::test]
async fn another_site_cannot_file_or_act_with_a_form_post() {
    // What a cross-site form can send without asking the browser first: text/plain.
    let key = "security-cross-site-filing";
    let body = serde_json::to_string(&json!({"procedure_code": "1.004222", "answers": {}})).unwrap();
    let request = Request::post("/api/v1/dossiers")
        .header("content-type", "text/plain")
        .header("idempotency-key", key)
        .body(Body::from(body))
        .unwrap();
    let (status, error) = call(request).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{error}");
    assert_eq!(
        (error["error"]["code"].as_str(), error["error"]["field"].as_str()),
        (Some("unsupported_media_type"), Some("Content-Type"))
    );
    let dossier = file("cross-site").await;
    let request = Request::post(format!("/api/v1/dossiers/{dossier}/withdrawal"))
        .header("content-type", "text/plain")
        .header("x-applicant", CCCD)
        .body(Body::from("{}"))
        .unwrap();
    assert_eq!(call(request).await.0, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(status_of(&dossier), 1);
}

#[tokio::test]
async fn a_citizen_action_proves_the_applicant_before_its_body_is_read() {
    let dossier = file("auth-first").await;
    for action in ["supplements", "withdrawal", "rating"] {
        let uri = format!("/api/v1/dossiers/{dossier}/{action}");
        for who in [None, Some(PHONE), Some("001099000001")] {
            // A stranger learns nothing from how a broken body is refused: the dossier is "not found".
            let request = Request::post(&uri).header("content-type", "application/json");
            let request = match who {
                Some(who) => request.header("x-applicant", who),
                None => request,
            };
            let (status, error) = call(request.body(Body::from("{\"stars\": ")).unwrap()).await;
            assert_eq!(
                (status, error["error"]["code"].as_str()),
                (StatusCode::NOT_FOUND, Some("not_found")),
                "{action} as {who:?}: {error}"
            );
        }
        // The applicant is told what is wrong with the body.
        let request = Request::post(&uri)
            .header("content-type", "application/json")
            .header("x-applicant", CCCD)
            .body(Body::from("{\"stars\": "))
            .unwrap();
        let (status, error) = call(request).await;
        assert!(matches!(status, StatusCode::BAD_REQUEST | StatusCode::CONFLICT), "{action}: {status} {error}");
    }
    let request = Request::post(format!("/api/v1/dossiers/{dossier}/withdrawal"))
        .header("content-type", "application/json")
        .header("x-applicant", CCCD)
        .body(Body::from("{\"reason\": "))
        .unwrap();
    let (status, error) = call(request).await;
    assert_eq!((status, error["error"]["code"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_json")), "{error}");
    // A reason that could spoof what an officer reads (a right-to-left override) is refused by field.
    let (status, error) =
        call(post(&format!("/api/v1/dossiers/{dossier}/withdrawal"), Some(CCCD), json!({"reason": "đổi ý\u{202E}"})))
            .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
    assert!(error.to_string().contains("reason"), "{error}");
    assert_eq!(status_of(&dossier), 1);
}

#[tokio::test]
async fn the_officer_endpoint_checks_the_token_before_reading_the_body_and_every_error_is_json() {
    for (kind, body) in
        [("text/plain", "not json"), ("application/json", "{\"status\": \"x\"}"), ("application/json", "")]
    {
        let request = Request::post("/api/v1/officer/dossiers/000.00.00.H62-270310-0001/status")
            .header("content-type", kind)
            .body(Body::from(body))
            .unwrap();
        let (status, error) = call(request).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{kind} {body}: {error}");
        assert_eq!(error["error"]["code"], "unauthorized");
    }
    // Too big, wrong method, unknown address: the same JSON shape.
    let big = format!("{{\"procedure_code\": \"{}\"}}", "x".repeat(2 * 1024 * 1024));
    let too_big = Request::post("/api/v1/dossiers")
        .header("content-type", "application/json")
        .header("idempotency-key", "security-too-big")
        .body(Body::from(big))
        .unwrap();
    for (request, expected) in [
        (too_big, StatusCode::PAYLOAD_TOO_LARGE),
        (Request::delete("/api/v1/procedures/1.001193").body(Body::empty()).unwrap(), StatusCode::METHOD_NOT_ALLOWED),
        (Request::put("/api/v1/dossiers").body(Body::empty()).unwrap(), StatusCode::METHOD_NOT_ALLOWED),
        (get("/api/v1/nothing-here"), StatusCode::NOT_FOUND),
    ] {
        let uri = request.uri().to_string();
        let response = send(app(), request).await;
        assert_eq!(response.status(), expected, "{uri}");
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/json"), "{uri}");
        let body: Value = serde_json::from_slice(&body_bytes(response).await).unwrap_or(Value::Null);
        assert!(body["error"]["code"].is_string() && body["error"]["message"].is_string(), "{uri}: {body}");
    }
}

#[tokio::test]
async fn printed_links_use_the_configured_address_never_the_request_s_host() {
    let configured = AppState { public_url: "https://dichvucong.example.vn".into(), ..app() };
    let dossier = file("public-url").await;
    let id = random_result_for(&dossier);
    let request = Request::get(format!("/api/v1/results/{id}"))
        .header("host", "evil.example")
        .header("x-forwarded-proto", "https")
        .body(Body::empty())
        .unwrap();
    let (status, _, page) = call_on(configured, request).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("https://dichvucong.example.vn/api/v1/results/") && !page.contains("evil.example"), "{page}");
}

/// Issues a result for `dossier` as the office would, and returns its id.
fn random_result_for(dossier: &str) -> String {
    let id = format!("{:032x}", dossier.bytes().fold(0u128, |h, b| h.wrapping_mul(131).wrapping_add(b as u128)));
    seeded_db().with(|c| {
        c.execute(
            "INSERT INTO results (id, dossier_code, title, issued_on, issuer, issued_at) VALUES (?1, ?2, 'Kết quả', '10/03/2027', 'UBND', 0)",
            (&id, dossier),
        )
        .unwrap()
    });
    id
}

/// A change made to a good filing's body.
type Edit = dyn Fn(&mut Value);

#[tokio::test]
async fn names_and_addresses_are_checked_for_length_control_and_direction_characters_and_unknown_answers_are_refused() {
    let good = birth_registration(app(), "01/03/2027").await;
    let cases: [(&str, &Edit, &str); 6] = [
        ("rlo", &|b| b["answers"]["applicant"]["full_name"] = json!("Nguyễn Thị \u{202E}naL"), "applicant.full_name"),
        ("nul", &|b| b["answers"]["applicant"]["full_name"] = json!("Nguyễn Thị Lan\u{0000}"), "applicant.full_name"),
        (
            "markup",
            &|b| b["answers"]["applicant"]["full_name"] = json!("<img src=x onerror=alert(1)>"),
            "applicant.full_name",
        ),
        (
            "long-commune",
            &|b| b["answers"]["applicant"]["address"]["commune"] = json!("x".repeat(5000)),
            "applicant.address.commune",
        ),
        ("unknown-field", &|b| b["answers"]["fields"]["ghi_chu_la"] = json!("giá trị lạ"), "fields.ghi_chu_la"),
        ("unknown-slot", &|b| b["answers"]["documents"]["khong_co"] = json!([]), "documents.khong_co"),
    ];
    for (name, change, path) in cases {
        let mut body = good.clone();
        change(&mut body);
        let (status, error) = submit_dossier(app(), &format!("security-input-{name}"), &body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{name}: {error}");
        let paths: Vec<&str> = error["errors"].as_array().unwrap().iter().filter_map(|e| e["field"].as_str()).collect();
        assert!(paths.contains(&path), "{name}: {paths:?}");
    }
    let (status, filed) = submit_dossier(app(), "security-input-good", &good).await;
    assert_eq!(status, StatusCode::CREATED, "the same answers without the mistake are filed: {filed}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_on_one_database_file_both_file_and_pay_without_a_locked_error() {
    let dir = std::env::temp_dir().join(format!("dvc-security-shared-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("shared.sqlite");
    let first = dvc_server::db::Db::open(&path).unwrap();
    dvc_server::seed::seed_if_needed(&first, &dvc_server::config::default_data_dir()).unwrap();
    let second = dvc_server::db::Db::open(&path).unwrap();
    let server = |db: dvc_server::db::Db| AppState { db, ..app() };
    let (a, b) = (server(first), server(second));
    let tasks: Vec<_> = (0..40)
        .map(|n| {
            let state = if n % 2 == 0 { a.clone() } else { b.clone() };
            tokio::spawn(async move {
                let receipt = file_residence(state.clone(), &format!("security-shared-{n:03}")).await;
                let code = receipt["code"].as_str().unwrap().to_owned();
                let (status, bill, _) =
                    call_on(state, post(&format!("/api/v1/dossiers/{code}/payment"), Some(CCCD), json!({}))).await;
                assert_eq!(status, StatusCode::CREATED, "{bill}");
                code
            })
        })
        .collect();
    let mut codes = Vec::new();
    for task in tasks {
        codes.push(task.await.expect("no filing failed"));
    }
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 40, "forty dossiers, forty codes");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn an_agency_s_ten_thousandth_dossier_of_a_day_is_filed() {
    let receipt = file_residence(app(), "security-busy-day-first").await;
    let code = receipt["code"].as_str().unwrap();
    let agency = code.rsplitn(3, '-').nth(2).unwrap().to_owned();
    seeded_db()
        .with(|c| c.execute("UPDATE dossier_sequences SET last = 9999 WHERE agency_id = ?1", [&agency]).unwrap());
    let receipt = file_residence(app(), "security-busy-day-10000").await;
    // Other tests of this binary file for the same agency at the same time: 10000 or just after.
    let sequence = receipt["code"].as_str().unwrap().rsplit('-').next().unwrap().to_owned();
    assert!(sequence.len() == 5 && sequence.parse::<u32>().unwrap() >= 10_000, "{receipt}");
}

#[tokio::test]
async fn polling_one_s_own_dossiers_costs_nothing_and_wrong_guesses_are_counted_per_real_client() {
    let dossier = file("polling").await;
    let limited = AppState {
        lookups: Arc::new(RateLimiter::new(3, Duration::from_secs(60))),
        trusted_proxies: Arc::new(dvc_server::clients::Networks::parse("10.9.0.1").unwrap()),
        kiosk_networks: Arc::new(dvc_server::clients::Networks::parse("192.168.50.0/24").unwrap()),
        ..app()
    };
    let through_proxy = |client: &str, request: Request<Body>| {
        let mut request = from("10.9.0.1", request, None);
        request.headers_mut().insert("x-forwarded-for", client.parse().unwrap());
        request
    };
    // "Hồ sơ của tôi" asks every minute: found lookups do not spend the budget of failures.
    for _ in 0..20 {
        assert_eq!(
            call_on(limited.clone(), through_proxy("203.0.113.20", post_get(&dossier, CCCD))).await.0,
            StatusCode::OK
        );
    }
    // Wrong guesses: three per client, each client behind the proxy counted apart.
    let guess = |n: u32| post_get(&format!("000.00.00.H62-270310-{n:04}"), CCCD);
    for n in 0..3 {
        assert_eq!(call_on(limited.clone(), through_proxy("203.0.113.20", guess(n))).await.0, StatusCode::NOT_FOUND);
    }
    assert_eq!(
        call_on(limited.clone(), through_proxy("203.0.113.20", guess(9))).await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        call_on(limited.clone(), through_proxy("203.0.113.21", guess(9))).await.0,
        StatusCode::NOT_FOUND,
        "another citizen behind the proxy"
    );
    // Writing one's own X-Forwarded-For from outside does not give a fresh budget.
    for n in 0..4 {
        let mut request = from("198.51.100.40", guess(n), None);
        request.headers_mut().insert("x-forwarded-for", format!("192.0.2.{n}").parse().unwrap());
        let status = call_on(limited.clone(), request).await.0;
        assert_eq!(status, if n < 3 { StatusCode::NOT_FOUND } else { StatusCode::TOO_MANY_REQUESTS }, "guess {n}");
    }
    // Addresses of one IPv6 /64 are one client.
    for n in 0..3 {
        call_on(limited.clone(), from(&format!("2001:db8:5:6::{n}"), guess(n), None)).await;
    }
    assert_eq!(
        call_on(limited.clone(), from("2001:db8:5:6:ffff::1", guess(7), None)).await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
    // A service centre's kiosks, many citizens behind one address, get more room.
    for n in 0..10 {
        assert_eq!(
            call_on(limited.clone(), from("192.168.50.10", guess(n), None)).await.0,
            StatusCode::NOT_FOUND,
            "kiosk guess {n}"
        );
    }
}
