//! Step 4, check your answers: every answer with a "Sửa" link back to it, a declaration,
//! then submit. Submitting sends the answers with an idempotency key kept in the draft
//! before anything is sent, so a double click, a retry after a timeout or a reload while
//! sending files exactly one dossier.

use dvc_core::api::{DossierReceipt, ErrorDetail, SubmitDossier};
use dvc_core::form::{validate_answers, Answers, FieldError, FieldKind, FormField};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::applicant::label_for;
use super::details::field_label;
use super::{field_id, listed, use_apply, ApplyContext, Step, StepHeader};
use crate::api::{self, ApiError};
use crate::clock::today;
use crate::components::error_summary::{ErrorSummary, Listed};
use crate::components::inline_error::InlineError;
use crate::draft::{random_id, ApplicantDraft, Draft};
use crate::draft_store;
use crate::i18n::{tr, use_lang, use_texts, Lang, Texts};

const DECLARATION_ID: &str = "declaration";

/// What submitting sends: the request, its idempotency key, and the draft to store first.
type Submission = (SubmitDossier, String, Draft);

/// Submitting: the draft with its key is stored before the request leaves.
type SubmitAction = Action<Submission, Result<DossierReceipt, ApiError>>;

#[component]
pub fn ReviewStep() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ctx = use_apply();
    let code = ctx.code();
    let errors = RwSignal::new(Vec::<Listed>::new());
    let attempt = RwSignal::new(0u32);
    let failure = RwSignal::new(None::<&'static str>);

    let submit: SubmitAction = Action::new_local(move |(request, key, draft): &Submission| {
        let (request, key, draft) = (request.clone(), key.clone(), draft.clone());
        async move {
            // The key is on the device before the request leaves: a reload mid-way sends it again.
            draft_store::save(&draft).await;
            api::submit_dossier(&request, &key).await
        }
    });
    follow_submission(submit, errors, attempt, failure);
    follow_outbox(&code);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let tx = t.get_untracked();
        let lang = lang.get_untracked();
        let draft = ctx.draft.get_untracked();
        let items = problems(ctx, &draft, &ctx.answers(&draft), &code, tx, lang);
        if !items.is_empty() {
            errors.set(items);
            attempt.update(|n| *n += 1);
            return;
        }
        errors.set(Vec::new());
        // Signed in, the identity is not sent: the server takes it from the session.
        let request = SubmitDossier { procedure_code: draft.procedure_code.clone(), answers: draft.answers() };
        let draft = keep_key(ctx, &draft, &request);
        let key = draft.idempotency_key.clone().unwrap_or_default();
        submit.dispatch_local((request, key, draft));
    };

    view! {
        <StepHeader step=Step::Review title=Signal::derive(move || Step::Review.title(t.get()).to_owned())
            error=Signal::derive(move || !errors.with(Vec::is_empty))/>
        <ErrorSummary errors=errors attempt=attempt/>
        <Show when=move || ctx.draft.with(|d| d.queued)>
            <div class="notice" role="status" id="queued"><p><strong>{tr(|t| t.apply().outbox_waiting)}</strong>" "{tr(|t| t.apply().outbox_explain)}</p></div>
        </Show>
        {move || failure.get().filter(|_| !ctx.draft.with(|d| d.queued)).map(|m| view! { <div class="notice notice--error" role="alert"><p>{m}</p></div> })}
        {move || answers_view(&ctx.draft.get(), &ctx.code(), t.get(), lang.get())}
        <form class="apply-form" on:submit=on_submit novalidate=true>
            <Declaration errors=errors/>
            <button type="submit" class="button" disabled=move || submit.pending().get() aria-disabled=move || submit.pending().get().to_string()>
                {move || if submit.pending().get() { t.get().apply().review_submitting } else { t.get().apply().review_submit }}
            </button>
        </form>
    }
}

