//! Applying online: the steps (Người nộp → Thông tin hồ sơ → Giấy tờ → Kiểm tra → Nộp). The
//! first step, the applicant, is here: checked with the core's rules, mistakes listed in an
//! error summary and beside each field, everything typed kept on the device as it changes.

use dvc_core::api::Area;
use dvc_core::catalog::ApplicantType;
use dvc_core::date::Date;
use dvc_core::form::{validate_applicant, Address, Applicant, FieldError, FormDefinition};
use dvc_core::validation::Sex;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

use crate::api;
use crate::components::error_summary::{ErrorSummary, Listed};
use crate::components::page_heading::PageHeading;
use crate::components::text_field::TextField;
use crate::i18n::{tr, use_lang, use_texts, Lang, Texts};

#[component]
pub fn Apply() -> impl IntoView {
    let params = use_params_map();
    let code = Memo::new(move |_| params.read().get("code").unwrap_or_default());
    let form = LocalResource::new(move || {
        let code = code.get();
        async move { api::form(&code).await }
    });
    let back = move || format!("/thu-tuc/{}", code.get());
    move || match form.get() {
        None => view! { <PageHeading text=Signal::derive(String::new)/><div class="skeleton" aria-busy="true"><div class="skeleton__row"></div><div class="skeleton__row"></div></div> }.into_any(),
        Some(Ok(definition)) => view! { <ApplicantStep form=definition/> }.into_any(),
        Some(Err(e)) => {
            let offline = e.is_not_found();
            view! {
                <PageHeading text=Signal::derive(move || use_texts().get().apply_title.to_owned())/>
                <div class="notice" class:notice--error=!offline role="alert">
                    <p>{move || if offline { use_texts().get().apply_offline } else { use_texts().get().load_error }}</p>
                </div>
                <p><A href=back>{tr(|t| t.apply_back)}</A></p>
            }
            .into_any()
        }
    }
}

/// The applicant's answers as typed, kept on the device between visits.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct ApplicantDraft {
    kind: String,
    full_name: String,
    id_number: String,
    birth_date: String,
    sex: String,
    phone: String,
    email: String,
    province: String,
    district: String,
    commune: String,
    street: String,
}

impl ApplicantDraft {
    fn key(code: &str) -> String {
        format!("dvc.draft.{code}.applicant")
    }

    fn load(code: &str) -> ApplicantDraft {
        storage().and_then(|s| s.get_item(&ApplicantDraft::key(code)).ok().flatten()).and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default()
    }

    fn save(&self, code: &str) {
        if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(self)) {
            let _ = s.set_item(&ApplicantDraft::key(code), &json);
        }
    }

    fn applicant(&self) -> Applicant {
        Applicant {
            kind: if self.kind == "organisation" { ApplicantType::Organisation } else { ApplicantType::Citizen },
            full_name: self.full_name.clone(),
            id_number: self.id_number.clone(),
            birth_date: self.birth_date.clone(),
            sex: match self.sex.as_str() {
                "male" => Some(Sex::Male),
                "female" => Some(Sex::Female),
                _ => None,
            },
            phone: self.phone.clone(),
            email: self.email.clone(),
            address: Address { province: self.province.clone(), district: self.district.clone(), commune: self.commune.clone(), street: self.street.clone() },
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(now.get_full_year() as i32, now.get_month() as u8 + 1, now.get_date() as u8).unwrap_or(Date { year: 2000, month: 1, day: 1 })
}

/// The element id of the field an error path concerns: `applicant.address.street` → `applicant-address-street`.
fn field_id(path: &str) -> String {
    path.replace('.', "-")
}

/// The label of the field an error path concerns.
fn label_for(path: &str, t: &Texts, citizen: bool) -> &'static str {
    match path {
        "applicant.full_name" if citizen => t.apply_full_name,
        "applicant.full_name" => t.apply_org_name,
        "applicant.id_number" if citizen => t.apply_cccd,
        "applicant.id_number" => t.apply_tax_code,
        "applicant.birth_date" => t.apply_birth_date,
        "applicant.sex" => t.apply_sex,
        "applicant.phone" => t.apply_phone,
        "applicant.email" => t.apply_email,
        "applicant.address.province" => t.apply_province,
        "applicant.address.district" => t.apply_district,
        "applicant.address.commune" => t.apply_commune,
        "applicant.address.street" => t.apply_street,
        _ => t.apply_kind,
    }
}

