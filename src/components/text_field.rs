//! A labelled text input (or text area) with a hint and an inline error, the value kept as
//! typed. The error is tied to the input (`aria-describedby`, `aria-invalid`).

use leptos::prelude::*;

use crate::components::inline_error::InlineError;

#[component]
pub fn TextField(
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into, optional)] hint: Option<Signal<String>>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "")] autocomplete: &'static str,
    #[prop(default = "text")] inputmode: &'static str,
    /// A text area instead of a one-line input.
    #[prop(optional)]
    multiline: bool,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    let invalid = move || if error.with(Option::is_some) { "true" } else { "false" };
    let control = if multiline {
        view! {
            <textarea id=id.clone() name=id.clone() class="input input--area" rows="5" aria-describedby=described aria-invalid=invalid
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() name=id.clone() type=input_type autocomplete=autocomplete inputmode=inputmode class="input"
                aria-describedby=described aria-invalid=invalid
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
        }
        .into_any()
    };
    view! {
        <div class="field" class:field--error=move || error.with(Option::is_some)>
            <label for=id.clone()>{move || label.get()}</label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{move || h.get()}</p> })}
            <InlineError error=error id=error_id/>
            {control}
        </div>
    }
}