/// The declaration the citizen ticks before submitting, with its error when left unticked.
#[component]
fn Declaration(errors: RwSignal<Vec<Listed>>) -> impl IntoView {
    let t = use_texts();
    let ctx = use_apply();
    let declared = move || ctx.draft.with(|d| d.declared);
    let declaration_error = move || errors.with(|es| es.iter().any(|e| e.field_id == DECLARATION_ID));
    view! {
        <fieldset class="field" class:field--error=declaration_error>
            <legend class="summary-title">{tr(|t| t.apply().review_declaration_title)}</legend>
            <InlineError error=Signal::derive(move || declaration_error().then(|| t.get().apply().review_declaration_required.to_owned()))/>
            <div class="checkbox">
                <input type="checkbox" id=DECLARATION_ID prop:checked=declared
                    on:change=move |ev| { let on = event_target_checked(&ev); ctx.draft.update(|d| d.declared = on) }/>
                <label for=DECLARATION_ID>{tr(|t| t.apply().review_declaration)}</label>
            </div>
        </fieldset>
    }
}

/// Everything that stops the dossier being sent: each invalid answer, and the declaration if unticked.
fn problems(
    ctx: ApplyContext,
    draft: &Draft,
    answers: &Answers,
    code: &str,
    tx: &'static Texts,
    lang: Lang,
) -> Vec<Listed> {
    let found: Vec<FieldError> = ctx.form.with_value(|form| validate_answers(form, answers, today()));
    let mut items = ctx
        .form
        .with_value(|form| listed(&found, Step::Review, code, lang, |path| label_of(path, form, draft, tx, lang)));
    if !draft.declared {
        items.push(Listed {
            field_id: DECLARATION_ID.into(),
            href: format!("#{DECLARATION_ID}"),
            message: format!("{}: {}", tx.apply().review_declaration_title, tx.apply().review_declaration_required),
        });
    }
    items
}

/// The draft holding the idempotency key for `request`, stored in it before anything is sent.
fn keep_key(ctx: ApplyContext, draft: &Draft, request: &SubmitDossier) -> Draft {
    let body = serde_json::to_string(request).unwrap_or_default();
    // The same answers keep their key (one dossier); changed answers are a new request.
    if draft.key_body.as_deref() != Some(body.as_str()) || draft.idempotency_key.is_none() {
        let key = random_id();
        ctx.draft.update(|d| {
            d.idempotency_key = Some(key);
            d.key_body = Some(body);
        });
    }
    ctx.draft.get_untracked()
}

/// Acts on the server's answer: on to the receipt, its problems listed, or a notice (queued when offline).
fn follow_submission(
    submit: SubmitAction,
    errors: RwSignal<Vec<Listed>>,
    attempt: RwSignal<u32>,
    failure: RwSignal<Option<&'static str>>,
) {
    let t = use_texts();
    let ctx = use_apply();
    let navigate = use_navigate();
    let done_href = Step::Done.href(&ctx.code());
    Effect::new(move || {
        let Some(result) = submit.value().get() else { return };
        let tx = t.get_untracked();
        match result {
            Ok(receipt) => {
                filed(ctx, receipt);
                navigate(&done_href, Default::default());
            }
            Err(ApiError::Invalid(details)) => {
                errors.set(server_errors(&details, &ctx.code()));
                attempt.update(|n| *n += 1);
            }
            Err(ApiError::Network) => {
                // Kept in the outbox: sent with the same key when the connection returns.
                ctx.draft.update(|d| d.queued = true);
                crate::outbox::mark_waiting();
                failure.set(Some(tx.apply().review_network));
            }
            Err(e) if e.is("eid_required") || e.is("eid_level_too_low") => failure.set(Some(tx.apply().step_up_title)),
            Err(_) => failure.set(Some(tx.apply().review_failed)),
        }
    });
}

/// Records a filed dossier: among the citizen's dossiers, its files off the device, the draft on the last step.
fn filed(ctx: ApplyContext, receipt: DossierReceipt) {
    // Signed in, the dossier is listed by the account (any device): nothing of it is kept here.
    if ctx.eid.with_value(Option::is_none) {
        let applicant = ctx.draft.with_untracked(|d| d.applicant.id_number.clone());
        crate::my_dossiers::remember(crate::my_dossiers::MyDossier {
            code: receipt.code.clone(),
            procedure_name: receipt.procedure_name.clone(),
            applicant,
            status: receipt.status,
            status_name: receipt.status_name.clone(),
        });
    }
    let files: Vec<String> =
        ctx.draft.with_untracked(|d| d.documents.values().flatten().map(|f| f.local_id.clone()).collect());
    leptos::task::spawn_local(async move {
        for id in files {
            draft_store::remove_file(&id).await;
        }
    });
    ctx.draft.update(|d| {
        d.receipt = Some(receipt);
        d.step = Step::Done.number();
    });
}

