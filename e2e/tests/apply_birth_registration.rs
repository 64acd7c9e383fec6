//! A citizen files a birth registration online: the real app in headless Chromium, against
//! the live reference API. Mistakes are listed and linked, a PDF is uploaded, the page is
//! "reloaded" (the app torn down and started again from what the device kept) half-way,
//! and the dossier is filed exactly once.

use std::time::Duration;

use dvc_e2e::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const WAIT: Duration = Duration::from_secs(20);
/// Female, born 1990, registered in province 026: used by this test only, so the API's list
/// of this applicant's dossiers changes only by what this test files.
const CCCD: &str = "026190077002";
const PHONE: &str = "0912345002";
const PDF: &[u8] = b"%PDF-1.4\n%To khai dang ky khai sinh\n%%EOF\n";

/// Presses the step's button, a moment after the last keystroke as a person does (the app
/// keeps each keystroke in the draft in the next microtask).
async fn submit() {
    sleep(50).await;
    click(&query("form.apply-form button[type=submit]").expect("the form's button"));
}

fn check(selector: &str) {
    click(&query(selector).unwrap_or_else(|| panic!("{selector}")));
}

fn summary_links() -> Vec<String> {
    query_all(".error-summary a").iter().map(|a| a.get_attribute("href").unwrap_or_default()).collect()
}

async fn dossiers_of_applicant() -> u32 {
    let (status, list) =
        send_json("GET", &format!("{API}/api/v1/dossiers"), &[("X-Applicant", CCCD), ("X-Phone", PHONE)], "").await;
    assert_eq!(status, 200);
    js_sys::Array::from(&list).length()
}

