//! Paying a fee by VietQR: the bill and its code, signed bank notifications settling it
//! (paid, underpaid, overpaid, duplicate, unmatched), exactly once however often a
//! notification comes, and the receipt.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use dvc_core::vietqr;
use dvc_server::bank::sign;
use dvc_server::config::{PaymentConfig, UploadConfig};
use dvc_server::AppState;
use serde_json::{json, Value};

const SECRET: &str = "test-secret-of-the-bank-gateway";
/// The CCCD of the applicant of every dossier here (`file_residence`).
const APPLICANT: &str = "026090012345";

fn app() -> AppState {
    static STATE: std::sync::OnceLock<AppState> = std::sync::OnceLock::new();
    STATE
        .get_or_init(|| {
            let dir = std::env::temp_dir().join(format!("dvc-payment-uploads-{}", std::process::id()));
            let payments = PaymentConfig { secret: SECRET.into(), test_bank: false, ..PaymentConfig::demo() };
            AppState { uploads: UploadConfig { dir, max_bytes: UploadConfig::DEFAULT_MAX_BYTES }, payments, ..state() }
        })
        .clone()
}

async fn call(request: Request<Body>) -> (StatusCode, Value) {
    let response = send(app(), request).await;
    let status = response.status();
    let bytes = body_bytes(response).await;
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned())),
    )
}

fn post_json(uri: &str, body: &Value) -> Request<Body> {
    Request::post(uri)
        .header("content-type", "application/json")
        .body(Body::from(serde_json::to_vec(body).unwrap()))
        .unwrap()
}

async fn file_dossier(n: u32) -> String {
    file_residence_registration(app(), &format!("payment-test-dossier-{n:04}")).await
}

