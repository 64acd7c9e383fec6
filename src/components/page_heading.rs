//! The page's `<h1>`: sets the document title and, after a navigation inside the app,
//! takes focus so screen-reader and keyboard users start at the new page's top.

use std::sync::atomic::{AtomicBool, Ordering};

use leptos::html::H1;
use leptos::prelude::*;

use crate::i18n::use_texts;

/// The first page of a visit keeps the browser's own focus handling.
static SHOWN_A_PAGE: AtomicBool = AtomicBool::new(false);

#[component]
pub fn PageHeading(
    #[prop(into)] text: Signal<String>,
    /// The page shows an error summary: the title starts with "Lỗi:".
    #[prop(into, optional)]
    error: Option<Signal<bool>>,
) -> impl IntoView {
    let t = use_texts();
    let heading = NodeRef::<H1>::new();
    Effect::new(move || {
        let prefix = if error.is_some_and(|e| e.get()) { t.get().error_title_prefix } else { "" };
        document().set_title(&format!("{prefix}{} – {}", text.get(), t.get().app_name));
    });
    Effect::new(move || {
        if let Some(h1) = heading.get() {
            if SHOWN_A_PAGE.swap(true, Ordering::Relaxed) {
                let _ = h1.focus();
            }
        }
    });
    view! { <h1 class="page__title" tabindex="-1" node_ref=heading>{move || text.get()}</h1> }
}
