//! The message beside a field with a problem. It starts with a hidden "Lỗi:" ("Error:") so a
//! screen reader says what it is; colour is never the only sign.

use leptos::prelude::*;

use crate::i18n::tr;

#[component]
pub fn InlineError(
    #[prop(into)] error: Signal<Option<String>>,
    /// For `aria-describedby` on the field.
    #[prop(into, optional)]
    id: Option<String>,
) -> impl IntoView {
    move || {
        error.get().map(|message| {
            view! { <p class="field__error" id=id.clone()><span class="visually-hidden">{tr(|t| t.error_title_prefix)}</span>{message}</p> }
        })
    }
}