async fn open_bill(dossier: &str) -> (StatusCode, Value) {
    call(
        Request::post(format!("/api/v1/dossiers/{dossier}/payment"))
            .header("x-applicant", APPLICANT)
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

fn notification(id: &str, amount: u64, note: &str) -> Value {
    json!({"transaction_id": id, "amount": amount, "note": note, "time": "27/11/2026 09:15"})
}

fn signed(body: &Value) -> Request<Body> {
    let bytes = serde_json::to_vec(body).unwrap();
    Request::post("/api/v1/bank-notifications")
        .header("x-signature", sign(SECRET, &bytes))
        .body(Body::from(bytes))
        .unwrap()
}

async fn notify(body: &Value) -> Value {
    let (status, result) = call(signed(body)).await;
    assert_eq!(status, StatusCode::OK, "{result}");
    result
}

async fn bill(id: &str) -> Value {
    let (status, payment) = call(Request::get(format!("/api/v1/payments/{id}")).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{payment}");
    payment
}

#[tokio::test]
async fn a_bill_carries_the_online_fee_and_a_vietqr_code_naming_it() {
    let dossier = file_dossier(1).await;
    let (status, payment) = open_bill(&dossier).await;
    assert_eq!(status, StatusCode::CREATED, "{payment}");
    assert_eq!(payment["amount"], 10_000);
    assert_eq!(payment["status"], "pending");
    assert_eq!(payment["currency"], "VND");
    let bill = payment["bill_number"].as_str().unwrap();
    let qr = vietqr::decode(payment["qr_payload"].as_str().unwrap()).unwrap();
    assert_eq!(qr.amount, Some(10_000));
    assert_eq!(qr.bill_number.as_deref(), Some(bill));
    assert_eq!((qr.bin.as_str(), qr.account.as_str()), ("970436", "0011000999999"));
    assert!(qr.purpose.unwrap().starts_with(bill), "the note starts with the bill");
    // Opening it again gives the same bill.
    let (status, again) = open_bill(&dossier).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["bill_number"], payment["bill_number"]);
}

#[tokio::test]
async fn an_exact_transfer_pays_the_bill_and_issues_a_receipt_saying_what_for() {
    let dossier = file_dossier(2).await;
    let (_, payment) = open_bill(&dossier).await;
    let (id, number) =
        (payment["id"].as_str().unwrap().to_owned(), payment["bill_number"].as_str().unwrap().to_owned());
    let result =
        notify(&notification("FT-PAID-0002", 10_000, &format!("MBVCB.1234.{} le phi", number.to_lowercase()))).await;
    assert_eq!(result["outcome"], "paid");
    assert_eq!(result["replayed"], false);
    let paid = bill(&id).await;
    assert_eq!(paid["status"], "paid");
    assert_eq!(paid["remaining"], 0);
    let receipt = &paid["receipt"];
    assert_eq!(receipt["amount"], 10_000);
    assert_eq!(receipt["amount_in_words"], "Mười nghìn đồng");
    assert_eq!(receipt["payer"], "Đỗ Văn Nam");
    assert!(receipt["reason"].as_str().unwrap().contains(&dossier), "{receipt}");
    assert!(receipt["reason"].as_str().unwrap().contains("đăng ký thường trú"), "{receipt}");
    // The receipt as a printable page.
    let response =
        send(app(), Request::get(format!("/api/v1/payments/{id}/receipt")).body(Body::empty()).unwrap()).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    let html = String::from_utf8(body_bytes(response).await).unwrap();
    assert!(html.contains("Mười nghìn đồng") && html.contains(&dossier) && html.contains("10.000 ₫"));
    // Its QR code opens the dossier's tracking page ("Quét mã" follows it there).
    let follow = format!("{}/tra-cuu/{dossier}", app().public_url);
    let drawn = dvc_core::qr::QrMatrix::new(&follow).unwrap().svg_path();
    assert!(html.contains(&format!("d=\"{drawn}\"")) && html.contains(&follow), "{html}");
    assert_eq!(dvc_core::scan::classify(&follow), dvc_core::scan::Scanned::Dossier(dossier.clone()));
    let fee_paid: i64 = seeded_db().with(|c| {
        c.query_row("SELECT fee_paid FROM dossiers WHERE code = ?1", dvc_server::params![&dossier], |r| r.get(0))
            .unwrap()
    });
    assert_eq!(fee_paid, 1);
    // A paid dossier's bill comes back paid, with its receipt, never a new code.
    let (status, reopened) = open_bill(&dossier).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(reopened["status"], "paid");
    assert_eq!(reopened["receipt"]["number"], receipt["number"]);
    // The payment page reads bills with the core's small JSON reader: exactly as serde does,
    // pending (no receipt) and paid (with one).
    for bill in [&payment, &paid] {
        let by_serde: dvc_core::payment::Payment = serde_json::from_value(bill.clone()).unwrap();
        assert_eq!(dvc_core::payment::Payment::from_json(&bill.to_string()), Some(by_serde), "{bill}");
    }
    assert!(payment["receipt"].is_null() && paid["receipt"].is_object());
}

#[tokio::test]
async fn partial_then_excess_transfers_leave_the_rest_due_then_flag_the_refund() {
    let dossier = file_dossier(3).await;
    let (_, payment) = open_bill(&dossier).await;
    let (id, number) =
        (payment["id"].as_str().unwrap().to_owned(), payment["bill_number"].as_str().unwrap().to_owned());
    let first = notify(&notification("FT-PART-0003a", 4_000, &number)).await;
    assert_eq!(first["outcome"], "underpaid");
    assert_eq!(first["remaining"], 6_000);
    let open = bill(&id).await;
    assert_eq!((open["status"].as_str(), open["remaining"].as_u64()), (Some("underpaid"), Some(6_000)));
    assert!(open["receipt"].is_null());
    let second = notify(&notification("FT-PART-0003b", 8_000, &number)).await;
    assert_eq!(second["outcome"], "overpaid");
    assert_eq!(second["excess"], 2_000);
    assert_eq!(bill(&id).await["status"], "paid");
    let refund: i64 = seeded_db().with(|c| {
        c.query_row(
            "SELECT refund FROM bank_transactions WHERE transaction_id = 'FT-PART-0003b'",
            dvc_server::params![],
            |r| r.get(0),
        )
        .unwrap()
    });
    assert_eq!(refund, 2_000);
}

#[tokio::test]
async fn a_second_transfer_for_a_paid_bill_is_kept_for_refund_and_changes_nothing() {
    let dossier = file_dossier(4).await;
    let (_, payment) = open_bill(&dossier).await;
    let (id, number) =
        (payment["id"].as_str().unwrap().to_owned(), payment["bill_number"].as_str().unwrap().to_owned());
    notify(&notification("FT-DUP-0004a", 10_000, &number)).await;
    let before = bill(&id).await;
    let again = notify(&notification("FT-DUP-0004b", 10_000, &number)).await;
    assert_eq!(again["outcome"], "duplicate");
    assert_eq!(again["refund"], 10_000);
    assert_eq!(bill(&id).await, before, "the bill and its receipt are unchanged");
    let receipts: i64 = seeded_db().with(|c| {
        c.query_row("SELECT count(*) FROM receipts WHERE bill_number = ?1", dvc_server::params![&number], |r| r.get(0))
            .unwrap()
    });
    assert_eq!(receipts, 1);
}

#[tokio::test]
async fn a_transfer_naming_no_bill_is_kept_unmatched() {
    // Before any bill exists for it: the note names a bill number nobody issued.
    let result = notify(&notification("FT-UNMATCHED-0005", 10_000, "HP99123199999 le phi")).await;
    assert_eq!(result["outcome"], "unmatched");
    let result = notify(&notification("FT-UNMATCHED-0006", 25_000, "chuyen tien")).await;
    assert_eq!(result["outcome"], "unmatched");
    let kept: i64 = seeded_db().with(|c| {
        c.query_row("SELECT count(*) FROM bank_transactions WHERE transaction_id LIKE 'FT-UNMATCHED-%' AND outcome = 'unmatched'", dvc_server::params![], |r| r.get(0)).unwrap()
    });
    assert_eq!(kept, 2);
}

#[tokio::test]
async fn unsigned_or_wrongly_signed_notifications_are_refused_and_pay_nothing() {
    let dossier = file_dossier(6).await;
    let (_, payment) = open_bill(&dossier).await;
    let (id, number) =
        (payment["id"].as_str().unwrap().to_owned(), payment["bill_number"].as_str().unwrap().to_owned());
    let body = notification("FT-FORGED-0007", 10_000, &number);
    let bytes = serde_json::to_vec(&body).unwrap();
    let (status, error) =
        call(Request::post("/api/v1/bank-notifications").body(Body::from(bytes.clone())).unwrap()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(error["error"]["code"], "bad_signature");
    let forged = sign("another-secret", &bytes);
    let (status, _) = call(
        Request::post("/api/v1/bank-notifications")
            .header("x-signature", forged)
            .body(Body::from(bytes.clone()))
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // Signed for another body.
    let other = serde_json::to_vec(&notification("FT-FORGED-0007", 1, &number)).unwrap();
    let (status, _) = call(
        Request::post("/api/v1/bank-notifications")
            .header("x-signature", sign(SECRET, &other))
            .body(Body::from(bytes))
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(bill(&id).await["status"], "pending");
    let recorded: i64 = seeded_db().with(|c| {
        c.query_row(
            "SELECT count(*) FROM bank_transactions WHERE transaction_id = 'FT-FORGED-0007'",
            dvc_server::params![],
            |r| r.get(0),
        )
        .unwrap()
    });
    assert_eq!(recorded, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_copies_of_one_notification_pay_once_with_one_receipt() {
    let dossier = file_dossier(7).await;
    let (_, payment) = open_bill(&dossier).await;
    let number = payment["bill_number"].as_str().unwrap().to_owned();
    let body = notification("FT-CONCURRENT-0008", 10_000, &number);
    let tasks: Vec<_> = (0..50).map(|_| tokio::spawn(call(signed(&body)))).collect();
    let mut replays = 0;
    for task in tasks {
        let (status, result) = task.await.unwrap();
        assert_eq!(status, StatusCode::OK, "{result}");
        assert_eq!(result["outcome"], "paid", "every copy reports the same outcome");
        replays += usize::from(result["replayed"] == true);
    }
    assert_eq!(replays, 49);
    let (received, receipts): (i64, i64) = seeded_db().with(|c| {
        c.query_row("SELECT received, (SELECT count(*) FROM receipts WHERE bill_number = ?1) FROM payments WHERE bill_number = ?1", dvc_server::params![&number], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap()
    });
    assert_eq!((received, receipts), (10_000, 1));
}

#[tokio::test]
async fn a_free_procedure_has_no_bill_and_an_unknown_dossier_is_a_404() {
    // Birth registration is free: a dossier of it, as filing stores one.
    let free = "008.01.00.H62-261127-9001";
    seeded_db().with(|c| {
        c.execute(
            "INSERT INTO dossiers (code, receipt_number, procedure_code, procedure_name, agency_id, applicant_name, applicant_kind, \
             applicant_id_number, applicant_phone, status, channel, received_on, appointment_on, answers, created_at) \
             SELECT ?1, 'BN-' || ?1, code, name, agency_id, 'Nguyễn Thị Lan', 'citizen', '026190012345', '0912345678', 1, 2, \
             '27/11/2026', '30/11/2026', '{}', '2026-11-27 01:00:00' FROM procedures WHERE base_code = '1.001193' LIMIT 1",
            dvc_server::params![free],
        )
        .unwrap()
    });
    let (status, error) = call(
        Request::post(format!("/api/v1/dossiers/{free}/payment"))
            .header("x-applicant", "026190012345")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{error}");
    assert_eq!(error["error"]["code"], "no_fee_due");
    let (status, error) = open_bill("000.00.00.H62-261127-9999").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{error}");
    let (status, _) = call(post_json("/api/v1/bank-notifications", &json!({"transaction_id": ""}))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "an unsigned body is refused before it is read");
}

#[tokio::test]
async fn the_event_stream_tells_the_page_when_the_bill_is_paid() {
    use http_body_util::BodyExt;
    let dossier = file_dossier(9).await;
    let (_, payment) = open_bill(&dossier).await;
    let (id, number) =
        (payment["id"].as_str().unwrap().to_owned(), payment["bill_number"].as_str().unwrap().to_owned());
    let response =
        send(app(), Request::get(format!("/api/v1/payments/{id}/events")).body(Body::empty()).unwrap()).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
    let mut body = response.into_body();
    let mut next_event = async || -> String {
        loop {
            let frame = tokio::time::timeout(std::time::Duration::from_secs(5), body.frame())
                .await
                .expect("an event in time")
                .unwrap()
                .unwrap();
            if let Ok(data) = frame.into_data() {
                let text = String::from_utf8(data.to_vec()).unwrap();
                if text.contains("data:") {
                    return text;
                }
            }
        }
    };
    let first = next_event().await;
    assert!(first.contains("event: payment") && first.contains("\"status\":\"pending\""), "{first}");
    notify(&notification("FT-EVENTS-0009", 10_000, &number)).await;
    let paid = next_event().await;
    assert!(paid.contains("\"status\":\"paid\"") && paid.contains("amount_in_words"), "{paid}");
}

#[tokio::test]
async fn the_test_bank_pays_a_bill_through_the_signed_endpoint_and_is_off_for_real_deployments() {
    let dossier = file_dossier(10).await;
    let (_, payment) = open_bill(&dossier).await;
    let (id, number) =
        (payment["id"].as_str().unwrap().to_owned(), payment["bill_number"].as_str().unwrap().to_owned());
    let with_bank = AppState { payments: PaymentConfig { test_bank: true, ..app().payments }, ..app() };
    let form = send(
        with_bank.clone(),
        Request::get(format!("/api/v1/test-bank?bill={number}&amount=10000")).body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(form.status(), StatusCode::OK);
    let html = String::from_utf8(body_bytes(form).await).unwrap();
    assert!(html.contains("NGÂN HÀNG THỬ NGHIỆM") && html.contains(&number), "labelled as a test bank, filled in");
    let transfer = Request::post("/api/v1/test-bank/transfers")
        .body(Body::from(format!("note={number}+le+phi&amount=10.000")))
        .unwrap();
    let response = send(with_bank, transfer).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(String::from_utf8(body_bytes(response).await).unwrap().contains("đã thanh toán đủ"));
    assert_eq!(bill(&id).await["status"], "paid");
    // Where the test bank is off (a real secret configured), it does not exist.
    let (status, _) = call(Request::get("/api/v1/test-bank").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_bill_past_its_time_gets_a_fresh_expiry_and_keeps_its_number() {
    let dossier = file_dossier(11).await;
    let (_, payment) = open_bill(&dossier).await;
    let (id, number) =
        (payment["id"].as_str().unwrap().to_owned(), payment["bill_number"].as_str().unwrap().to_owned());
    seeded_db()
        .with(|c| c.execute("UPDATE payments SET expires_at = 1000 WHERE id = ?1", dvc_server::params![&id]).unwrap());
    let (status, fresh) = open_bill(&dossier).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(fresh["bill_number"], payment["bill_number"], "a late transfer still names the same bill");
    assert_eq!(fresh["expires_at"].as_i64().unwrap(), now() + 15 * 60, "{fresh}");
    // A transfer after the code's time still settles the bill.
    assert_eq!(notify(&notification("FT-LATE-0011", 10_000, &number)).await["outcome"], "paid");
}
