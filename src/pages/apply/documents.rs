//! Step 3, the documents: one slot per document the procedure asks for. Several files per
//! slot, picked, dropped or photographed; each checked before it is sent (size, kind by its
//! first bytes, count), kept on the device, then uploaded with a progress bar, cancel and
//! retry. A slot can instead be handed in on paper at the desk.

use dvc_core::form::{validate_documents, DocumentSlot};
use dvc_core::validation::{FileKind, FileRules};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, File};

use super::{use_apply, ApplyContext, Step, StepErrors, StepHeader, UploadState};
use crate::components::error_summary::{ErrorSummary, Listed};
use crate::components::inline_error::InlineError;
use crate::components::refused_files::RefusedFiles;
use crate::draft::{random_id, DraftFile};
use crate::draft_store;
use crate::format::file_size;
use crate::i18n::{tr, use_texts};
use crate::upload::{self, files_of, Refused, UploadFailure};

#[component]
pub fn DocumentsStep() -> impl IntoView {
    let t = use_texts();
    let ctx = use_apply();
    let code = ctx.code();
    let slots = ctx.form.with_value(|f| f.documents.clone());
    let errors = StepErrors::new();
    let waiting = RwSignal::new(Vec::<String>::new());
    let summary = {
        let slots = slots.clone();
        Signal::derive(move || {
            let tx = t.get();
            let name = |path: &str| {
                slots
                    .iter()
                    .find(|s| Some(s.id.as_str()) == path.strip_prefix("documents."))
                    .map(|s| s.name.clone())
                    .unwrap_or_default()
            };
            let mut items = errors.listed(Step::Documents, &code, name);
            items.extend(waiting.get().into_iter().map(|slot| {
                let id = format!("documents-{slot}");
                Listed {
                    href: format!("#{id}"),
                    field_id: id,
                    message: format!("{}: {}", name(&format!("documents.{slot}")), tx.apply().doc_wait_uploads),
                }
            }));
            items
        })
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (found, unfinished) = ctx.draft.with_untracked(|d| {
            let found = ctx.form.with_value(|form| validate_documents(form, &d.uploaded_ids(), &d.paper_copies));
            let mut unfinished: Vec<String> = d.pending_files().map(|(slot, _)| slot.to_owned()).collect();
            unfinished.dedup();
            (found, unfinished)
        });
        let done = unfinished.is_empty();
        waiting.set(unfinished);
        if errors.report(found) && done {
            ctx.go_on(Step::Review);
        }
    };
    let slot_views = slots
        .into_iter()
        .map(|slot| {
            let error = errors.at(format!("documents.{}", slot.id));
            view! { <SlotInput document=slot error=error/> }
        })
        .collect_view();
    view! {
        <StepHeader step=Step::Documents title=Signal::derive(move || Step::Documents.title(t.get()).to_owned())
            error=Signal::derive(move || errors.any() || !waiting.with(Vec::is_empty))/>
        <ErrorSummary errors=summary attempt=errors.attempt/>
        <form class="apply-form" on:submit=on_submit novalidate=true>
            {slot_views}
            <p class="hint">{tr(|t| t.apply().saved)}</p>
            <button type="submit" class="button">{tr(|t| t.apply().apply_continue)}</button>
        </form>
    }
}

