//! Browser tests of the app, run by `wasm-pack test --headless --chrome e2e` against the live
//! reference API (its address in `DVC_E2E_API` at build time). The tests are in `tests/`;
//! this library holds what they share: waiting, typing and clicking as a person would.

use std::time::Duration;

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement};

/// The reference API the test command started.
pub const API: &str = match option_env!("DVC_E2E_API") {
    Some(api) => api,
    None => "http://127.0.0.1:8080",
};

/// When the test command's server says it is: `DVC_E2E_NOW` (RFC 3339) at the real moment
/// `DVC_E2E_STARTED_MS`, both set by `scripts/test.sh` when it starts the server.
pub fn server_now_ms() -> Option<f64> {
    let now = dvc_core::date::parse_rfc3339(option_env!("DVC_E2E_NOW")?)? as f64 * 1000.0;
    let started: f64 = option_env!("DVC_E2E_STARTED_MS")?.parse().ok()?;
    Some(now + (js_sys::Date::now() - started))
}

/// Sets the app's clock to the server's, so both agree on what day it is (the test command
/// pins the server to a date edge). Called by [`start_at`].
pub fn pin_clock() {
    if let Some(now) = server_now_ms() {
        dichvucong::clock::start_at(now);
    }
}

pub fn document() -> Document {
    web_sys::window().expect("window").document().expect("document")
}

pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("timer");
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Polls until `find` gives something, or panics with `what` after `timeout`.
pub async fn wait_for<T>(what: &str, timeout: Duration, mut find: impl FnMut() -> Option<T>) -> T {
    let step = 50;
    let mut waited = 0;
    loop {
        if let Some(found) = find() {
            return found;
        }
        if waited >= timeout.as_millis() as i32 {
            let body = document().body().map(|b| b.inner_text()).unwrap_or_default();
            panic!("timed out waiting for {what}; the page says:\n{body}");
        }
        sleep(step).await;
        waited += step;
    }
}

pub fn query(selector: &str) -> Option<Element> {
    document().query_selector(selector).ok().flatten()
}

pub fn query_all(selector: &str) -> Vec<Element> {
    let list = document().query_selector_all(selector).expect("selector");
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect()
}

pub fn text(selector: &str) -> Option<String> {
    query(selector).and_then(|e| e.text_content())
}

/// Types into an input the way a keyboard does: the value changes, then `input` bubbles.
pub fn type_into(selector: &str, value: &str) {
    let input: HtmlInputElement = query(selector).expect(selector).dyn_into().expect("an input");
    input.focus().ok();
    input.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).expect("event");
    input.dispatch_event(&event).expect("dispatch");
}

pub fn click(element: &Element) {
    element.clone().dyn_into::<HtmlElement>().expect("clickable").click();
}

/// Chooses an option of a `<select>` by its value, as a person picking it does.
pub fn select_value(selector: &str, value: &str) {
    let select: web_sys::HtmlSelectElement = query(selector).expect(selector).dyn_into().expect("a select");
    select.focus().ok();
    select.set_value(value);
    dispatch(&select, "change");
}

/// The value of the option at `index` of a `<select>` (0 is "— Chọn —").
pub fn option_value(selector: &str, index: u32) -> Option<String> {
    let select: web_sys::HtmlSelectElement = query(selector)?.dyn_into().ok()?;
    select.item(index).and_then(|o| o.get_attribute("value"))
}

fn dispatch(target: &web_sys::EventTarget, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).expect("event");
    target.dispatch_event(&event).expect("dispatch");
}

/// Attaches a file to a file input, as choosing it in the picker does.
pub fn attach_file(selector: &str, name: &str, bytes: &[u8], mime: &str) {
    let input: HtmlInputElement = query(selector).expect(selector).dyn_into().expect("a file input");
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    let file = web_sys::File::new_with_u8_array_sequence_and_options(&parts, name, &options).expect("file");
    let transfer = web_sys::DataTransfer::new().expect("DataTransfer");
    transfer.items().add_with_file(&file).expect("add file");
    input.set_files(transfer.files().as_ref());
    dispatch(&input, "change");
}

/// GET a URL and parse its JSON body.
pub async fn fetch_json(url: &str) -> wasm_bindgen::JsValue {
    let window = web_sys::window().expect("window");
    let response: web_sys::Response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url))
        .await
        .expect("fetch")
        .dyn_into()
        .expect("response");
    assert!(response.ok(), "GET {url}: HTTP {}", response.status());
    wasm_bindgen_futures::JsFuture::from(response.json().expect("json")).await.expect("json body")
}

