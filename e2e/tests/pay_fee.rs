//! A citizen pays a dossier's fee: the real app in headless Chromium against the live API.
//! A bank notification signed as the gateway signs it turns the page to "Đã thanh toán" with
//! the receipt; opened again, the page shows the receipt, never a new code.

use std::time::Duration;

use dvc_e2e::*;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The scripts/test.sh server's secret.
const SECRET: &str = match option_env!("DVC_E2E_BANK_SECRET") {
    Some(s) => s,
    None => "test-e2e-bank-gateway-secret",
};

async fn file_dossier() -> String {
    file_residence_registration("Đỗ Văn Nam", "026090012345", "05/09/1990", "male", "0987654321").await
}

fn sign(body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(body.as_bytes());
    format!("sha256={}", mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect::<String>())
}

#[wasm_bindgen_test]
async fn a_signed_bank_notification_turns_the_page_to_paid_with_the_receipt_and_a_reload_keeps_it() {
    let code = file_dossier().await;
    // The bill, opened as its applicant (the CCCD given when filing): its random id is the
    // payment page's address.
    let (status, bill) =
        send_json("POST", &format!("{API}/api/v1/dossiers/{code}/payment"), &[("X-Applicant", "026090012345")], "")
            .await;
    assert!(status == 200 || status == 201, "{status}");
    let id = field(&bill, "id");
    let bill_number = field(&bill, "bill_number");
    let app = start_at(&format!("/thanh-toan/{id}"));
    wait_for("the VietQR code", Duration::from_secs(20), || query("#payment-qr path")).await;
    let page = text("main").unwrap_or_default();
    assert!(page.contains("10.000 ₫") && page.contains(&code), "amount and dossier shown: {page}");
    assert!(page.contains("Nội dung chuyển khoản"), "the transfer details are shown");
    assert!(page.contains(&bill_number), "the note with the bill number is shown");

    // The bank reports the transfer; let the page's event stream settle first.
    sleep(300).await;
    let notification = serde_json::json!({"transaction_id": format!("E2E-{bill_number}"), "amount": 10000,
        "note": format!("{bill_number} dang ky thuong tru"), "time": "27/11/2026 09:30"})
    .to_string();
    let (status, result) = send_json(
        "POST",
        &format!("{API}/api/v1/bank-notifications"),
        &[("X-Signature", &sign(&notification))],
        &notification,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(field(&result, "outcome"), "paid");
    wait_for("“Đã thanh toán” within 2 seconds", Duration::from_secs(2), || query("#payment-paid")).await;
    let receipt = text("#receipt").unwrap_or_default();
    assert!(
        receipt.contains("Mười nghìn đồng") && receipt.contains(&code) && receipt.contains("Đỗ Văn Nam"),
        "{receipt}"
    );
    assert!(query("#payment-qr").is_none(), "no code once paid");

    // Opened again: the receipt, no new code.
    stop(app);
    let _app = start_at(&format!("/thanh-toan/{id}"));
    wait_for("the receipt after a reload", Duration::from_secs(20), || query("#receipt")).await;
    assert!(query("#payment-qr").is_none(), "no new code for a paid bill");
}