#[component]
fn SlotInput(document: DocumentSlot, #[prop(into)] error: Signal<Option<String>>) -> impl IntoView {
    let slot = document;
    let t = use_texts();
    let ctx = use_apply();
    let input_id = format!("documents-{}", slot.id);
    let camera_id = format!("{input_id}-camera");
    let rules = StoredValue::new(slot.rules.clone());
    let slot_id = StoredValue::new(slot.id.clone());
    // Files refused before sending, with why.
    let refused = RwSignal::new(Vec::<Refused>::new());
    let take = move |files: Vec<File>| {
        refused.set(Vec::new());
        leptos::task::spawn_local(add_files(ctx, slot_id.get_value(), rules.get_value(), files, refused));
    };
    let on_pick = move |ev: leptos::ev::Event| {
        if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
            take(files_of(input.files()));
            // Picking the same file again must fire `change` again.
            input.set_value("");
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        take(files_of(ev.data_transfer().and_then(|d| d.files())));
    };
    let files = move || ctx.draft.with(|d| d.documents.get(&slot_id.get_value()).cloned().unwrap_or_default());
    let kinds = slot.rules.accepted.iter().map(|k| k.label()).collect::<Vec<_>>().join(", ");
    let size = file_size(slot.rules.max_bytes);
    let max_files = slot.rules.max_files;
    let hint_id = format!("{input_id}-hint");
    let accepted = upload::accept(&slot.rules);
    let images_accepted =
        slot.rules.accepted.iter().any(|k| matches!(k, FileKind::Jpeg | FileKind::Png | FileKind::Heic));
    view! {
        <fieldset class="field document-slot" class:field--error=move || error.with(Option::is_some)>
            <legend>{slot.name.clone()}{move || if slot.required { "" } else { t.get().apply().optional }}</legend>
            <p class="field__hint" id=hint_id.clone()>{slot.quantity.clone()}". "{move || (t.get().apply().doc_rules)(&kinds, &size, max_files)}</p>
            <InlineError error=error/>
            <ul class="file-list" aria-live="polite">
                <For each=files key=|f| f.local_id.clone() let:entry>
                    <FileRow in_slot=slot_id.get_value() file=entry/>
                </For>
            </ul>
            <RefusedFiles refused=refused error_prefix=true/>
            <super::wallet::KeptOffer document=slot.clone()/>
            <div class="dropzone" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
                <label for=input_id.clone() class="dropzone__label">{tr(|t| t.apply().doc_choose)}</label>
                <input type="file" id=input_id.clone() class="file-input" multiple=true accept=accepted aria-describedby=hint_id.clone() on:change=on_pick/>
                {images_accepted.then(|| view! {
                    <label for=camera_id.clone() class="dropzone__label">{tr(|t| t.apply().doc_camera)}</label>
                    <input type="file" id=camera_id.clone() class="file-input" accept="image/*" capture="environment" on:change=on_pick/>
                })}
                <p class="dropzone__hint">{tr(|t| t.apply().doc_drop)}</p>
            </div>
            <PaperCopy slot_id=slot.id.clone()/>
        </fieldset>
    }
}

/// The checkbox that hands a slot's document in on paper at the desk instead.
#[component]
fn PaperCopy(slot_id: String) -> impl IntoView {
    let ctx = use_apply();
    let paper_id = format!("documents-{slot_id}-paper");
    let slot_id = StoredValue::new(slot_id);
    let on_paper = move || ctx.draft.with(|d| d.paper_copies.contains(&slot_id.get_value()));
    let set_paper = move |ev: leptos::ev::Event| {
        let checked = event_target_checked(&ev);
        let id = slot_id.get_value();
        ctx.draft.update(|d| {
            d.paper_copies.retain(|s| s != &id);
            if checked {
                d.paper_copies.push(id);
            }
        });
    };
    view! {
        <div class="checkbox">
            <input type="checkbox" id=paper_id.clone() prop:checked=on_paper on:change=set_paper/>
            <label for=paper_id>{tr(|t| t.apply().doc_paper)}</label>
        </div>
    }
}

/// Checks the files against the slot's rules, keeps the accepted ones on the device and
/// starts uploading them; says why for each one refused.
async fn add_files(
    ctx: ApplyContext,
    slot: String,
    rules: FileRules,
    files: Vec<File>,
    refused: RwSignal<Vec<Refused>>,
) {
    let already = ctx.draft.with_untracked(|d| d.documents.get(&slot).map_or(0, Vec::len));
    let (accepted, refusals) = upload::check_files(files, already, &rules).await;
    let _ = refused.try_update(|r| r.extend(refusals));
    for (file, kind) in accepted {
        let local_id = random_id();
        draft_store::put_file(&local_id, &file).await;
        let entry =
            DraftFile { local_id: local_id.clone(), name: file.name(), size: file.size() as u64, kind, upload: None };
        let _ = ctx.draft.try_update(|d| d.documents.entry(slot.clone()).or_default().push(entry));
        begin(ctx, &local_id, &file.name(), &file);
    }
}

/// Sends one file; its row follows the progress, and the draft records what the server kept.
fn begin(ctx: ApplyContext, local_id: &str, name: &str, blob: &Blob) {
    ctx.uploads.update(|u| {
        u.insert(local_id.to_owned(), UploadState::Uploading(0.0));
    });
    let (id, done_id) = (local_id.to_owned(), local_id.to_owned());
    upload::start(
        local_id,
        blob,
        name,
        move |fraction| {
            let _ = ctx.uploads.try_update(|u| u.insert(id.clone(), UploadState::Uploading(fraction)));
        },
        move |result| match result {
            Ok(receipt) => {
                let _ = ctx.draft.try_update(|d| {
                    if let Some(f) = d.documents.values_mut().flatten().find(|f| f.local_id == done_id) {
                        f.upload = Some(receipt);
                    }
                });
                let _ = ctx.uploads.try_update(|u| u.remove(&done_id));
            }
            Err(failure) => {
                let state = match failure {
                    UploadFailure::Network => UploadState::Network,
                    UploadFailure::Refused(why) => UploadState::Refused(why),
                    UploadFailure::Cancelled => UploadState::Cancelled,
                };
                let _ = ctx.uploads.try_update(|u| u.insert(done_id, state));
            }
        },
    );
}

