//! Step 1, the applicant: a citizen (name, CCCD, birth date, sex) or an organisation (name,
//! tax code), then phone, e-mail and address with province → district → commune pickers.
//! Signed in with the e-ID, the identity is shown from it and not typed (nor kept in the
//! draft), and the phone and e-mail start from it.

use dvc_core::api::Area;
use dvc_core::form::validate_applicant_for;
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

/// The label of the field an error path concerns, for a citizen or an organisation, in a
/// province with districts or without (`FormDefinition::district_tier`).
/// In the error summary each message names its field: "Số điện thoại di động: …".
pub fn label_for(path: &str, t: &Texts, citizen: bool, district_tier: bool) -> &'static str {
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
        "applicant.address.commune" if district_tier => t.apply().commune,
        "applicant.address.commune" => t.apply().commune_two_tiers,
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
    let eid = EidContacts::start(ctx, kind, phone, email);
    let current = move || ApplicantDraft {
        kind: kind.get(),
        full_name: full_name.get(),
        id_number: id_number.get(),
        birth_date: birth_date.get(),
        sex: sex.get(),
        phone: eid.own(phone.get(), eid.phone),
        email: eid.own(email.get(), eid.email),
        province: province.get(),
        district: district.get(),
        commune: commune.get(),
        street: street.get(),
    };
    keep_in_draft(ctx, current);

    let errors = StepErrors::new();
    let summary = Signal::derive(move || {
        let tx = t.get();
        let citizen = kind.get() != "organisation";
        let tiers = ctx.form.with_value(|f| f.district_tier);
        errors.listed(Step::Applicant, &code, |path| label_for(path, tx, citizen, tiers).to_owned())
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut applicant = current().applicant();
        ctx.eid.with_value(|e| e.iter().for_each(|e| e.citizen.prefill(&mut applicant)));
        let found = ctx.form.with_value(|form| validate_applicant_for(form, &applicant, today()));
        if errors.report(found) {
            ctx.go_on(Step::Details);
        }
    };

    view! {
        <StepHeader step=Step::Applicant title=Signal::derive(move || Step::Applicant.title(t.get()).to_owned())
            error=Signal::derive(move || errors.any())/>
        <super::wallet::PrefilledNotice/>
        <ErrorSummary errors=summary attempt=errors.attempt/>
        <form class="apply-form" on:submit=on_submit novalidate=true>
            {match ctx.eid.get_value() {
                Some(eid) => view! { <VerifiedIdentity eid=eid/> }.into_any(),
                None => view! {
                    {ctx.sign_in_on.then(|| view! { <SignInOffer/> })}
                    <Identity kind=kind full_name=full_name id_number=id_number birth_date=birth_date sex=sex errors=errors/>
                }
                .into_any(),
            }}
            <TextField id="applicant-phone" label=Signal::derive(move || t.get().apply().phone.to_owned()) hint=Signal::derive(move || t.get().apply().phone_hint.to_owned())
                value=phone error=errors.at("applicant.phone") input_type="tel" autocomplete="tel" inputmode="tel"/>
            <TextField id="applicant-email" label=Signal::derive(move || t.get().apply().email.to_owned()) value=email error=errors.at("applicant.email")
                input_type="email" autocomplete="email" inputmode="email"/>
            <AddressFields province=province district=district commune=commune street=street errors=errors
                received_here=ctx.form.with_value(|f| !f.receivers.is_empty())/>
            <p class="hint">{tr(|t| t.apply().saved)}</p>
            <button type="submit" class="button">{tr(|t| t.apply().apply_continue)}</button>
        </form>
    }
}

/// Every change to the applicant goes into the draft (which saves itself) as it is made.
fn keep_in_draft(ctx: super::ApplyContext, current: impl Fn() -> ApplicantDraft + 'static) {
    Effect::new(move || {
        let applicant = current();
        if ctx.draft.with_untracked(|d| d.applicant != applicant) {
            ctx.draft.update(|d| d.applicant = applicant);
        }
    });
}

/// A signed-in citizen's phone and e-mail as the e-ID gives them: they stand in the fields
/// where none was typed, and the draft keeps only what differs from them.
#[derive(Clone, Copy)]
struct EidContacts {
    phone: StoredValue<String>,
    email: StoredValue<String>,
}

impl EidContacts {
    fn start(
        ctx: super::ApplyContext,
        kind: RwSignal<String>,
        phone: RwSignal<String>,
        email: RwSignal<String>,
    ) -> Self {
        let (from_phone, from_email) = ctx
            .eid
            .with_value(|e| e.as_ref().map(|e| (e.citizen.phone.clone(), e.citizen.email.clone())))
            .unwrap_or_default();
        if ctx.eid.with_value(Option::is_some) {
            kind.set("citizen".to_owned());
            for (field, value) in [(phone, &from_phone), (email, &from_email)] {
                if field.get_untracked().is_empty() {
                    field.set(value.clone());
                }
            }
        }
        EidContacts { phone: StoredValue::new(from_phone), email: StoredValue::new(from_email) }
    }

    /// What the draft keeps of a field: nothing when it is the e-ID's own value.
    fn own(&self, typed: String, from_eid: StoredValue<String>) -> String {
        if from_eid.with_value(|e| !e.is_empty() && *e == typed) {
            String::new()
        } else {
            typed
        }
    }
}

