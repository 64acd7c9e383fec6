//! A citizen follows a dossier to its result: the real app in headless Chromium against the
//! live API, the office's steps sent to its officer endpoint. Submit → the officer asks for a
//! document → the citizen supplements it → the officer finishes and returns the result → the
//! citizen opens it (and it verifies) and rates the service.

use std::time::Duration;

use dvc_e2e::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const WAIT: Duration = Duration::from_secs(20);
const TOKEN: &str = match option_env!("DVC_E2E_OFFICER_TOKEN") {
    Some(t) => t,
    None => "e2e-officer-token",
};
/// Used by this test only (male, born 1985, province 026).
const CCCD: &str = "026085077010";

async fn file_dossier() -> String {
    file_residence_registration("Lý Văn Tùng", CCCD, "10/10/1985", "male", "0912077010").await
}

async fn officer(code: &str, body: serde_json::Value) {
    let auth = format!("Bearer {TOKEN}");
    let (status, view) = send_json(
        "POST",
        &format!("{API}/api/v1/officer/dossiers/{code}/status"),
        &[("Authorization", &auth), ("Content-Type", "application/json")],
        &body.to_string(),
    )
    .await;
    assert_eq!(status, 200, "officer {body}: {:?}", js_sys::JSON::stringify(&view));
}

#[wasm_bindgen_test]
async fn citizen_follows_a_dossier_supplements_a_document_gets_the_result_and_rates_it() {
    web_sys::window().unwrap().local_storage().unwrap().unwrap().clear().unwrap();
    let code = file_dossier().await;

    // Someone without the right CCCD learns nothing.
    let app = start_at(&format!("/tra-cuu/{code}"));
    wait_for("the lookup form", WAIT, || query("#track-applicant")).await;
    type_into("#track-applicant", "026085000000");
    sleep(50).await;
    click(&query("form button[type=submit]").unwrap());
    let refused = wait_for("the refusal", WAIT, || text(".notice--error")).await;
    assert!(refused.contains("Không tìm thấy hồ sơ"), "{refused}");
    assert!(query("#dossier-status").is_none());

    // The applicant sees it.
    type_into("#track-applicant", CCCD);
    sleep(50).await;
    click(&query("form button[type=submit]").unwrap());
    let status = wait_for("the dossier", WAIT, || text("#dossier-status")).await;
    assert!(status.contains("Mới đăng ký"), "{status}");

    // The office asks for a document; the page shows what is wanted.
    officer(&code, serde_json::json!({"status": 2})).await;
    officer(&code, serde_json::json!({"status": 4})).await;
    officer(
        &code,
        serde_json::json!({"status": 5, "documents": ["Giấy xác nhận chỗ ở hợp pháp"], "note": "Thiếu giấy tờ chỗ ở"}),
    )
    .await;
    stop(app);
    let app = start_at(&format!("/tra-cuu/{code}"));
    let wanted =
        wait_for("the request for documents", WAIT, || text("#supplement-title").and_then(|_| text("main"))).await;
    assert!(wanted.contains("Giấy xác nhận chỗ ở hợp pháp") && wanted.contains("Hạn bổ sung"), "{wanted}");
    attach_file("#supplement-files", "cho-o.pdf", b"%PDF-1.4\n%cho o\n%%EOF\n", "application/pdf");
    wait_for("the upload", WAIT, || text(".file__status").filter(|s| s.contains('✓'))).await;
    click(&query("section.notice--action button[type=submit]").expect("the send button"));
    wait_for("processing again", WAIT, || text("#dossier-status").filter(|s| s.contains("Đang xử lý"))).await;

    // The office finishes and returns the result.
    officer(&code, serde_json::json!({"status": 9})).await;
    officer(&code, serde_json::json!({"status": 10})).await;
    stop(app);
    let _app = start_at(&format!("/tra-cuu/{code}"));
    let open = wait_for("the result", WAIT, || query("#result-open")).await;
    let href = open.get_attribute("href").unwrap();
    let page = web_sys::window().unwrap();
    let response: web_sys::Response =
        wasm_bindgen_futures::JsFuture::from(page.fetch_with_str(&href)).await.unwrap().unchecked_into();
    assert_eq!(response.status(), 200, "the result opens");
    let html = wasm_bindgen_futures::JsFuture::from(response.text().unwrap()).await.unwrap().as_string().unwrap();
    assert!(html.contains("<svg") && html.contains("/xac-thuc/"), "a QR of the verification page");
    let verified = fetch_json(&format!("{href}/verify")).await;
    assert_eq!(js_sys::Reflect::get(&verified, &"genuine".into()).unwrap(), JsValue::TRUE);

    // Rated once.
    click(&query("#rating-stars-5").unwrap());
    click(&query("section[aria-labelledby='rating-title'] button[type=submit]").unwrap());
    let done = wait_for("the thanks", WAIT, || text("#rating-done")).await;
    assert!(done.contains("5/5"), "{done}");
}
