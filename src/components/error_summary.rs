//! The GOV.UK error summary: a heading, then a link to each field with a problem. It takes
//! focus each time the citizen tries to go on with mistakes, so screen readers announce it.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::tr;

/// A problem to list: the id of the field it concerns, where the link goes (`#id` on this
/// page, or the page of another step), and the message.
#[derive(Clone, Debug, PartialEq)]
pub struct Listed {
    pub field_id: String,
    pub href: String,
    pub message: String,
}

#[component]
pub fn ErrorSummary(
    #[prop(into)] errors: Signal<Vec<Listed>>,
    /// Bumped on each attempt to go on: the summary takes focus again.
    #[prop(into)]
    attempt: Signal<u32>,
) -> impl IntoView {
    let summary = NodeRef::<Div>::new();
    Effect::new(move || {
        attempt.track();
        if !errors.with_untracked(Vec::is_empty) {
            if let Some(el) = summary.get_untracked() {
                let _ = el.focus();
            }
        }
    });
    view! {
        <Show when=move || !errors.with(Vec::is_empty)>
            <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" node_ref=summary>
                <h2 class="error-summary__title" id="error-summary-title">{tr(|t| t.error_summary_title)}</h2>
                <ul class="error-summary__list">
                    {move || errors.get().into_iter().map(|e| {
                        let href = e.href.clone();
                        let id = e.field_id.clone();
                        // Move focus into the field itself, as a fragment link alone does not; a field on
                        // another step's page is reached by following the link.
                        let go = move |ev: leptos::ev::MouseEvent| {
                            if let Some(el) = document().get_element_by_id(&id) {
                                ev.prevent_default();
                                el.scroll_into_view();
                                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                                    let _ = el.focus();
                                }
                            }
                        };
                        view! { <li><a href=href on:click=go>{e.message}</a></li> }
                    }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}
