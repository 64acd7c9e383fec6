//! A question answered by one of a few choices: a fieldset with its legend, hint and inline
//! error, and a radio per choice. The first radio carries the group's id, so an error link
//! to the question lands on it; the others are `<id>-<value>`.

use leptos::prelude::*;

use crate::components::inline_error::InlineError;

#[component]
pub fn RadioGroup(
    #[prop(into)] id: String,
    #[prop(into)] legend: Signal<String>,
    #[prop(into, optional)] hint: Option<Signal<String>>,
    /// Value → label.
    options: Vec<(String, Signal<String>)>,
    value: RwSignal<String>,
    #[prop(into, optional)] error: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    let radios = options
        .into_iter()
        .enumerate()
        .map(|(i, (choice, label))| {
            let radio_id = if i == 0 { id.clone() } else { format!("{id}-{choice}") };
            let (checked, chosen) = (choice.clone(), choice.clone());
            view! {
                <div class="radio">
                    <input type="radio" id=radio_id.clone() name=id.clone() value=choice
                        prop:checked=move || value.with(|v| *v == checked) on:change=move |_| value.set(chosen.clone())/>
                    <label for=radio_id>{move || label.get()}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field" class:field--error=move || error.with(Option::is_some)>
            <legend>{move || legend.get()}</legend>
            {hint.map(|h| view! { <p class="field__hint">{move || h.get()}</p> })}
            <InlineError error=error/>
            {radios}
        </fieldset>
    }
}