/// The identity the e-ID vouches for, shown and not editable; the number masked.
#[component]
fn VerifiedIdentity(eid: dvc_core::api::SessionInfo) -> impl IntoView {
    let t = use_texts();
    let c = eid.citizen;
    let sex = c.sex;
    let row = |label: fn(&Texts) -> &'static str, value: String, id: &'static str| {
        view! { <div class="summary-list__row"><dt>{tr(label)}</dt><dd id=id>{value}</dd></div> }
    };
    view! {
        <section class="verified" aria-labelledby="eid-title">
            <h2 class="summary-title" id="eid-title"><span aria-hidden="true">"✔ "</span>{tr(|t| t.apply().eid_title)}</h2>
            <p class="hint">{move || (t.get().apply().eid_verified)(eid.level)}</p>
            <dl class="summary-list">
                {row(|t| t.apply().full_name, c.full_name, "eid-full_name")}
                {row(|t| t.apply().cccd, eid.id_number_masked, "eid-id_number")}
                {row(|t| t.apply().birth_date, c.birth_date, "eid-birth_date")}
                <div class="summary-list__row"><dt>{tr(|t| t.apply().sex)}</dt>
                    <dd id="eid-sex">{move || match sex {
                        Some(dvc_core::validation::Sex::Male) => t.get().apply().male,
                        Some(dvc_core::validation::Sex::Female) => t.get().apply().female,
                        None => "",
                    }}</dd></div>
            </dl>
        </section>
    }
}

/// Signing in instead of typing one's identity (back to this step afterwards).
#[component]
fn SignInOffer() -> impl IntoView {
    let here = window().location().pathname().unwrap_or_default();
    let href = crate::routes::login(&here, 1, crate::kiosk::use_kiosk().is_some());
    view! {
        <p class="notice" id="sign-in-offer">{tr(|t| t.apply().sign_in_offer)}" "
            <a href=href rel="external">{tr(|t| t.apply().sign_in_link)}</a></p>
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

fn has_districts(tree: &[Area]) -> bool {
    tree.iter().any(|p| p.children.iter().any(|u| !u.children.is_empty()))
}

/// The names a picker offers: provinces (level 0), the province's units (1), and communes (2):
/// the chosen district's, or with two tiers the province's units themselves.
fn area_names(tree: &[Area], level: usize, province: &str, district: &str) -> Vec<String> {
    let names = |list: &[Area]| list.iter().map(|a| a.name.clone()).collect::<Vec<_>>();
    let find = |list: &[Area], name: &str| {
        list.iter().find(|a| a.name == name).map(|a| a.children.clone()).unwrap_or_default()
    };
    match level {
        0 => names(tree),
        1 => names(&find(tree, province)),
        _ if !has_districts(tree) => names(&find(tree, province)),
        _ => names(&find(&find(tree, province), district)),
    }
}

/// The address: province → district → commune lists, each choice narrowing the next, then the
/// street. With two tiers (no district level since 1 July 2025), province → commune: no
/// district is asked; one typed before the reform is kept as it was.
#[component]
fn AddressFields(
    province: RwSignal<String>,
    district: RwSignal<String>,
    commune: RwSignal<String>,
    street: RwSignal<String>,
    errors: StepErrors,
    /// Any commune receives the procedure: the dossier goes to the applicant's own.
    received_here: bool,
) -> impl IntoView {
    let t = use_texts();
    let areas = LocalResource::new(|| api::retrying(api::areas));
    // One province to choose from (every deployment serves one): it is chosen already.
    Effect::new(move || {
        if let Some(Ok(tree)) = areas.get() {
            if let ([only], true) = (tree.as_slice(), province.with_untracked(String::is_empty)) {
                province.set(only.name.clone());
            }
        }
    });
    // Whether the province's units have units of their own (districts), from the data.
    let district_tier = move || areas.get().and_then(Result::ok).is_none_or(|tree| has_districts(&tree));
    let options = move |level: usize| -> Vec<String> {
        let Some(Ok(tree)) = areas.get() else { return Vec::new() };
        area_names(&tree, level, &province.get(), &district.get())
    };
    let select = move |id: &'static str,
                       label: fn(&Texts) -> &'static str,
                       value: RwSignal<String>,
                       level: usize,
                       path: &'static str,
                       hint: Option<fn(&Texts) -> &'static str>| {
        let error = errors.at(path);
        let described = move || {
            let ids = [hint.map(|_| format!("{id}-hint")), error.with(Option::is_some).then(|| format!("{id}-error"))];
            let ids: Vec<String> = ids.into_iter().flatten().collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        };
        view! {
            <div class="field" class:field--error=move || error.with(Option::is_some)>
                <label for=id>{tr(label)}</label>
                {hint.map(|h| view! { <p class="field__hint" id=format!("{id}-hint")>{tr(h)}</p> })}
                <InlineError error=error id=format!("{id}-error")/>
                <select id=id aria-describedby=described prop:value=move || value.get() on:change=move |ev| {
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
    let commune_hint = received_here.then_some((|t: &Texts| t.apply().receiver_hint) as fn(&Texts) -> &'static str);
    view! {
        <fieldset class="field">
            <legend>{tr(|t| t.apply().address)}</legend>
            {select("applicant-address-province", |t| t.apply().province, province, 0, "applicant.address.province", None)}
            <Show when=district_tier>
                {select("applicant-address-district", |t| t.apply().district, district, 1, "applicant.address.district", None)}
            </Show>
            {move || if district_tier() {
                select("applicant-address-commune", |t| t.apply().commune, commune, 2, "applicant.address.commune", commune_hint)
            } else {
                select("applicant-address-commune", |t| t.apply().commune_two_tiers, commune, 2, "applicant.address.commune", commune_hint)
            }}
            <TextField id="applicant-address-street" label=Signal::derive(move || t.get().apply().street.to_owned()) value=street
                error=errors.at("applicant.address.street") autocomplete="street-address"/>
        </fieldset>
    }
}
