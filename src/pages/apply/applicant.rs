//! Step 1, the applicant: a citizen (name, CCCD, birth date, sex) or an organisation (name,
//! tax code), then phone, e-mail and address with province → district → commune pickers.

use dvc_core::api::Area;
use dvc_core::form::validate_applicant;
use leptos::prelude::*;

use super::{use_apply, Step, StepErrors, StepHeader};
use crate::api;
use crate::clock::today;
use crate::components::error_summary::ErrorSummary;
use crate::components::inline_error::InlineError;
use crate::components::radio_group::RadioGroup;
use crate::components::text_field::TextField;
use crate::draft::ApplicantDraft;
use crate::i18n::{tr, use_texts, Texts};

/// The label of the field an error path concerns.
pub fn label_for(path: &str, t: &Texts, citizen: bool) -> &'static str {
    match path {
        "applicant.full_name" if citizen => t.apply().full_name,
        "applicant.full_name" => t.apply().org_name,
        "applicant.id_number" if citizen => t.apply().cccd,
        "applicant.id_number" => t.apply().tax_code,
        "applicant.birth_date" => t.apply().birth_date,
        "applicant.sex" => t.apply().sex,
        "applicant.phone" => t.apply().phone,
        "applicant.email" => t.apply().email,
        "applicant.address.province" => t.apply().province,
        "applicant.address.district" => t.apply().district,
        "applicant.address.commune" => t.apply().commune,
        "applicant.address.street" => t.apply().street,
        _ => t.apply().kind,
    }
}

#[component]
pub fn ApplicantStep() -> impl IntoView {
    let t = use_texts();
    let ctx = use_apply();
    let code = ctx.code();
    let draft = ctx.draft.with_untracked(|d| d.applicant.clone());
    let kind = RwSignal::new(if draft.kind.is_empty() { "citizen".to_owned() } else { draft.kind.clone() });
    let fields = [
        &draft.full_name,
        &draft.id_number,
        &draft.birth_date,
        &draft.sex,
        &draft.phone,
        &draft.email,
        &draft.province,
        &draft.district,
        &draft.commune,
        &draft.street,
    ]
    .map(|v| RwSignal::new(v.clone()));
    let [full_name, id_number, birth_date, sex, phone, email, province, district, commune, street] = fields;
    let current = move || ApplicantDraft {
        kind: kind.get(),
        full_name: full_name.get(),
        id_number: id_number.get(),
        birth_date: birth_date.get(),
        sex: sex.get(),
        phone: phone.get(),
        email: email.get(),
        province: province.get(),
        district: district.get(),
        commune: commune.get(),
        street: street.get(),
    };
    Effect::new(move || {
        let applicant = current();
        if ctx.draft.with_untracked(|d| d.applicant != applicant) {
            ctx.draft.update(|d| d.applicant = applicant);
        }
    });

    let errors = StepErrors::new();
    // In the summary each message names its field: "Số điện thoại di động: …".
    let summary = Signal::derive(move || {
        let tx = t.get();
        let citizen = kind.get() != "organisation";
        errors.listed(Step::Applicant, &code, |path| label_for(path, tx, citizen).to_owned())
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let found = validate_applicant(&current().applicant(), today());
        if errors.report(found) {
            ctx.go_on(Step::Details);
        }
    };

    view! {
        <StepHeader step=Step::Applicant title=Signal::derive(move || Step::Applicant.title(t.get()).to_owned())
            error=Signal::derive(move || errors.any())/>
        <ErrorSummary errors=summary attempt=errors.attempt/>
        <form class="apply-form" on:submit=on_submit novalidate=true>
            <Identity kind=kind full_name=full_name id_number=id_number birth_date=birth_date sex=sex errors=errors/>
            <TextField id="applicant-phone" label=Signal::derive(move || t.get().apply().phone.to_owned()) hint=Signal::derive(move || t.get().apply().phone_hint.to_owned())
                value=phone error=errors.at("applicant.phone") input_type="tel" autocomplete="tel" inputmode="tel"/>
            <TextField id="applicant-email" label=Signal::derive(move || t.get().apply().email.to_owned()) value=email error=errors.at("applicant.email")
                input_type="email" autocomplete="email" inputmode="email"/>
            <AddressFields province=province district=district commune=commune street=street errors=errors/>
            <p class="hint">{tr(|t| t.apply().saved)}</p>
            <button type="submit" class="button">{tr(|t| t.apply().apply_continue)}</button>
        </form>
    }
}

/// Who applies: a citizen (name, CCCD, birth date, sex) or an organisation (name, tax code).
#[component]
fn Identity(
    kind: RwSignal<String>,
    full_name: RwSignal<String>,
    id_number: RwSignal<String>,
    birth_date: RwSignal<String>,
    sex: RwSignal<String>,
    errors: StepErrors,
) -> impl IntoView {
    let t = use_texts();
    let error_at = move |path: &'static str| errors.at(path);
    let choice = move |value: &str, label: fn(&Texts) -> &'static str| {
        (value.to_owned(), Signal::derive(move || label(t.get()).to_owned()))
    };
    let citizen = move || kind.get() != "organisation";
    let sex_error = error_at("applicant.sex");
    view! {
        <RadioGroup id="applicant-kind" legend=Signal::derive(move || t.get().apply().kind.to_owned()) value=kind
            options=vec![choice("citizen", |t| t.applicant_citizen), choice("organisation", |t| t.applicant_organisation)]/>
        <TextField id="applicant-full_name" label=Signal::derive(move || if citizen() { t.get().apply().full_name } else { t.get().apply().org_name }.to_owned())
            value=full_name error=error_at("applicant.full_name") autocomplete="name"/>
        <TextField id="applicant-id_number" label=Signal::derive(move || if citizen() { t.get().apply().cccd } else { t.get().apply().tax_code }.to_owned())
            hint=Signal::derive(move || if citizen() { t.get().apply().cccd_hint } else { "" }.to_owned())
            value=id_number error=error_at("applicant.id_number") inputmode="numeric"/>
        <Show when=citizen>
            <TextField id="applicant-birth_date" label=Signal::derive(move || t.get().apply().birth_date.to_owned()) hint=Signal::derive(move || t.get().apply().date_hint.to_owned())
                value=birth_date error=error_at("applicant.birth_date") autocomplete="bday" inputmode="numeric"/>
            <RadioGroup id="applicant-sex" legend=Signal::derive(move || t.get().apply().sex.to_owned()) value=sex error=sex_error
                options=vec![choice("male", |t| t.apply().male), choice("female", |t| t.apply().female)]/>
        </Show>
    }
}

