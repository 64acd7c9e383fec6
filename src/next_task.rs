//! Waits for a new task of the browser's event loop (not a microtask): what comes after runs
//! once the page has had a chance to paint and take input, so long work can go in short slices.

pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
