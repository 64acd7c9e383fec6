//! The files refused before sending, each as "name: why" in the current language, as an
//! alert; nothing when there are none.

use leptos::prelude::*;

use crate::i18n::{tr, use_lang};
use crate::upload::Refused;

/// The list of refused files (`ul.file-refused`), shown only when there are some.
#[component]
pub fn RefusedFiles(
    #[prop(into)] refused: Signal<Vec<Refused>>,
    /// Starts each line with the hidden "Lỗi:" ("Error:") so a screen reader says what it is.
    #[prop(optional)]
    error_prefix: bool,
) -> impl IntoView {
    let lang = use_lang();
    move || {
        (!refused.with(Vec::is_empty)).then(|| {
            let lang = lang.get();
            let lines = refused.get().into_iter().map(|r| {
                let prefix =
                    error_prefix.then(|| view! { <span class="visually-hidden">{tr(|t| t.error_title_prefix)}</span> });
                view! { <li>{prefix}{r.message(lang)}</li> }
            });
            view! { <ul class="file-refused" role="alert">{lines.collect_view()}</ul> }
        })
    }
}