/// The address: province → district → commune lists, each choice narrowing the next, then the street.
#[component]
fn AddressFields(
    province: RwSignal<String>,
    district: RwSignal<String>,
    commune: RwSignal<String>,
    street: RwSignal<String>,
    errors: StepErrors,
) -> impl IntoView {
    let t = use_texts();
    let areas = LocalResource::new(|| api::retrying(api::areas));
    let options = move |level: usize| -> Vec<String> {
        let Some(Ok(tree)) = areas.get() else { return Vec::new() };
        let names = |list: &[Area]| list.iter().map(|a| a.name.clone()).collect::<Vec<_>>();
        let find = |list: &[Area], name: &str| {
            list.iter().find(|a| a.name == name).map(|a| a.children.clone()).unwrap_or_default()
        };
        match level {
            0 => names(&tree),
            1 => names(&find(&tree, &province.get())),
            _ => names(&find(&find(&tree, &province.get()), &district.get())),
        }
    };
    let select = move |id: &'static str,
                       label: fn(&Texts) -> &'static str,
                       value: RwSignal<String>,
                       level: usize,
                       path: &'static str| {
        let error = errors.at(path);
        view! {
            <div class="field" class:field--error=move || error.with(Option::is_some)>
                <label for=id>{tr(label)}</label>
                <InlineError error=error id=format!("{id}-error")/>
                <select id=id aria-describedby=move || error.with(Option::is_some).then(|| format!("{id}-error")) prop:value=move || value.get() on:change=move |ev| {
                    value.set(event_target_value(&ev));
                    if level == 0 { district.set(String::new()); commune.set(String::new()); }
                    if level == 1 { commune.set(String::new()); }
                }>
                    <option value="">{tr(|t| t.apply().choose)}</option>
                    {move || options(level).into_iter().map(|name| view! { <option value=name.clone()>{name.clone()}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <fieldset class="field">
            <legend>{tr(|t| t.apply().address)}</legend>
            {select("applicant-address-province", |t| t.apply().province, province, 0, "applicant.address.province")}
            {select("applicant-address-district", |t| t.apply().district, district, 1, "applicant.address.district")}
            {select("applicant-address-commune", |t| t.apply().commune, commune, 2, "applicant.address.commune")}
            <TextField id="applicant-address-street" label=Signal::derive(move || t.get().apply().street.to_owned()) value=street
                error=errors.at("applicant.address.street") autocomplete="street-address"/>
        </fieldset>
    }
}
