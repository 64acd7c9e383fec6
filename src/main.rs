fn main() {
    // The static loading shell of index.html gives way to the app.
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(dichvucong::App);
}
