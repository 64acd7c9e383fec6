//! Applying online, one step per page: Người nộp → Thông tin hồ sơ → Giấy tờ → Kiểm tra →
//! Nộp. The route loads the form and the draft kept on the device; every step reads and
//! changes the draft through [`ApplyContext`], and every change is kept at once.

mod applicant;
mod details;
mod documents;
mod done;
mod review;
mod wallet;

pub use applicant::label_for;

use std::collections::BTreeMap;
use std::time::Duration;

use dvc_core::api::SessionInfo;
use dvc_core::form::{Answers, FieldError, FormDefinition};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate, use_params_map};
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use crate::api;
use crate::catalog_store::use_catalog;
use crate::components::error_summary::Listed;
use crate::components::page_heading::PageHeading;
use crate::components::step_indicator::StepIndicator;
use crate::draft::Draft;
use crate::draft_store;
use crate::i18n::{tr, use_lang, use_texts, Lang, Texts};

/// The steps, in order; each has its own address under `/nop-ho-so/<code>/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Applicant,
    Details,
    Documents,
    Review,
    Done,
}

impl Step {
    pub const ALL: [Step; 5] = [Step::Applicant, Step::Details, Step::Documents, Step::Review, Step::Done];

    fn from_slug(slug: Option<&str>) -> Step {
        match slug {
            Some("thong-tin") => Step::Details,
            Some("giay-to") => Step::Documents,
            Some("kiem-tra") => Step::Review,
            Some("da-nop") => Step::Done,
            _ => Step::Applicant,
        }
    }

    fn slug(self) -> &'static str {
        match self {
            Step::Applicant => "",
            Step::Details => "/thong-tin",
            Step::Documents => "/giay-to",
            Step::Review => "/kiem-tra",
            Step::Done => "/da-nop",
        }
    }

    /// 1–5.
    pub fn number(self) -> u8 {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0) as u8 + 1
    }

    /// The step's heading.
    pub fn title(self, t: &Texts) -> &'static str {
        match self {
            Step::Applicant => t.apply().applicant_title,
            Step::Details => t.apply().details_title,
            Step::Documents => t.apply().documents_title,
            Step::Review => t.apply().review_title,
            Step::Done => t.apply().done_title,
        }
    }

    pub fn href(self, code: &str) -> String {
        format!("{}{}", crate::routes::apply(code), self.slug())
    }

    /// The step an error path belongs to.
    pub fn of_path(path: &str) -> Step {
        if path.starts_with("fields.") {
            Step::Details
        } else if path.starts_with("documents.") {
            Step::Documents
        } else if path.starts_with("applicant.") {
            Step::Applicant
        } else {
            Step::Review
        }
    }
}

/// How an upload started in this visit is going (not kept: a reload starts it again).
#[derive(Clone, Debug, PartialEq)]
pub enum UploadState {
    /// The fraction sent, 0–1.
    Uploading(f64),
    /// No connection: retry.
    Network,
    /// The server refused the file: its error code, for the page's words.
    Refused(String),
    Cancelled,
    /// The bytes are no longer on the device: choose the file again.
    Missing,
}

/// What every step shares.
#[derive(Clone, Copy)]
pub struct ApplyContext {
    /// The procedure code as in the address (national or local): the steps' links keep it,
    /// so moving between steps never reloads the route.
    pub route_code: StoredValue<String>,
    pub form: StoredValue<FormDefinition>,
    pub draft: RwSignal<Draft>,
    /// Local file id → the state of its upload in this visit.
    pub uploads: RwSignal<BTreeMap<String, UploadState>>,
    /// Answers dropped because the form changed since the draft was made.
    pub dropped: RwSignal<Option<usize>>,
    /// The device could not keep the draft.
    pub unsaved: RwSignal<bool>,
    /// The citizen signed in with their e-ID, if any: their identity comes from it, shown
    /// but not typed, and is never kept in the draft.
    pub eid: StoredValue<Option<SessionInfo>>,
    /// Whether this deployment signs citizens in at all.
    pub sign_in_on: bool,
    /// What the citizen kept on this device from earlier filings (never on a kiosk).
    pub wallet: StoredValue<Option<dvc_core::wallet::Wallet>>,
    /// Whether the first step's answers came from it.
    pub prefilled: bool,
}

impl ApplyContext {
    pub fn code(&self) -> String {
        self.route_code.get_value()
    }

