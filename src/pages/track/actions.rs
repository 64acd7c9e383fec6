//! What a citizen can do with a dossier: add the documents asked for, withdraw it (after
//! confirming), rate the service once the result is back.

use dvc_core::api::{Rating, Supplement, Withdrawal};
use dvc_core::tracking::{DossierView, SupplementRequest};
use dvc_core::validation::FileRules;
use leptos::prelude::*;

use crate::api::{self, DossierChange};
use crate::components::refused_files::RefusedFiles;
use crate::draft::random_id;
use crate::format::file_size;
use crate::i18n::{tr, use_texts, Texts};
use crate::upload::{self, files_of, Refused};

/// A file being added: its name, and its upload id once the server has it.
#[derive(Clone, Debug, PartialEq)]
struct Adding {
    local_id: String,
    name: String,
    size: u64,
    progress: f64,
    upload_id: Option<String>,
    error: Option<String>,
}

/// Sends a change; the page shows the dossier as it then stands, or says it failed.
fn send(
    code: String,
    applicant: String,
    change: DossierChange,
    on_change: Callback<(DossierView, String)>,
    failed: RwSignal<bool>,
) {
    leptos::task::spawn_local(async move {
        match api::change_dossier(&code, &applicant, &change).await {
            Ok(view) => on_change.run((view, applicant)),
            Err(_) => {
                let _ = failed.try_set(true);
            }
        }
    });
}

#[component]
pub fn SupplementForm(
    code: String,
    applicant: String,
    request: SupplementRequest,
    on_change: Callback<(DossierView, String)>,
) -> impl IntoView {
    let t = use_texts();
    let files = RwSignal::new(Vec::<Adding>::new());
    let failed = RwSignal::new(false);
    let refused = RwSignal::new(Vec::<Refused>::new());
    let pick = move |ev: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&ev);
        let picked = files_of(input.files());
        input.set_value("");
        leptos::task::spawn_local(add_picked(picked, files, refused, t));
    };
    let ready = move || files.with(|f| !f.is_empty() && f.iter().all(|x| x.upload_id.is_some()));
    let submit = {
        let (code, applicant) = (code.clone(), applicant.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if !ready() {
                failed.set(true);
                return;
            }
            let ids: Vec<String> = files.with_untracked(|f| f.iter().filter_map(|x| x.upload_id.clone()).collect());
            let change = DossierChange::Supplement(Supplement { uploads: ids, note: String::new() });
            send(code.clone(), applicant.clone(), change, on_change, failed);
        }
    };
    let deadline = request.deadline.clone();
    let accepted = upload::accept(&FileRules::default());
    view! {
        <section class="notice notice--action" aria-labelledby="supplement-title">
            <h2 id="supplement-title">{tr(|t| t.track().supplement_title)}</h2>
            <ul>{request.documents.iter().map(|d| view! { <li>{d.clone()}</li> }).collect_view()}</ul>
            {(!request.note.is_empty()).then(|| view! { <p>{request.note.clone()}</p> })}
            <p><strong>{move || (t.get().track().supplement_deadline)(&deadline)}</strong></p>
            <form on:submit=submit novalidate=true>
                <div class="field">
                    <label for="supplement-files">{tr(|t| t.track().supplement_files)}</label>
                    <input type="file" id="supplement-files" class="file-input" multiple=true accept=accepted on:change=pick/>
                </div>
                <AddingList files=files/>
                <RefusedFiles refused=refused/>
                <Show when=move || failed.get()>
                    <p class="field__error" role="alert">{move || if files.with(Vec::is_empty) || !ready() { t.get().track().supplement_wait } else { t.get().track().action_failed }}</p>
                </Show>
                <button type="submit" class="button">{tr(|t| t.track().supplement_send)}</button>
            </form>
        </section>
    }
}

/// Checks the picked files, lists the accepted ones and starts sending them; says why for each one refused.
async fn add_picked(
    picked: Vec<web_sys::File>,
    files: RwSignal<Vec<Adding>>,
    refused: RwSignal<Vec<Refused>>,
    t: Signal<&'static Texts>,
) {
    let already = files.with_untracked(Vec::len);
    let (accepted, refusals) = upload::check_files(picked, already, &FileRules::default()).await;
    let _ = refused.try_update(|r| r.extend(refusals));
    for (file, _) in accepted {
        let local_id = random_id();
        let adding = Adding {
            local_id: local_id.clone(),
            name: file.name(),
            size: file.size() as u64,
            progress: 0.0,
            upload_id: None,
            error: None,
        };
        let _ = files.try_update(|f| f.push(adding));
        start_upload(&local_id, &file, files, t);
    }
}

