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

pub fn document() -> Document {
    web_sys::window().expect("window").document().expect("document")
}

pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().expect("window").set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).expect("timer");
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