    /// Goes on to `step`, or back to the check page when the citizen came from there to change an answer.
    pub fn go_on(&self, step: Step) {
        let code = self.code();
        let back_to_review = use_location().query.with_untracked(|q| q.get("tu").as_deref() == Some("kiem-tra"));
        let target = if back_to_review && step != Step::Done { Step::Review } else { step };
        self.draft.update(|d| d.step = d.step.max(target.number()));
        use_navigate()(&target.href(&code), Default::default());
    }
}

impl ApplyContext {
    /// The answers as they will be filed: the draft's, with the e-ID's identity (and its phone
    /// and e-mail where none was typed) for a signed-in citizen. The request itself carries
    /// only the draft's: the server takes the identity from the session.
    pub fn answers(&self, draft: &Draft) -> Answers {
        let mut answers = draft.answers();
        self.eid.with_value(|eid| {
            if let Some(eid) = eid {
                eid.citizen.prefill(&mut answers.applicant);
            }
        });
        answers
    }

    /// Whether the form asks for a higher e-ID level than the citizen is signed in with.
    pub fn needs_step_up(&self) -> bool {
        let level = self.eid.with_value(|e| e.as_ref().map_or(0, |e| e.level));
        self.sign_in_on && self.form.with_value(|f| f.eid_level) > level.max(1)
    }
}

pub fn use_apply() -> ApplyContext {
    expect_context::<ApplyContext>()
}

/// The element id of the answer an error path concerns: `applicant.address.street` → `applicant-address-street`.
pub fn field_id(path: &str) -> String {
    path.replace('.', "-")
}

/// A problem's message in a language.
pub fn message(error: &FieldError, lang: Lang) -> String {
    if lang == Lang::En {
        error.problem.en()
    } else {
        error.problem.vi()
    }
}

/// A step's mistakes as its form shows them: the summary at the top (focused again on each
/// attempt), each field's message beside it, and the step's title marked while any remain.
#[derive(Clone, Copy)]
pub struct StepErrors {
    pub found: RwSignal<Vec<FieldError>>,
    pub attempt: RwSignal<u32>,
    lang: Signal<Lang>,
}

impl Default for StepErrors {
    fn default() -> StepErrors {
        StepErrors::new()
    }
}

impl StepErrors {
    /// None yet; messages in the UI's language (read from the context: call in a component).
    pub fn new() -> StepErrors {
        StepErrors { found: RwSignal::new(Vec::new()), attempt: RwSignal::new(0), lang: use_lang() }
    }

    /// Records what a check found; true when nothing is wrong.
    pub fn report(&self, found: Vec<FieldError>) -> bool {
        let clean = found.is_empty();
        self.found.set(found);
        self.attempt.update(|n| *n += 1);
        clean
    }

    /// Whether any mistake remains (tracked).
    pub fn any(&self) -> bool {
        !self.found.with(Vec::is_empty)
    }

    /// The message beside the answer at `path`, in the UI's language.
    pub fn at(&self, path: impl Into<String>) -> Signal<Option<String>> {
        let (found, lang, path) = (self.found, self.lang, path.into());
        Signal::derive(move || found.with(|es| es.iter().find(|e| e.path == path).map(|e| message(e, lang.get()))))
    }

    /// The summary's items for step `here`: "<label>: <message>", each linked to its field.
    pub fn listed(&self, here: Step, code: &str, label: impl Fn(&str) -> String) -> Vec<Listed> {
        self.found.with(|es| listed(es, here, code, self.lang.get(), label))
    }
}

/// The errors of a step as the summary lists them: "<label>: <message>", linked to the field
/// (on this page, or on the step it belongs to).
pub fn listed(
    errors: &[FieldError],
    here: Step,
    code: &str,
    lang: Lang,
    label: impl Fn(&str) -> String,
) -> Vec<Listed> {
    errors
        .iter()
        .map(|e| {
            let step = Step::of_path(&e.path);
            let id = field_id(&e.path);
            let href = if step == here { format!("#{id}") } else { format!("{}?tu=kiem-tra#{id}", step.href(code)) };
            Listed { field_id: id, href, message: format!("{}: {}", label(&e.path), message(e, lang)) }
        })
        .collect()
}

