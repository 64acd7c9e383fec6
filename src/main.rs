use wasm_bindgen::JsCast;

fn main() {
    // In a task of its own, not the one in which the module finished compiling: each stays
    // shorter on a slow phone, and the page can paint and take input in between.
    let start = wasm_bindgen::closure::Closure::once_into_js(|| {
        // The first paint of index.html gives way to the app, keeping what was typed in it.
        dichvucong::boot::take_over();
        leptos::mount::mount_to_body(dichvucong::App);
    });
    let _ = leptos::prelude::window().set_timeout_with_callback(start.unchecked_ref());
}
