//! Bills, receipts and bank notifications tried as a stranger would: sequential numbers open
//! nothing, a bill is opened only by its applicant, amounts are bounded, printed links come
//! from configuration. Each test here failed against the API as it was before its fix.

mod common;
mod security_support;

use security_support::*;

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
        assert_eq!(body["error"]["code"], "payment_not_found");
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
        c.query_row("SELECT count(*) FROM payments WHERE dossier_code = ?1", dvc_server::params![&dossier], |r| {
            r.get(0)
        })
        .unwrap()
    });
    assert_eq!(bills, 0, "refused attempts make no bill");
    assert_eq!(open_bill(&dossier, Some(CCCD)).await.0, StatusCode::CREATED);
}

#[tokio::test]
async fn opening_bills_is_limited_per_client() {
    let limited =
        AppState { lookups: Arc::new(RateLimiter::new("lookups-payments-3", 3, Duration::from_secs(60))), ..app() };
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
        c.query_row(
            "SELECT count(*) FROM bank_transactions WHERE transaction_id LIKE 'FT-AMOUNT-MAX-%'",
            dvc_server::params![],
            |r| r.get(0),
        )
        .unwrap()
    });
    assert_eq!(recorded, 2);
    let (_, paid) = call(get(&format!("/api/v1/payments/{id}"))).await;
    assert_eq!((paid["status"].as_str(), paid["received"].as_u64()), (Some("paid"), Some(1_000_000_000_000)), "{paid}");
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
    assert!(
        page.contains(&format!("https://dichvucong.example.vn/xac-thuc/{id}")) && !page.contains("evil.example"),
        "{page}"
    );
}

/// Issues a result for `dossier` as the office would, and returns its id.
fn random_result_for(dossier: &str) -> String {
    let id = format!("{:032x}", dossier.bytes().fold(0u128, |h, b| h.wrapping_mul(131).wrapping_add(b as u128)));
    seeded_db().with(|c| {
        c.execute(
            "INSERT INTO results (id, dossier_code, title, issued_on, issuer, issued_at) VALUES (?1, ?2, 'Kết quả', '10/03/2027', 'UBND', 0)",
            dvc_server::params![&id, dossier],
        )
        .unwrap()
    });
    id
}
