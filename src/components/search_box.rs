//! The search field: a label, a hint, the input and a button. The caller owns the value and
//! decides what typing and submitting do.

use leptos::prelude::*;

use crate::i18n::tr;

#[component]
pub fn SearchBox(
    #[prop(into)] value: Signal<String>,
    on_input: impl Fn(String) + 'static,
    on_submit: impl Fn(String) + 'static,
    /// The element the results are announced in, for `aria-controls`.
    #[prop(optional)]
    controls: &'static str,
) -> impl IntoView {
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_submit(value.get_untracked());
    };
    view! {
        <form class="search" role="search" on:submit=submit action=crate::routes::SEARCH>
            <label class="search__label" for="search-q">{tr(|t| t.search_label)}</label>
            <p class="search__hint" id="search-q-hint">{tr(|t| t.search_hint)}</p>
            <div class="search__row">
                <input id="search-q" name="q" type="search" class="search__input"
                    autocomplete="off" autocapitalize="off" spellcheck="false" enterkeyhint="search"
                    aria-describedby="search-q-hint" aria-controls=controls
                    prop:value=move || value.get()
                    on:input=move |ev| on_input(event_target_value(&ev))/>
                <button type="submit" class="button search__button">{tr(|t| t.search_button)}</button>
            </div>
        </form>
    }
}
