//! Renders its content in a task after the one that mounts it: what is below the fold or
//! not needed at once (the footer, notices, a list the catalog fills) does not lengthen the
//! first task of a page on a slow phone.

use leptos::prelude::*;

#[component]
pub fn Later(children: ChildrenFn) -> impl IntoView {
    let ready = RwSignal::new(false);
    let tick = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = ready.try_set(true);
    });
    let _ = window().set_timeout_with_callback(wasm_bindgen::JsCast::unchecked_ref(&tick));
    move || ready.get().then(|| children())
}