/// Deletes an IndexedDB database (the app's drafts), waiting until it is gone.
pub async fn delete_database(name: &str) {
    let factory = web_sys::window().and_then(|w| w.indexed_db().ok().flatten()).expect("indexedDB");
    let request = factory.delete_database(name).expect("deleteDatabase");
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&resolve));
        request.set_onblocked(Some(&resolve));
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The element that has focus, if any.
pub fn focused() -> Option<Element> {
    document().active_element()
}

/// Sends a request with a body and headers; returns the status and the parsed JSON body.
pub async fn send_json(method: &str, url: &str, headers: &[(&str, &str)], body: &str) -> (u16, wasm_bindgen::JsValue) {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let h = web_sys::Headers::new().expect("headers");
    for (k, v) in headers {
        h.set(k, v).expect("header");
    }
    init.set_headers(&h);
    if !body.is_empty() {
        init.set_body(&wasm_bindgen::JsValue::from_str(body));
    }
    let window = web_sys::window().expect("window");
    let response: web_sys::Response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .expect("fetch")
        .dyn_into()
        .expect("response");
    let status = response.status();
    let json = wasm_bindgen_futures::JsFuture::from(response.json().expect("json"))
        .await
        .unwrap_or(wasm_bindgen::JsValue::NULL);
    (status, json)
}

/// A field of a JSON value, as text.
pub fn field(value: &wasm_bindgen::JsValue, name: &str) -> String {
    let v = js_sys::Reflect::get(value, &name.into()).unwrap_or(wasm_bindgen::JsValue::UNDEFINED);
    v.as_string().or_else(|| v.as_f64().map(|n| n.to_string())).unwrap_or_default()
}

/// The app, mounted at an address as opening that address does.
pub struct Running {
    root: Element,
    _app: Box<dyn std::any::Any>,
}

pub fn start_at(path: &str) -> Running {
    let window = web_sys::window().expect("window");
    window
        .history()
        .expect("history")
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .expect("address");
    dichvucong::config::set_api_base(API);
    pin_clock();
    let root = document().create_element("div").expect("div");
    document().body().expect("body").append_child(&root).expect("append");
    let app = leptos::mount::mount_to(root.clone().unchecked_into(), dichvucong::App);
    Running { root, _app: Box::new(app) }
}

/// Tears the app down, as closing the tab does: only what the device kept remains.
pub fn stop(app: Running) {
    let Running { root, _app } = app;
    drop(_app);
    root.remove();
}

/// An address in the province the API serves, as its pickers offer it: its first unit (and
/// that district's first commune where there are districts).
pub async fn home_address(street: &str) -> serde_json::Value {
    let areas = js_sys::JSON::stringify(&fetch_json(&format!("{API}/api/v1/areas")).await).expect("areas as text");
    let areas: Vec<dvc_core::api::Area> = serde_json::from_str(&String::from(areas)).expect("areas");
    let province = areas.first().expect("a province");
    let unit = province.children.first().expect("a local unit");
    let (district, commune) = match unit.children.first() {
        Some(commune) => (unit.name.as_str(), commune.name.as_str()),
        None => ("", unit.name.as_str()),
    };
    serde_json::json!({"province": province.name, "district": district, "commune": commune, "street": street})
}

/// Files a permanent-residence registration (1.004222, online fee 10.000 ₫) through the API
/// for this applicant, and returns its code.
pub async fn file_residence_registration(
    full_name: &str,
    cccd: &str,
    birth_date: &str,
    sex: &str,
    phone: &str,
) -> String {
    let (status, upload) =
        send_json("POST", &format!("{API}/api/v1/uploads"), &[("X-File-Name", "so-ho-khau.pdf")], "%PDF-1.4\n%%EOF\n")
            .await;
    assert_eq!(status, 201, "upload");
    let body = serde_json::json!({
        "procedure_code": "1.004222",
        "answers": {
            "applicant": {"kind": "citizen", "full_name": full_name, "id_number": cccd, "birth_date": birth_date, "sex": sex, "phone": phone, "email": "",
                "address": home_address("Số 9").await},
            "fields": {"dia_chi_moi": "Số 9", "ho_ten_chu_ho": full_name, "dinh_danh_chu_ho": cccd, "quan_he_chu_ho": "chu_ho", "truong_hop": "nha_so_huu"},
            "documents": {"giay_to_1": [field(&upload, "id")]}
        }
    });
    let key = format!("e2e-{cccd}-{}", js_sys::Date::now() as u64);
    let (status, receipt) = send_json(
        "POST",
        &format!("{API}/api/v1/dossiers"),
        &[("Content-Type", "application/json"), ("Idempotency-Key", &key)],
        &body.to_string(),
    )
    .await;
    assert_eq!(status, 201, "filing: {:?}", js_sys::JSON::stringify(&receipt));
    field(&receipt, "code")
}
