//! Step 2, the procedure's own questions, as the form defines them: text, long text, date,
//! number, a choice (radios for a few options, a list for more), a checkbox, an ID number.

use dvc_core::form::{validate_fields, FieldKind, FormField};
use leptos::prelude::*;

use super::{use_apply, Step, StepErrors, StepHeader};
use crate::clock::today;
use crate::components::error_summary::ErrorSummary;
use crate::components::inline_error::InlineError;
use crate::components::radio_group::RadioGroup;
use crate::components::text_field::TextField;
use crate::i18n::{tr, use_lang, use_texts, Lang};

/// More options than this show as a list instead of radios.
const MAX_RADIOS: usize = 4;

pub fn field_label(field: &FormField, lang: Lang) -> String {
    if lang == Lang::En && !field.label_en.is_empty() {
        field.label_en.clone()
    } else {
        field.label.clone()
    }
}

#[component]
pub fn DetailsStep() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ctx = use_apply();
    let code = ctx.code();
    let fields = ctx.form.with_value(|f| f.fields.clone());
    let errors = StepErrors::new();
    let summary = {
        let fields = fields.clone();
        Signal::derive(move || {
            let lang = lang.get();
            errors.listed(Step::Details, &code, |path| {
                fields
                    .iter()
                    .find(|f| Some(f.id.as_str()) == path.strip_prefix("fields."))
                    .map(|f| field_label(f, lang))
                    .unwrap_or_default()
            })
        })
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let found = ctx.form.with_value(|form| ctx.draft.with_untracked(|d| validate_fields(form, &d.fields, today())));
        if errors.report(found) {
            ctx.go_on(Step::Documents);
        }
    };
    let inputs = fields
        .into_iter()
        .map(|field| {
            let error = errors.at(format!("fields.{}", field.id));
            view! { <Question field=field error=error/> }
        })
        .collect_view();
    view! {
        <StepHeader step=Step::Details title=Signal::derive(move || Step::Details.title(t.get()).to_owned())
            error=Signal::derive(move || errors.any())/>
        <ErrorSummary errors=summary attempt=errors.attempt/>
        <form class="apply-form" on:submit=on_submit novalidate=true>
            {inputs}
            <p class="hint">{tr(|t| t.apply().saved)}</p>
            <button type="submit" class="button">{tr(|t| t.apply().apply_continue)}</button>
        </form>
    }
}

/// One question of the form, its answer kept in the draft as it changes.
#[component]
fn Question(field: FormField, #[prop(into)] error: Signal<Option<String>>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let id = format!("fields-{}", field.id);
    let value = draft_answer(&field.id);
    let label = {
        let field = field.clone();
        Signal::derive(move || {
            let optional =
                if field.required || field.kind == FieldKind::Checkbox { "" } else { t.get().apply().optional };
            format!("{}{optional}", field_label(&field, lang.get()))
        })
    };
    let help = field.help.clone();
    let hint = match field.kind {
        FieldKind::Date => Some(Signal::derive(move || match &help {
            Some(h) => format!("{h} {}", t.get().apply().date_hint),
            None => t.get().apply().date_hint.to_owned(),
        })),
        _ => help.map(|h| Signal::derive(move || h.clone())),
    };
    let is_error = move || error.with(Option::is_some);
    match field.kind {
        FieldKind::Select if field.options.len() <= MAX_RADIOS => {
            let options = field
                .options
                .iter()
                .map(|o| {
                    let text = (o.label.clone(), o.label_en.clone());
                    (o.value.clone(), Signal::derive(move || if lang.get() == Lang::En { text.1.clone() } else { text.0.clone() }))
                })
                .collect();
            match hint {
                Some(hint) => view! { <RadioGroup id=id legend=label hint=hint options=options value=value error=error/> }.into_any(),
                None => view! { <RadioGroup id=id legend=label options=options value=value error=error/> }.into_any(),
            }
        }
        FieldKind::Select => select_list(&field, id, label, hint, value, error),
        FieldKind::Checkbox => view! {
            <div class="field" class:field--error=is_error>
                <InlineError error=error/>
                <div class="checkbox">
                    <input type="checkbox" id=id.clone() prop:checked=move || value.get() == "true"
                        on:change=move |ev| value.set(if event_target_checked(&ev) { "true".into() } else { String::new() })/>
                    <label for=id.clone()>{move || label.get()}</label>
                </div>
            </div>
        }
        .into_any(),
        kind => {
            let inputmode = if matches!(kind, FieldKind::Date | FieldKind::Number | FieldKind::CitizenId) { "numeric" } else { "text" };
            match hint {
                Some(hint) => view! { <TextField id=id label=label hint=hint value=value error=error inputmode=inputmode multiline=kind == FieldKind::LongText/> }.into_any(),
                None => view! { <TextField id=id label=label value=value error=error inputmode=inputmode multiline=kind == FieldKind::LongText/> }.into_any(),
            }
        }
    }
}

/// The answer to the question `key`: read from the draft, and written back to it as it changes.
fn draft_answer(key: &str) -> RwSignal<String> {
    let ctx = use_apply();
    let value = RwSignal::new(ctx.draft.with_untracked(|d| d.fields.get(key).cloned().unwrap_or_default()));
    let key = key.to_owned();
    Effect::new(move || {
        let v = value.get();
        if ctx.draft.with_untracked(|d| d.fields.get(&key) != Some(&v)) {
            ctx.draft.update(|d| {
                d.fields.insert(key.clone(), v);
            });
        }
    });
    value
}

/// A choice among more options than fit as radios: a drop-down list.
fn select_list(
    field: &FormField,
    id: String,
    label: Signal<String>,
    hint: Option<Signal<String>>,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
) -> AnyView {
    let lang = use_lang();
    let options = field.options.iter().map(|o| {
        let text = (o.label.clone(), o.label_en.clone());
        view! { <option value=o.value.clone()>{move || if lang.get() == Lang::En { text.1.clone() } else { text.0.clone() }}</option> }
    }).collect_view();
    view! {
        <div class="field" class:field--error=move || error.with(Option::is_some)>
            <label for=id.clone()>{move || label.get()}</label>
            {hint.map(|h| view! { <p class="field__hint">{move || h.get()}</p> })}
            <InlineError error=error/>
            <select id=id.clone() class="input" prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="">{tr(|t| t.apply().choose)}</option>
                {options}
            </select>
        </div>
    }
    .into_any()
}
