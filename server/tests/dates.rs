//! The API on the days that break date code: the 1st of a month, the eve of Tết, a Friday
//! before a holiday given back on Monday, New Year's night, 29 February. Each test pins the
//! server's clock there, so these edges are tested every day, not only when they come round.
//!
//! Expected dates are worked out by hand from the Labour Code's holidays (see
//! `core/src/working_days.rs`): residence registration takes 7 working days online, birth
//! registration 1.

mod common;

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use dvc_core::date::parse_rfc3339;
use dvc_server::config::UploadConfig;
use dvc_server::rate_limit::RateLimiter;
use dvc_server::AppState;
use serde_json::{json, Value};

const OFFICER_TOKEN: &str = "dates-officer-token";
/// The applicant of [`file_residence`].
const CCCD: &str = "026090012345";

/// The shared catalog with a clock of its own pinned at `instant`, its own lookup limit, an
/// officer token and a folder for uploads.
fn app_at(instant: &str) -> AppState {
    let dir = std::env::temp_dir().join(format!("dvc-dates-uploads-{}", std::process::id()));
    AppState {
        uploads: UploadConfig { dir, max_bytes: UploadConfig::DEFAULT_MAX_BYTES },
        lookups: Arc::new(RateLimiter::new("lookups-dates-1000", 1000, Duration::from_secs(60))),
        officer_token: Some(OFFICER_TOKEN.into()),
        ..state_at(instant)
    }
}

/// The same, on a database of its own: for counting a day's dossiers from one.
fn app_on_own_database_at(instant: &str) -> AppState {
    let db = dvc_server::db::Db::for_tests().unwrap();
    dvc_server::seed::seed_if_needed(&db, &dvc_server::config::default_data_dir(), &dvc_server::config::test_dataset())
        .unwrap();
    AppState { db, ..app_at(instant) }
}

async fn call(state: AppState, request: Request<Body>) -> (StatusCode, Value) {
    let response = send(state, request).await;
    let status = response.status();
    (status, serde_json::from_slice(&body_bytes(response).await).unwrap_or(Value::Null))
}