#[component]
pub fn Apply() -> impl IntoView {
    let params = use_params_map();
    let code = Memo::new(move |_| params.read().get("code").unwrap_or_default());
    let loaded = LocalResource::new(move || {
        let code = code.get();
        async move {
            let form = api::retrying(|| api::form(&code)).await?;
            let draft = draft_store::load(&form.procedure_code).await;
            // Signed in or not; `Err`: this deployment has no sign-in (or could not say).
            let session = api::session().await;
            let wallet = crate::wallet_store::load().await;
            Ok::<_, api::ApiError>((form, draft, session, wallet))
        }
    });
    let back = move || crate::routes::procedure(&code.get());
    // While the form loads: the step's heading, under the procedure's name when the catalog
    // (or the first paint, as the server wrote it) knows it, where the step will show them.
    let store = use_catalog();
    let step = Memo::new(move |_| Step::from_slug(params.read().get("step").as_deref()));
    let name = move || store.known_name(&code.get()).unwrap_or_default();
    let t = use_texts();
    move || match loaded.get() {
        None => view! {
            <p class="caption">{name}</p>
            <PageHeading text=Signal::derive(move || step.get().title(t.get()).to_owned())/>
            <div class="skeleton" aria-busy="true">
                <p class="visually-hidden" role="status">{tr(|t| t.loading)}</p>
                <div class="skeleton__row" aria-hidden="true"></div><div class="skeleton__row" aria-hidden="true"></div>
            </div>
        }
        .into_any(),
        Some(Ok((form, draft, session, wallet))) => {
            let sign_in_on = session.is_ok();
            let eid = session.ok().flatten();
            view! { <ApplyFlow route_code=code.get_untracked() form=form stored=draft eid=eid sign_in_on=sign_in_on wallet=wallet/> }
                .into_any()
        }
        Some(Err(e)) => {
            let offline = e.is("no_online_form");
            view! {
                <PageHeading text=Signal::derive(move || use_texts().get().apply().title.to_owned())/>
                <div class="notice" class:notice--error=!offline role="alert">
                    <p>{move || if offline { use_texts().get().apply().offline } else { use_texts().get().load_error }}</p>
                </div>
                <p><A href=back>{tr(|t| t.apply().back)}</A></p>
            }
            .into_any()
        }
    }
}

#[component]
fn ApplyFlow(
    route_code: String,
    form: FormDefinition,
    stored: Option<Draft>,
    eid: Option<SessionInfo>,
    sign_in_on: bool,
    wallet: Option<dvc_core::wallet::Wallet>,
) -> impl IntoView {
    let params = use_params_map();
    let step = Memo::new(move |_| Step::from_slug(params.read().get("step").as_deref()));
    // Filed by the outbox (it was waiting for a connection) while this page was loading: the
    // citizen waiting on the check page goes to its confirmation.
    let sent_meanwhile = stored.as_ref().and_then(|d| d.receipt.as_ref()).is_some_and(|receipt| {
        crate::outbox::use_outbox()
            .is_some_and(|o| o.sent.with_untracked(|sent| sent.iter().any(|r| r.code == receipt.code)))
    });
    // A draft already filed is only shown on its confirmation page; anywhere else a new one starts.
    let (mut draft, new) = match stored {
        Some(d) if d.receipt.is_none() || step.get_untracked() == Step::Done || sent_meanwhile => (d, false),
        _ => (Draft::new(&form), true),
    };
    // A new one starts from what the citizen kept on this device.
    let kept = wallet.as_ref().and_then(|w| w.profile.as_ref());
    let prefilled = new && kept.is_some_and(|p| draft.applicant.prefill(p, eid.is_some()));
    let dropped = draft.fit_to(&form);
    let ctx = ApplyContext {
        route_code: StoredValue::new(route_code),
        form: StoredValue::new(form),
        draft: RwSignal::new(draft),
        uploads: RwSignal::new(BTreeMap::new()),
        dropped: RwSignal::new((dropped > 0).then_some(dropped)),
        unsaved: RwSignal::new(false),
        eid: StoredValue::new(eid),
        sign_in_on,
        wallet: StoredValue::new(wallet),
        prefilled,
    };
    provide_context(ctx);
    // Every change is kept on the device at once.
    Effect::new(move || {
        let mut draft = ctx.draft.get();
        draft.saved_at = crate::clock::now_ms();
        leptos::task::spawn_local(async move { ctx.unsaved.set(!draft_store::save(&draft).await) });
    });
    documents::resume_uploads(ctx);
    if sent_meanwhile && step.get_untracked() != Step::Done {
        use_navigate()(&Step::Done.href(&ctx.code()), NavigateOptions { replace: true, ..Default::default() });
    }

    move || match step.get() {
        Step::Applicant => view! { <applicant::ApplicantStep/> }.into_any(),
        Step::Details => view! { <details::DetailsStep/> }.into_any(),
        Step::Documents => view! { <documents::DocumentsStep/> }.into_any(),
        Step::Review => view! { <review::ReviewStep/> }.into_any(),
        Step::Done => view! { <done::DoneStep/> }.into_any(),
    }
}

