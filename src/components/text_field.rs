//! A labelled text input with a hint and an inline error, the value kept as typed.

use leptos::prelude::*;

#[component]
pub fn TextField(
    id: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    #[prop(into, optional)] hint: Option<Signal<&'static str>>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "")] autocomplete: &'static str,
    #[prop(default = "text")] inputmode: &'static str,
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
    view! {
        <div class="field" class:field--error=move || error.with(Option::is_some)>
            <label for=id>{move || label.get()}</label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{move || h.get()}</p> })}
            {move || error.get().map(|message| view! {
                <p class="field__error" id=error_id.clone()><span class="visually-hidden">"Lỗi: "</span>{message}</p>
            })}
            <input id=id name=id type=input_type autocomplete=autocomplete inputmode=inputmode class="input"
                aria-describedby=described aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
        </div>
    }
}