async fn look_up(state: AppState, code: &str) -> Value {
    let (status, view) = call(
        state,
        Request::get(format!("/api/v1/dossiers/{code}")).header("x-applicant", CCCD).body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{view}");
    view
}

async fn officer(state: AppState, code: &str, action: Value) -> Value {
    let request = Request::post(format!("/api/v1/officer/dossiers/{code}/status"))
        .header("authorization", format!("Bearer {OFFICER_TOKEN}"))
        .header("content-type", "application/json")
        .body(Body::from(action.to_string()))
        .unwrap();
    let (status, view) = call(state, request).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    view
}

async fn open_bill(state: AppState, code: &str) -> (StatusCode, Value) {
    call(
        state,
        Request::post(format!("/api/v1/dossiers/{code}/payment"))
            .header("x-applicant", "026090012345")
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn a_dossier_filed_on_each_date_edge_is_numbered_for_that_day_and_due_on_the_lawful_working_day() {
    // (when, yyMMdd, received, appointment after 7 working days)
    let edges = [
        ("2026-12-01T10:00:00+07:00", "261201", "01/12/2026", "10/12/2026"), // the 1st of a month
        ("2027-02-05T09:00:00+07:00", "270205", "05/02/2027", "23/02/2027"), // the eve of Tết 2027: off until Thursday 11
        ("2027-12-31T16:00:00+07:00", "271231", "31/12/2027", "12/01/2028"), // Friday before Saturday 1/1, given back on Monday 3/1
        ("2028-01-01T00:10:00+07:00", "280101", "01/01/2028", "13/01/2028"), // New Year's Day, though it is still 31/12 in UTC
        ("2028-02-29T12:00:00+07:00", "280229", "29/02/2028", "09/03/2028"), // a leap day
    ];
    for (i, (when, yymmdd, received, appointment)) in edges.into_iter().enumerate() {
        let app = app_at(when);
        let receipt = file_residence(app.clone(), &format!("dates-edge-filing-{i:04}")).await;
        let code = receipt["code"].as_str().unwrap();
        assert_eq!(code.split('-').nth(1), Some(yymmdd), "{when}: {code}");
        assert_eq!(receipt["received_on"], received, "{when}");
        assert_eq!(receipt["appointment_on"], appointment, "{when}");

        let (status, bill) = open_bill(app.clone(), code).await;
        assert_eq!(status, StatusCode::CREATED, "{bill}");
        assert!(bill["bill_number"].as_str().unwrap().starts_with(&format!("HP{yymmdd}")), "{when}: {bill}");
        assert_eq!(bill["expires_at"], parse_rfc3339(when).unwrap() + 15 * 60);

        let view = look_up(app, code).await;
        assert_eq!(view["overdue"], false, "{when}");
        assert_eq!(
            view["events"][0]["at"].as_str().unwrap()[..10],
            *received,
            "{when}: the timeline says the same day"
        );
    }
}

#[tokio::test]
async fn the_day_turns_at_midnight_in_vietnam_and_each_day_numbers_its_dossiers_from_one() {
    let app = app_on_own_database_at("2027-12-31T23:59:59+07:00");
    let before = file_residence(app.clone(), "dates-midnight-before").await;
    app.clock.advance(1);
    let after = file_residence(app.clone(), "dates-midnight-after").await;
    let code = |r: &Value| r["code"].as_str().unwrap().split_once('-').unwrap().1.to_owned();
    assert_eq!(code(&before), "271231-0001");
    assert_eq!(code(&after), "280101-0001", "a new year, a new count");
    assert_eq!(
        (before["received_on"].as_str(), after["received_on"].as_str()),
        (Some("31/12/2027"), Some("01/01/2028"))
    );
    // Friday's dossier is due on 12/01; Saturday's is received on Tuesday 4/1, so a day later.
    assert_eq!(
        (before["appointment_on"].as_str(), after["appointment_on"].as_str()),
        (Some("12/01/2028"), Some("13/01/2028"))
    );
}

#[tokio::test]
async fn a_child_born_today_in_vietnam_is_accepted_and_one_born_tomorrow_is_not() {
    // (when, today there, tomorrow there)
    for (i, (when, today, tomorrow)) in [
        ("2028-01-01T00:10:00+07:00", "01/01/2028", "02/01/2028"),
        ("2028-02-29T23:50:00+07:00", "29/02/2028", "01/03/2028"),
        ("2026-11-30T23:59:00+07:00", "30/11/2026", "01/12/2026"),
        ("2027-02-05T20:00:00+07:00", "05/02/2027", "06/02/2027"),
    ]
    .into_iter()
    .enumerate()
    {
        let app = app_at(when);
        let body = birth_registration(app.clone(), tomorrow).await;
        let (status, error) = submit_dossier(app.clone(), &format!("dates-born-tomorrow-{i:04}"), &body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{when}: {error}");
        assert_eq!(error["errors"][0]["field"], "fields.ngay_sinh_tre", "{when}: {error}");
        let body = birth_registration(app.clone(), today).await;
        let (status, receipt) = submit_dossier(app, &format!("dates-born-today-{i:04}"), &body).await;
        assert_eq!(status, StatusCode::CREATED, "{when}: {receipt}");
        assert_eq!(receipt["received_on"], today);
    }
}

#[tokio::test]
async fn a_dossier_becomes_overdue_at_midnight_after_its_appointment_day() {
    let app = app_at("2028-02-29T12:00:00+07:00");
    let code = file_residence(app.clone(), "dates-overdue-0001").await["code"].as_str().unwrap().to_owned();
    officer(app.clone(), &code, json!({"status": 2})).await;
    officer(app.clone(), &code, json!({"status": 4})).await;
    app.clock.set(parse_rfc3339("2028-03-09T23:59:59+07:00").unwrap());
    let due_day = look_up(app.clone(), &code).await;
    assert_eq!((due_day["appointment_on"].as_str(), due_day["overdue"].as_bool()), (Some("09/03/2028"), Some(false)));
    app.clock.advance(1);
    assert_eq!(look_up(app.clone(), &code).await["overdue"], true, "10/03/2028 00:00");
    officer(app.clone(), &code, json!({"status": 9})).await;
    assert_eq!(look_up(app, &code).await["overdue"], false, "a finished dossier is late no more");
}

#[tokio::test]
async fn documents_asked_for_on_the_day_before_tet_are_due_after_the_holiday() {
    let app = app_at("2027-02-04T15:00:00+07:00");
    let code = file_residence(app.clone(), "dates-tet-supplement").await["code"].as_str().unwrap().to_owned();
    officer(app.clone(), &code, json!({"status": 2})).await;
    officer(app.clone(), &code, json!({"status": 4})).await;
    let asked =
        officer(app.clone(), &code, json!({"status": 5, "documents": ["Bản sao sổ đỏ"], "deadline_days": 5})).await;
    // Friday 5 to Thursday 11 are off; 12, 15, 16, 17, 18.
    assert_eq!(asked["supplement"]["deadline"], "18/02/2027", "{asked}");
}

#[tokio::test]
async fn a_bill_opened_before_new_year_keeps_its_number_after_midnight_and_its_receipt_says_when_it_was_paid() {
    let app = app_at("2027-12-31T23:55:00+07:00");
    let code = file_residence(app.clone(), "dates-bill-new-year").await["code"].as_str().unwrap().to_owned();
    let (_, bill) = open_bill(app.clone(), &code).await;
    let number = bill["bill_number"].as_str().unwrap().to_owned();
    assert!(number.starts_with("HP271231"), "{number}");
    assert_eq!(bill["expires_in"], 15 * 60, "what the page counts down from");
    app.clock.advance(10 * 60);
    let (_, later) = call(
        app.clone(),
        Request::get(format!("/api/v1/payments/{}", bill["id"].as_str().unwrap())).body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(
        (later["expires_in"].as_i64(), later["expires_at"].as_i64()),
        (Some(5 * 60), bill["expires_at"].as_i64())
    );
    app.clock.advance(10 * 60);
    let (status, again) = open_bill(app.clone(), &code).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["bill_number"], number.as_str(), "the same bill in the new year");
    assert_eq!(again["expires_at"], app.clock.now() + 15 * 60, "a fresh quarter of an hour");

    let note =
        json!({"transaction_id": "FT-DATES-NEW-YEAR", "amount": 10_000, "note": number, "time": "01/01/2028 00:15"})
            .to_string();
    let signature = dvc_server::bank::sign(&app.payments.secret, note.as_bytes());
    let (status, settled) = call(
        app.clone(),
        Request::post("/api/v1/bank-notifications").header("x-signature", signature).body(Body::from(note)).unwrap(),
    )
    .await;
    assert_eq!((status, settled["outcome"].as_str()), (StatusCode::OK, Some("paid")), "{settled}");
    let (_, paid) = call(
        app.clone(),
        Request::get(format!("/api/v1/payments/{}", again["id"].as_str().unwrap())).body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(paid["receipt"]["paid_at"], "01/01/2028 00:15", "{paid}");
}

#[tokio::test]
async fn a_handoff_link_lasts_ten_minutes_by_the_servers_clock() {
    let app = app_at("2028-02-29T23:55:00+07:00");
    let create = |app: AppState| {
        call(
            app,
            Request::post("/api/v1/handoffs")
                .header("content-type", "application/json")
                .body(Body::from(r#"{"step": 1}"#))
                .unwrap(),
        )
    };
    let (_, fresh) = create(app.clone()).await;
    let (_, stale) = create(app.clone()).await;
    app.clock.advance(10 * 60);
    let (status, _) = call(
        app.clone(),
        Request::get(format!("/api/v1/handoffs/{}", fresh["token"].as_str().unwrap())).body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "ten minutes on, into 1 March, still open");
    app.clock.advance(1);
    let (status, _) = call(
        app,
        Request::get(format!("/api/v1/handoffs/{}", stale["token"].as_str().unwrap())).body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a second later, gone");
}
