//! "Sao chép": puts a value on the clipboard and says so for a moment.

use std::time::Duration;

use leptos::prelude::*;

use crate::i18n::tr;

#[component]
pub fn CopyButton(
    #[prop(into)] value: String,
    /// What is copied, for screen readers.
    #[prop(into)]
    what: Signal<String>,
) -> impl IntoView {
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let clipboard = window().navigator().clipboard();
        let _ = clipboard.write_text(&value);
        copied.set(true);
        set_timeout(
            move || {
                let _ = copied.try_set(false);
            },
            Duration::from_secs(2),
        );
    };
    view! {
        <button type="button" class="link-button" on:click=copy>
            {move || if copied.get() { tr(|t| t.pay_copied)() } else { tr(|t| t.pay_copy)() }}
            <span class="visually-hidden">" "{move || what.get()}</span>
        </button>
    }
}