/// When the outbox sends this queued dossier, moves on to its receipt.
fn follow_outbox(code: &str) {
    let Some(outbox) = crate::outbox::use_outbox() else { return };
    let ctx = use_apply();
    let procedure = ctx.draft.with_untracked(|d| d.procedure_code.clone());
    let done = Step::Done.href(code);
    let navigate = use_navigate();
    Effect::new(move || {
        let sent = outbox.sent.with(|s| s.iter().find(|r| r.procedure_code == procedure).cloned());
        if let Some(receipt) = sent {
            if ctx.draft.with_untracked(|d| d.queued && d.receipt.is_none()) {
                ctx.draft.update(|d| {
                    d.queued = false;
                    d.receipt = Some(receipt);
                    d.step = Step::Done.number();
                });
                navigate(&done, Default::default());
            }
        }
    });
}

/// The server's 422: each problem linked to its step and field.
fn server_errors(details: &[ErrorDetail], code: &str) -> Vec<Listed> {
    details
        .iter()
        .map(|d| {
            let path = d.field.clone().unwrap_or_default();
            let id = field_id(&path);
            Listed {
                href: format!("{}?tu=kiem-tra#{id}", Step::of_path(&path).href(code)),
                field_id: id,
                message: d.message.clone(),
            }
        })
        .collect()
}

/// The label of any answer, by its path.
fn label_of(
    path: &str,
    form: &dvc_core::form::FormDefinition,
    draft: &Draft,
    t: &'static crate::i18n::Texts,
    lang: Lang,
) -> String {
    if let Some(id) = path.strip_prefix("fields.") {
        return form.fields.iter().find(|f| f.id == id).map(|f| field_label(f, lang)).unwrap_or_default();
    }
    if let Some(id) = path.strip_prefix("documents.") {
        return form.documents.iter().find(|s| s.id == id).map(|s| s.name.clone()).unwrap_or_default();
    }
    label_for(path, t, draft.applicant.kind != "organisation", form.district_tier).to_owned()
}

/// One answer: its label, the answer, and a link to change it.
fn row(label: String, value: String, href: String) -> impl IntoView {
    let hidden = label.clone();
    // An optional question left blank reads as a dash, not as a gap.
    let value = if value.trim().is_empty() { "—".to_owned() } else { value };
    view! {
        <div class="summary-list__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
            <dd class="summary-list__action"><a href=href>{tr(|t| t.apply().edit)}<span class="visually-hidden">" "{hidden}</span></a></dd>
        </div>
    }
}

/// Every answer, step by step, each with a link to change it.
fn answers_view(draft: &Draft, code: &str, t: &'static Texts, lang: Lang) -> impl IntoView {
    let ctx = use_apply();
    let edit = |step: Step, id: &str| format!("{}?tu=kiem-tra#{id}", step.href(code));
    let applicant_rows = applicant_answers(&shown_applicant(ctx, draft), t)
        .into_iter()
        .map(|(label, value, id)| row(label, value, edit(Step::Applicant, id)))
        .collect_view();
    // With two tiers, where the dossier goes: the applicant's own commune or ward.
    let receiver = ctx.form.with_value(|form| form.receiver(&draft.applicant.applicant()).map(|r| r.name.clone()));
    let receiver_row = receiver
        .map(|name| row(t.apply().receiver.to_owned(), name, edit(Step::Applicant, "applicant-address-commune")));

    let (field_rows, document_rows) = ctx.form.with_value(|form| {
        let fields = form
            .fields
            .iter()
            .map(|f| {
                let raw = draft.fields.get(&f.id).cloned().unwrap_or_default();
                row(
                    field_label(f, lang),
                    field_answer(f, raw, t, lang),
                    edit(Step::Details, &format!("fields-{}", f.id)),
                )
            })
            .collect_view();
        let documents = form
            .documents
            .iter()
            .map(|slot| {
                let value = document_answer(draft, &slot.id, t);
                row(slot.name.clone(), value, edit(Step::Documents, &format!("documents-{}", slot.id)))
            })
            .collect_view();
        (fields, documents)
    });
    let steps = t.apply_steps;
    view! {
        <h2 class="summary-title">{steps[0]}</h2>
        <dl class="summary-list">{applicant_rows}{receiver_row}</dl>
        <h2 class="summary-title">{steps[1]}</h2>
        <dl class="summary-list">{field_rows}</dl>
        <h2 class="summary-title">{steps[2]}</h2>
        <dl class="summary-list">{document_rows}</dl>
    }
}

