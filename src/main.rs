fn main() {
    leptos::mount::mount_to_body(dichvucong::App);
}