#[wasm_bindgen_test]
async fn citizen_files_a_birth_registration_fixing_mistakes_and_surviving_a_reload() {
    web_sys::window().unwrap().local_storage().unwrap().unwrap().clear().unwrap();
    delete_database("dvc").await;
    let before = dossiers_of_applicant().await;

    let app = start_at("/nop-ho-so/1.001193");
    wait_for("the applicant step", WAIT, || query("#applicant-full_name")).await;

    // Mistakes: an 11-digit CCCD, a landline, nothing else.
    type_into("#applicant-id_number", "02619007700");
    type_into("#applicant-phone", "0211 3862 555");
    submit().await;
    let summary = wait_for("the error summary", WAIT, || query(".error-summary")).await;
    assert_eq!(text(".error-summary__title").as_deref(), Some("Có lỗi cần sửa"));
    assert_eq!(summary.get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(focused(), Some(summary.clone()), "the summary takes focus");
    assert!(document().title().starts_with("Lỗi: "), "title: {}", document().title());
    let links = summary_links();
    for field in [
        "#applicant-full_name",
        "#applicant-id_number",
        "#applicant-birth_date",
        "#applicant-phone",
        "#applicant-address-street",
    ] {
        assert!(links.iter().any(|l| l == field), "{field} is linked from the summary: {links:?}");
    }
    let id_error = text("#applicant-id_number-error").unwrap_or_default();
    assert!(id_error.contains("12 chữ số"), "the CCCD message is specific: {id_error}");
    // A summary link puts focus in its field.
    let link = query_all(".error-summary a")
        .into_iter()
        .find(|a| a.get_attribute("href").as_deref() == Some("#applicant-phone"))
        .unwrap();
    click(&link);
    assert_eq!(focused().and_then(|e| e.get_attribute("id")).as_deref(), Some("applicant-phone"));

    // Fixed.
    type_into("#applicant-full_name", "Nguyễn Thị Lan");
    type_into("#applicant-id_number", CCCD);
    type_into("#applicant-birth_date", "12/03/1990");
    check("#applicant-sex-female");
    type_into("#applicant-phone", PHONE);
    let province = wait_for("the provinces", WAIT, || option_value("#applicant-address-province", 1)).await;
    select_value("#applicant-address-province", &province);
    // A district where the province still has them (three tiers); none with two.
    if query("#applicant-address-district").is_some() {
        let district = wait_for("the districts", WAIT, || option_value("#applicant-address-district", 1)).await;
        select_value("#applicant-address-district", &district);
    }
    let commune = wait_for("the communes", WAIT, || option_value("#applicant-address-commune", 1)).await;
    select_value("#applicant-address-commune", &commune);
    type_into("#applicant-address-street", "Số 5 Nguyễn Tất Thành");
    submit().await;

    // The child: a birth date in the future is refused, with the field linked.
    wait_for("the details step", WAIT, || query("#fields-ho_ten_tre")).await;
    // Dates from the app's clock, which start_at set to the server's (a date edge).
    let today = dichvucong::clock::today();
    let future = today.add_days(1).to_string();
    type_into("#fields-ho_ten_tre", "Nguyễn Minh An");
    type_into("#fields-ngay_sinh_tre", &future);
    submit().await;
    wait_for("the details' error summary", WAIT, || query(".error-summary")).await;
    assert!(summary_links().contains(&"#fields-ngay_sinh_tre".to_owned()), "{:?}", summary_links());
    type_into("#fields-ngay_sinh_tre", &today.add_days(-3).to_string());
    check("#fields-gioi_tinh_tre");
    type_into("#fields-noi_sinh", "Bệnh viện Sản Nhi Vĩnh Phúc");
    type_into("#fields-dan_toc", "Kinh");
    type_into("#fields-quoc_tich", "Việt Nam");
    type_into("#fields-ho_ten_me", "Nguyễn Thị Lan");
    type_into("#fields-dinh_danh_me", CCCD);
    check("#fields-quan_he");
    submit().await;

    // Documents: a PDF uploaded; a file that is not what it claims is refused before sending.
    wait_for("the documents step", WAIT, || query("#documents-giay_to_1")).await;
    attach_file("#documents-giay_to_1", "to-khai.pdf", PDF, "application/pdf");
    attach_file("#documents-giay_to_2", "chung-sinh.pdf", b"not a pdf at all", "application/pdf");
    wait_for("the PDF to be uploaded", WAIT, || text(".file__status--done")).await;
    let refused = wait_for("the refusal", WAIT, || text(".file-refused")).await;
    assert!(refused.contains("chung-sinh.pdf") && refused.contains("Chỉ nhận tệp"), "{refused}");

    // Reload half-way: the app starts again from what the device kept.
    stop(app);
    let app = start_at("/nop-ho-so/1.001193/giay-to");
    wait_for("the restored upload", WAIT, || {
        query_all(".file__name").into_iter().find(|e| e.text_content().unwrap_or_default().contains("to-khai.pdf"))
    })
    .await;
    assert!(text(".file__status--done").is_some(), "the restored file is known to be on the server");
    // The earlier steps' answers are there too (opened by address: a router torn down in
    // this page still hears link clicks, which a real reload would not have).
    stop(app);
    let app = start_at("/nop-ho-so/1.001193");
    let name = wait_for("the applicant step again", WAIT, || query("#applicant-full_name")).await;
    assert_eq!(name.unchecked_into::<web_sys::HtmlInputElement>().value(), "Nguyễn Thị Lan");
    assert!(query(".step-indicator a[href='/nop-ho-so/1.001193/giay-to']").is_some(), "the steps reached are linked");
    stop(app);
    let app = start_at("/nop-ho-so/1.001193/giay-to");
    wait_for("the documents step again", WAIT, || query("#documents-giay_to_2")).await;

    // The other required documents: one more upload, one on paper.
    attach_file("#documents-giay_to_2", "chung-sinh.pdf", PDF, "application/pdf");
    wait_for("two uploads", WAIT, || (query_all(".file__status--done").len() == 2).then_some(())).await;
    check("#documents-giay_to_4-paper");
    submit().await;

    // Check your answers: a declaration is required; then submit, clicking twice.
    wait_for("the check page", WAIT, || query("#declaration")).await;
    let answers = text(".summary-list").unwrap_or_default();
    assert!(answers.contains("Nguyễn Thị Lan"), "{answers}");
    submit().await;
    wait_for("the declaration error", WAIT, || summary_links().contains(&"#declaration".to_owned()).then_some(()))
        .await;
    check("#declaration");
    let button = query("form.apply-form button[type=submit]").expect("the submit button");
    sleep(50).await;
    click(&button);
    click(&button);
    let code = wait_for("the dossier code", WAIT, || text("#dossier-code")).await;
    assert!(code.contains("-") && code.len() > 12, "code: {code}");
    assert!(text(".summary-list").unwrap_or_default().contains("Ngày hẹn trả kết quả"));
    assert!(query("svg.qr path").is_some(), "a QR code of the tracking link");
    assert_eq!(dossiers_of_applicant().await, before + 1, "the server holds exactly one new dossier");

    // A reload of the confirmation shows the same dossier, and nothing more is filed.
    stop(app);
    let _app = start_at("/nop-ho-so/1.001193/da-nop");
    let again = wait_for("the code after a reload", WAIT, || text("#dossier-code")).await;
    assert_eq!(again, code);
    assert_eq!(dossiers_of_applicant().await, before + 1);
}