/// The applicant as the check page shows them: for a signed-in citizen, the e-ID's identity
/// (the number masked) and its phone and e-mail where none was typed.
fn shown_applicant(ctx: ApplyContext, draft: &Draft) -> ApplicantDraft {
    let mut shown = draft.applicant.clone();
    ctx.eid.with_value(|eid| {
        if let Some(eid) = eid {
            let filed = ctx.answers(draft).applicant;
            shown.kind = "citizen".into();
            shown.full_name = filed.full_name;
            shown.id_number = eid.id_number_masked.clone();
            shown.birth_date = filed.birth_date;
            shown.sex = match filed.sex {
                Some(dvc_core::validation::Sex::Male) => "male".into(),
                Some(dvc_core::validation::Sex::Female) => "female".into(),
                None => String::new(),
            };
            shown.phone = filed.phone;
            shown.email = filed.email;
        }
    });
    shown
}

/// The applicant's answers as (label, answer, field id): a citizen's or an organisation's.
fn applicant_answers(a: &ApplicantDraft, t: &'static Texts) -> Vec<(String, String, &'static str)> {
    let citizen = a.kind != "organisation";
    let mut applicant = vec![
        (
            t.apply().kind.to_owned(),
            if citizen { t.applicant_citizen } else { t.applicant_organisation }.to_owned(),
            "applicant-kind",
        ),
        (label_for("applicant.full_name", t, citizen, true).to_owned(), a.full_name.clone(), "applicant-full_name"),
        (label_for("applicant.id_number", t, citizen, true).to_owned(), a.id_number.clone(), "applicant-id_number"),
    ];
    if citizen {
        applicant.push((t.apply().birth_date.to_owned(), a.birth_date.clone(), "applicant-birth_date"));
        let sex = match a.sex.as_str() {
            "male" => t.apply().male,
            "female" => t.apply().female,
            _ => "",
        };
        applicant.push((t.apply().sex.to_owned(), sex.to_owned(), "applicant-sex"));
    }
    applicant.push((t.apply().phone.to_owned(), a.phone.clone(), "applicant-phone"));
    if !a.email.trim().is_empty() {
        applicant.push((t.apply().email.to_owned(), a.email.clone(), "applicant-email"));
    }
    let address = [&a.street, &a.commune, &a.district, &a.province]
        .iter()
        .filter(|p| !p.trim().is_empty())
        .map(|p| p.trim())
        .collect::<Vec<_>>()
        .join(", ");
    applicant.push((t.apply().address.to_owned(), address, "applicant-address-street"));
    applicant
}

/// A question's answer as it reads: a choice's label, yes or no for a checkbox, else as typed.
fn field_answer(f: &FormField, raw: String, t: &'static Texts, lang: Lang) -> String {
    match f.kind {
        FieldKind::Select => f
            .options
            .iter()
            .find(|o| o.value == raw)
            .map(|o| if lang == Lang::En { o.label_en.clone() } else { o.label.clone() })
            .unwrap_or(raw),
        FieldKind::Checkbox => if raw == "true" { t.yes } else { t.no }.to_owned(),
        _ => raw,
    }
}

/// What was given for a document: the uploaded files' names, a copy on paper, or nothing.
fn document_answer(draft: &Draft, slot: &str, t: &'static Texts) -> String {
    let files: Vec<String> = draft
        .documents
        .get(slot)
        .map(|fs| fs.iter().filter(|f| f.upload.is_some()).map(|f| f.name.clone()).collect())
        .unwrap_or_default();
    if !files.is_empty() {
        files.join(", ")
    } else if draft.paper_copies.iter().any(|p| p == slot) {
        t.apply().doc_on_paper.to_owned()
    } else {
        t.apply().doc_none.to_owned()
    }
}