#[component]
fn ApplicantStep(form: FormDefinition) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let code = form.procedure_code.clone();
    let draft = ApplicantDraft::load(&code);
    let kind = RwSignal::new(if draft.kind.is_empty() { "citizen".to_owned() } else { draft.kind.clone() });
    let fields = [
        &draft.full_name, &draft.id_number, &draft.birth_date, &draft.sex, &draft.phone, &draft.email, &draft.province, &draft.district,
        &draft.commune, &draft.street,
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
    {
        let code = code.clone();
        Effect::new(move || current().save(&code));
    }

    let errors = RwSignal::new(Vec::<FieldError>::new());
    let attempt = RwSignal::new(0u32);
    let done = RwSignal::new(false);
    let message = move |e: &FieldError| if lang.get() == Lang::En { e.problem.en() } else { e.problem.vi() };
    // In the summary each message names its field: "Số điện thoại di động: …".
    let listed = Signal::derive(move || {
        let tx = t.get();
        errors.get().iter().map(|e| Listed { field_id: field_id(&e.path), message: format!("{}: {}", label_for(&e.path, tx, kind.get() != "organisation"), message(e)) }).collect::<Vec<_>>()
    });
    let error_at = move |path: &'static str| Signal::derive(move || errors.with(|es| es.iter().find(|e| e.path == path).map(message)));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let found = validate_applicant(&current().applicant(), today());
        done.set(found.is_empty());
        errors.set(found);
        attempt.update(|n| *n += 1);
    };

    let areas = LocalResource::new(api::areas);
    let options = move |level: usize| -> Vec<String> {
        let Some(Ok(tree)) = areas.get() else { return Vec::new() };
        let names = |list: &[Area]| list.iter().map(|a| a.name.clone()).collect::<Vec<_>>();
        let find = |list: &[Area], name: &str| list.iter().find(|a| a.name == name).map(|a| a.children.clone()).unwrap_or_default();
        match level {
            0 => names(&tree),
            1 => names(&find(&tree, &province.get())),
            _ => names(&find(&find(&tree, &province.get()), &district.get())),
        }
    };
    let select = move |id: &'static str, label: fn(&crate::i18n::Texts) -> &'static str, value: RwSignal<String>, level: usize, path: &'static str| {
        let error = error_at(path);
        view! {
            <div class="field" class:field--error=move || error.with(Option::is_some)>
                <label for=id>{tr(label)}</label>
                {move || error.get().map(|m| view! { <p class="field__error" id=format!("{id}-error")>{m}</p> })}
                <select id=id prop:value=move || value.get() on:change=move |ev| {
                    value.set(event_target_value(&ev));
                    if level == 0 { district.set(String::new()); commune.set(String::new()); }
                    if level == 1 { commune.set(String::new()); }
                }>
                    <option value="">{tr(|t| t.apply_choose)}</option>
                    {move || options(level).into_iter().map(|name| view! { <option value=name.clone()>{name.clone()}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    let radio = move |group: &'static str, value: &'static str, label: fn(&crate::i18n::Texts) -> &'static str, signal: RwSignal<String>, first: bool| {
        let id = if first { group.to_owned() } else { format!("{group}-{value}") };
        view! {
            <div class="radio">
                <input type="radio" id=id.clone() name=group value=value prop:checked=move || signal.get() == value on:change=move |_| signal.set(value.to_owned())/>
                <label for=id>{tr(label)}</label>
            </div>
        }
    };
    let citizen = move || kind.get() != "organisation";
    let sex_error = error_at("applicant.sex");
    let steps = move || t.get().apply_steps.iter().enumerate().map(|(i, s)| view! {
        <li class:current=i == 0 aria-current=if i == 0 { Some("step") } else { None }>{*s}</li>
    }).collect_view();

    view! {
        <p class="caption">{form.procedure_name.clone()}</p>
        <PageHeading text=Signal::derive(move || t.get().apply_applicant_title.to_owned()) error=Signal::derive(move || !errors.with(Vec::is_empty))/>
        <nav aria-label=tr(|t| t.apply_progress_label)>
            <p class="steps-progress">{move || (t.get().apply_step_of)(1, 5)}</p>
            <ol class="step-indicator">{steps}</ol>
        </nav>
        <ErrorSummary errors=listed attempt=attempt/>
        <form class="apply-form" on:submit=on_submit novalidate=true>
            <fieldset class="field">
                <legend>{tr(|t| t.apply_kind)}</legend>
                {radio("applicant-kind", "citizen", |t| t.applicant_citizen, kind, true)}
                {radio("applicant-kind", "organisation", |t| t.applicant_organisation, kind, false)}
            </fieldset>
            <TextField id="applicant-full_name" label=Signal::derive(move || if citizen() { t.get().apply_full_name } else { t.get().apply_org_name })
                value=full_name error=error_at("applicant.full_name") autocomplete="name"/>
            <TextField id="applicant-id_number" label=Signal::derive(move || if citizen() { t.get().apply_cccd } else { t.get().apply_tax_code })
                hint=Signal::derive(move || if citizen() { t.get().apply_cccd_hint } else { "" })
                value=id_number error=error_at("applicant.id_number") inputmode="numeric"/>
            <Show when=citizen>
                <TextField id="applicant-birth_date" label=Signal::derive(move || t.get().apply_birth_date) hint=Signal::derive(move || t.get().apply_date_hint)
                    value=birth_date error=error_at("applicant.birth_date") autocomplete="bday" inputmode="numeric"/>
                <fieldset class="field" class:field--error=move || sex_error.with(Option::is_some)>
                    <legend>{tr(|t| t.apply_sex)}</legend>
                    {move || sex_error.get().map(|m| view! { <p class="field__error">{m}</p> })}
                    {radio("applicant-sex", "male", |t| t.apply_male, sex, true)}
                    {radio("applicant-sex", "female", |t| t.apply_female, sex, false)}
                </fieldset>
            </Show>
            <TextField id="applicant-phone" label=Signal::derive(move || t.get().apply_phone) hint=Signal::derive(move || t.get().apply_phone_hint)
                value=phone error=error_at("applicant.phone") input_type="tel" autocomplete="tel" inputmode="tel"/>
            <TextField id="applicant-email" label=Signal::derive(move || t.get().apply_email) value=email error=error_at("applicant.email")
                input_type="email" autocomplete="email" inputmode="email"/>
            <fieldset class="field">
                <legend>{tr(|t| t.apply_address)}</legend>
                {select("applicant-address-province", |t| t.apply_province, province, 0, "applicant.address.province")}
                {select("applicant-address-district", |t| t.apply_district, district, 1, "applicant.address.district")}
                {select("applicant-address-commune", |t| t.apply_commune, commune, 2, "applicant.address.commune")}
                <TextField id="applicant-address-street" label=Signal::derive(move || t.get().apply_street) value=street
                    error=error_at("applicant.address.street") autocomplete="street-address"/>
            </fieldset>
            <p class="hint">{tr(|t| t.apply_saved)}</p>
            <button type="submit" class="button">{tr(|t| t.apply_continue)}</button>
        </form>
        <Show when=move || done.get()>
            <div class="notice" role="status"><p>{tr(|t| t.apply_next_soon)}</p></div>
        </Show>
    }
}