/// Sends one file; its row follows the progress, then keeps the upload id or says why it failed.
fn start_upload(local_id: &str, file: &web_sys::File, files: RwSignal<Vec<Adding>>, t: Signal<&'static Texts>) {
    let (a, b) = (local_id.to_owned(), local_id.to_owned());
    upload::start(
        local_id,
        file,
        &file.name(),
        move |p| {
            let _ = files.try_update(|f| f.iter_mut().filter(|x| x.local_id == a).for_each(|x| x.progress = p));
        },
        move |result| {
            let _ = files.try_update(|f| {
                if let Some(x) = f.iter_mut().find(|x| x.local_id == b) {
                    match result {
                        Ok(receipt) => x.upload_id = Some(receipt.id),
                        Err(upload::UploadFailure::Refused(code)) => {
                            x.error = Some(crate::i18n::upload_refused(t.get_untracked().lang, &code).to_owned())
                        }
                        Err(_) => x.error = Some(t.get_untracked().doc_failed_network.to_owned()),
                    }
                }
            });
        },
    );
}

/// The files being added, each with its size and where its upload stands.
#[component]
fn AddingList(files: RwSignal<Vec<Adding>>) -> impl IntoView {
    let t = use_texts();
    view! {
        <ul class="file-list" aria-live="polite">
            {move || files.get().into_iter().map(|f| {
                let state = adding_state(t.get(), &f);
                view! { <li class="file"><span class="file__name">{f.name.clone()}" ("{file_size(f.size)}")"</span><span class="file__status">{state}</span></li> }
            }).collect_view()}
        </ul>
    }
}

/// A file's upload status as its row shows it: done, failed (why) or the share sent.
fn adding_state(tx: &Texts, f: &Adding) -> String {
    match (&f.upload_id, &f.error) {
        (Some(_), _) => format!("✓ {}", tx.doc_uploaded),
        (None, Some(e)) => e.clone(),
        (None, None) => (tx.doc_uploading)((f.progress * 100.0).round() as u32),
    }
}

#[component]
pub fn Withdraw(code: String, applicant: String, on_change: Callback<(DossierView, String)>) -> impl IntoView {
    let asking = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let confirm = move |_| {
        send(code.clone(), applicant.clone(), DossierChange::Withdrawal(Withdrawal::default()), on_change, failed)
    };
    view! {
        <section class="withdraw">
            <Show when=move || asking.get() fallback=move || view! {
                <button type="button" class="button button--secondary" on:click=move |_| asking.set(true)>{tr(|t| t.track().withdraw)}</button>
            }>
                <div class="notice" role="alertdialog" aria-labelledby="withdraw-question">
                    <p id="withdraw-question">{tr(|t| t.track().withdraw_confirm)}</p>
                    <p>
                        <button type="button" class="button button--warning" id="withdraw-yes" on:click=confirm.clone()>{tr(|t| t.track().withdraw_yes)}</button>
                        " "<button type="button" class="button button--secondary" on:click=move |_| asking.set(false)>{tr(|t| t.track().withdraw_no)}</button>
                    </p>
                </div>
            </Show>
            <Show when=move || failed.get()><p class="field__error" role="alert">{tr(|t| t.track().action_failed)}</p></Show>
        </section>
    }
}

#[component]
pub fn Rating(
    code: String,
    applicant: String,
    given: Option<u8>,
    on_change: Callback<(DossierView, String)>,
) -> impl IntoView {
    let t = use_texts();
    let stars = RwSignal::new(String::new());
    let comment = RwSignal::new(String::new());
    let failed = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(n) = stars.get_untracked().parse::<u8>() else {
            failed.set(true);
            return;
        };
        send(
            code.clone(),
            applicant.clone(),
            DossierChange::Rating(Rating { stars: n, comment: comment.get_untracked() }),
            on_change,
            failed,
        );
    };
    if let Some(n) = given {
        return view! { <p class="notice" role="status" id="rating-done">{move || (t.get().track().rated)(n)}</p> }
            .into_any();
    }
    let options = (1..=5u8)
        .map(|n| {
            let id = if n == 1 { "rating-stars".to_owned() } else { format!("rating-stars-{n}") };
            view! {
                <div class="radio">
                    <input type="radio" id=id.clone() name="rating-stars" value=n.to_string() on:change=move |_| stars.set(n.to_string())/>
                    <label for=id>{"★".repeat(usize::from(n))}" "{n}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="rating-title">
            <h2 id="rating-title">{tr(|t| t.track().rate_title)}</h2>
            <form on:submit=submit novalidate=true>
                <fieldset class="field" class:field--error=move || failed.get()>
                    <legend>{tr(|t| t.track().rate_stars)}</legend>
                    <Show when=move || failed.get()><p class="field__error" role="alert">{tr(|t| t.track().required)}</p></Show>
                    {options}
                </fieldset>
                <div class="field">
                    <label for="rating-comment">{tr(|t| t.track().rate_comment)}</label>
                    <textarea id="rating-comment" class="input input--area" rows="3" prop:value=move || comment.get() on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                </div>
                <button type="submit" class="button">{tr(|t| t.track().rate_send)}</button>
            </form>
        </section>
    }
    .into_any()
}
