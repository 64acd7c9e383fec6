//! A citizen finds a procedure the way people type, and opens it: the real app, in headless
//! Chromium, against the live reference API and its demo catalog.

use std::time::Duration;

use dvc_e2e::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const WAIT: Duration = Duration::from_secs(20);

#[wasm_bindgen_test]
async fn citizen_searches_without_diacritics_with_typos_and_everyday_words_then_opens_the_procedure() {
    let window = web_sys::window().unwrap();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    let _app = start_at("/");

    // The catalog arrives from the API; the home page lists popular services from it.
    wait_for("the popular services", WAIT, || query(".link-grid a")).await;

    // No diacritics: the birth registration comes first in the instant results.
    type_into("#search-q", "dang ky khai sinh");
    let first = wait_for("an instant result", WAIT, || query("#instant-results .card__title a")).await;
    let name = first.text_content().unwrap();
    assert!(name.to_lowercase().ends_with("đăng ký khai sinh"), "first result: {name}");
    assert!(!query_all("#instant-results mark").is_empty(), "matched words are highlighted");

    // A one-letter typo still finds it.
    type_into("#search-q", "dang ky khai sihn ");
    wait_for("the typo to find khai sinh", WAIT, || {
        text("#instant-results .card__title a").filter(|t| t.to_lowercase().ends_with("đăng ký khai sinh"))
    })
    .await;

    // Everyday words: "sổ đỏ" finds the land-use-right certificate procedures.
    type_into("#search-q", "so do");
    wait_for("a land-use-right certificate", WAIT, || {
        query_all("#instant-results .card__title a")
            .into_iter()
            .find(|a| a.text_content().unwrap_or_default().contains("Giấy chứng nhận"))
    })
    .await;

    // Nothing in the catalog is a school transfer: "trường" of "trường hợp" is not offered as
    // an answer. The app says so, suggests fields and where to ask, and the hotline.
    type_into("#search-q", "chuyen truong ");
    let help = wait_for("the way to the no-match help", WAIT, || {
        query("#instant-results p a").filter(|a| a.text_content().unwrap_or_default().contains("nơi hỏi"))
    })
    .await;
    assert!(query("#instant-results .card").is_none(), "no card offered as an answer");
    click(&help);
    let notice = wait_for("the no-match notice", WAIT, || text(".no-match")).await;
    assert!(notice.contains("Không có thủ tục nào khớp với “chuyen truong”"), "{notice}");
    assert!(notice.contains("Bộ phận Một cửa"), "where to ask: {notice}");
    assert!(!query_all(".no-match__fields a").is_empty(), "the closest fields are suggested");
    let tel = query(".no-match a[href^='tel:']").expect("the hotline is offered");
    assert_eq!(tel.get_attribute("href").as_deref(), Some("tel:0000000000"));
    window.history().unwrap().back().unwrap();
    // The results page has a search box too: wait for what only the home page shows.
    wait_for("the home page again", WAIT, || query(".link-grid a").filter(|_| query(".no-match").is_none())).await;

    // Open "Đăng ký khai sinh": its documents, fees and processing time per channel.
    type_into("#search-q", "dang ky khai sinh");
    let first = wait_for("the birth registration result", WAIT, || {
        query("#instant-results .card__title a")
            .filter(|a| a.text_content().unwrap_or_default().to_lowercase().ends_with("đăng ký khai sinh"))
    })
    .await;
    click(&first);
    wait_for("the procedure's documents", WAIT, || query("#documents-title")).await;
    let h1 = text("h1").unwrap();
    assert!(h1.to_lowercase().contains("đăng ký khai sinh"), "heading: {h1}");
    assert!(window.location().pathname().unwrap().starts_with("/thu-tuc/1.001193"), "deep link of the procedure");
    assert!(query_all("[aria-labelledby='documents-title'] tbody tr").len() >= 2, "documents listed");
    let channels = text("[aria-labelledby='channels-title'] tbody").unwrap();
    assert!(channels.contains("Trực tuyến"), "the online channel with its time and fee: {channels}");
    assert!(query("a.button--start").is_some(), "a fully online procedure offers to apply online");
    assert!(document().title().contains("khai sinh"), "page title names the procedure: {}", document().title());
}