/// Sends a kept file again (after a failure, or after a reload).
fn retry(ctx: ApplyContext, file: DraftFile) {
    leptos::task::spawn_local(async move {
        match draft_store::file(&file.local_id).await {
            Some(blob) => begin(ctx, &file.local_id, &file.name, &blob),
            None => {
                let _ = ctx.uploads.try_update(|u| u.insert(file.local_id.clone(), UploadState::Missing));
            }
        }
    });
}

/// After a reload: files chosen but not yet on the server are sent again from the device.
pub fn resume_uploads(ctx: ApplyContext) {
    let pending: Vec<DraftFile> = ctx.draft.with_untracked(|d| d.pending_files().map(|(_, f)| f.clone()).collect());
    for file in pending {
        if !upload::is_running(&file.local_id) {
            retry(ctx, file);
        }
    }
}

#[component]
fn FileRow(in_slot: String, file: DraftFile) -> impl IntoView {
    let t = use_texts();
    let ctx = use_apply();
    let id = StoredValue::new(file.local_id.clone());
    let state = move || ctx.uploads.with(|u| u.get(&id.get_value()).cloned());
    let uploaded = move || {
        ctx.draft.with(|d| d.documents.values().flatten().any(|f| f.local_id == id.get_value() && f.upload.is_some()))
    };
    let remove = move |_| {
        let local_id = id.get_value();
        upload::cancel(&local_id);
        ctx.draft.update(|d| {
            if let Some(files) = d.documents.get_mut(&in_slot) {
                files.retain(|f| f.local_id != local_id);
            }
        });
        ctx.uploads.update(|u| {
            u.remove(&local_id);
        });
        leptos::task::spawn_local(async move { draft_store::remove_file(&local_id).await });
    };
    let retry_file = file.clone();
    let progress_label = file.name.clone();
    let status = move || {
        let tx = t.get();
        match state() {
            Some(UploadState::Uploading(p)) => {
                let percent = (p * 100.0).round() as u32;
                view! {
                    <progress max="100" value=percent aria-label=progress_label.clone()></progress>
                    <span class="file__status">{(tx.doc_uploading)(percent)}</span>
                    <button type="button" class="link-button" on:click=move |_| upload::cancel(&id.get_value())>{tx.apply().doc_cancel}</button>
                }
                .into_any()
            }
            Some(failed) => {
                let why = match failed {
                    UploadState::Network => tx.doc_failed_network.to_owned(),
                    UploadState::Refused(code) => crate::i18n::upload_refused(tx.lang, &code).to_owned(),
                    UploadState::Cancelled => tx.apply().doc_cancelled.to_owned(),
                    _ => tx.apply().doc_missing_local.to_owned(),
                };
                let again = retry_file.clone();
                let missing = matches!(state(), Some(UploadState::Missing));
                view! {
                    <span class="file__status file__status--error"><span class="visually-hidden">{tx.error_title_prefix}</span>{why}</span>
                    {(!missing).then(|| view! { <button type="button" class="link-button" on:click=move |_| retry(ctx, again.clone())>{tx.apply().doc_retry}</button> })}
                }
                .into_any()
            }
            None if uploaded() => {
                view! { <span class="file__status file__status--done">"✓ "{tx.doc_uploaded}</span> }.into_any()
            }
            None => view! { <span class="file__status">{tx.apply().doc_waiting}</span> }.into_any(),
        }
    };
    view! {
        <li class="file">
            <FilePreview local_id=file.local_id.clone() kind=file.kind/>
            <span class="file__name">{file.name.clone()}" "<span class="file__size">"("{file_size(file.size)}")"</span></span>
            <span class="file__state">{status}</span>
            <button type="button" class="link-button" on:click=remove>{tr(|t| t.apply().doc_remove)}<span class="visually-hidden">" "{file.name.clone()}</span></button>
        </li>
    }
}

/// A thumbnail of a picture, and a link that opens the file, from the copy on the device.
#[component]
fn FilePreview(local_id: String, kind: FileKind) -> impl IntoView {
    let url = LocalResource::new(move || {
        let id = local_id.clone();
        async move { draft_store::file(&id).await.and_then(|blob| web_sys::Url::create_object_url_with_blob(&blob).ok()) }
    });
    on_cleanup(move || {
        if let Some(Some(u)) = url.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&u);
        }
    });
    move || {
        url.get().flatten().map(|u| {
            let thumb = matches!(kind, FileKind::Jpeg | FileKind::Png)
                .then(|| view! { <img class="file__thumb" src=u.clone() alt=""/> });
            view! {
                {thumb}
                <a class="file__view" href=u target="_blank" rel="noopener">{tr(|t| t.apply().doc_view)}</a>
            }
        })
    }
}