/// The top of every step: the procedure, the heading, where the citizen is, and notices
/// about the draft. A link "Sửa" that came with `#field` puts focus in that field.
#[component]
pub fn StepHeader(step: Step, #[prop(into)] title: Signal<String>, #[prop(into)] error: Signal<bool>) -> impl IntoView {
    let ctx = use_apply();
    let t = use_texts();
    let code = ctx.code();
    let hash = use_location().hash;
    Effect::new(move || {
        let id = hash.get().trim_start_matches('#').to_owned();
        if !id.is_empty() {
            // After the heading has taken focus for the new page.
            set_timeout(
                move || {
                    if let Some(el) =
                        document().get_element_by_id(&id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        el.scroll_into_view();
                        let _ = el.focus();
                    }
                },
                Duration::from_millis(30),
            );
        }
    });
    // Once filed, the earlier steps are closed.
    let reached = move || ctx.draft.with(|d| if d.receipt.is_some() { 0 } else { d.step });
    view! {
        <p class="caption">{ctx.form.with_value(|f| f.procedure_name.clone())}</p>
        <PageHeading text=title error=error/>
        <crate::components::read_aloud::ReadAloud/>
        <StepIndicator current=step.number() reached=Signal::derive(reached)
            href=move |n: u8| Step::ALL[usize::from(n) - 1].href(&code)/>
        {move || ctx.dropped.get().map(|n| view! {
            <div class="notice" role="status"><p>{t.get().apply().form_changed}" "{(t.get().apply().form_dropped)(n)}</p></div>
        })}
        {ctx.needs_step_up().then(|| view! { <StepUp/> })}
        {crate::kiosk::use_kiosk().map(|_| view! { <HandoffOffer/> })}
        <Show when=move || ctx.unsaved.get()>
            <div class="notice notice--error" role="alert"><p>{tr(|t| t.apply().save_failed)}</p></div>
        </Show>
    }
}

/// A procedure that asks for a level-2 e-ID, to a citizen not signed in at that level: how to
/// sign in with one, and how a level-1 account is raised.
#[component]
fn StepUp() -> impl IntoView {
    let ctx = use_apply();
    let here = window().location().pathname().unwrap_or_default();
    let signed_in = ctx.eid.with_value(Option::is_some);
    let href = crate::routes::login(&here, 2, crate::kiosk::use_kiosk().is_some());
    view! {
        <div class="notice notice--action" id="step-up" role="status">
            <p><strong>{tr(|t| t.apply().step_up_title)}</strong></p>
            <p>{move || if signed_in { use_texts().get().apply().step_up_level_1 } else { use_texts().get().apply().step_up_signed_out }}</p>
            <p><a href=href rel="external" class="button">{tr(|t| t.apply().step_up_sign_in)}</a></p>
        </div>
    }
}

/// At a kiosk: a QR code that opens this draft once on the citizen's phone.
#[component]
fn HandoffOffer() -> impl IntoView {
    let ctx = use_apply();
    let t = use_texts();
    let link = RwSignal::new(None::<String>);
    let failed = RwSignal::new(false);
    let offer = move |_| {
        let json = serde_json::to_string(&ctx.draft.get_untracked()).unwrap_or_default();
        leptos::task::spawn_local(async move {
            match api::create_handoff(&json).await {
                Ok(h) => {
                    let origin = window().location().origin().unwrap_or_default();
                    let _ = link.try_set(Some(format!("{origin}/tiep-tuc/{}", h.token)));
                }
                Err(_) => {
                    let _ = failed.try_set(true);
                }
            }
        });
    };
    view! {
        <div class="handoff">
            {move || match link.get() {
                None => view! {
                    <button type="button" class="button button--secondary" id="handoff" on:click=offer>{tr(|t| t.apply().handoff_button)}</button>
                    <Show when=move || failed.get()><p class="field__error" role="alert">{tr(|t| t.apply().handoff_failed)}</p></Show>
                }
                .into_any(),
                Some(url) => view! {
                    <div class="done-qr" id="handoff-qr">
                        <crate::components::qr_code::QrCodeImage text=url.clone() label=Signal::derive(move || t.get().apply().handoff_qr_label.to_owned())/>
                        <p class="hint">{tr(|t| t.apply().handoff_scan)}<br/><span class="done-qr__link">{url.clone()}</span></p>
                    </div>
                }
                .into_any(),
            }}
        </div>
    }
}
