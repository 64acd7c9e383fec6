//! A text with the words matching the query in `<mark>`, as the core's search sees them.

use dvc_core::search::highlight;
use leptos::prelude::*;

#[component]
pub fn Highlighted(text: String, #[prop(into)] query: Signal<String>) -> impl IntoView {
    move || {
        let q = query.get();
        let mut parts = Vec::new();
        let mut at = 0;
        for range in highlight(&text, &q) {
            if range.start > at {
                parts.push(text[at..range.start].to_owned().into_any());
            }
            parts.push(view! { <mark>{text[range.clone()].to_owned()}</mark> }.into_any());
            at = range.end;
        }
        if at < text.len() {
            parts.push(text[at..].to_owned().into_any());
        }
        parts
    }
}
