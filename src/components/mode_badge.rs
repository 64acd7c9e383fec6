//! How much of a procedure can be done online: a word and an icon, never colour alone.

use dvc_core::catalog::OnlineMode;
use leptos::prelude::*;

use crate::format;
use crate::i18n::use_texts;

#[component]
pub fn ModeBadge(mode: OnlineMode) -> impl IntoView {
    let t = use_texts();
    let (class, icon) = match mode {
        OnlineMode::Full => ("badge badge--full", "✓"),
        OnlineMode::Partial => ("badge badge--partial", "◐"),
        OnlineMode::InPersonOnly => ("badge badge--offline", "⌂"),
    };
    view! {
        <span class=class>
            <span aria-hidden="true" class="badge__icon">{icon}</span>
            {move || format::mode(t.get(), mode)}
        </span>
    }
}
