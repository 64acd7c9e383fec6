//! The wallet in the filing steps ("nhập một lần"): the first step says what was prefilled
//! from it, a document slot offers a kept document again ("Dùng lại …"), and the confirmation
//! asks whether to keep this filing's details and documents for next time. Nothing is kept
//! without that yes, and nothing at all on a kiosk (`crate::wallet_store`).

use leptos::html::Div;
use leptos::prelude::*;
use leptos_router::components::A;

use dvc_core::form::DocumentSlot;
use dvc_core::wallet::{short_name, Wallet};

use super::use_apply;
use crate::draft::DraftFile;
use crate::i18n::{tr, use_texts};

/// On the first step, when answers came from the wallet.
#[component]
pub fn PrefilledNotice() -> impl IntoView {
    let ctx = use_apply();
    ctx.prefilled.then(|| {
        view! {
            <div class="notice" id="wallet-prefilled" role="status">
                <p>{tr(|t| t.apply().wallet_prefilled)}" "
                    <A href=crate::routes::WALLET>{tr(|t| t.apply().wallet_manage)}</A></p>
            </div>
        }
    })
}

/// Under a document slot still empty: the kept document of the same name, offered again.
#[component]
pub fn KeptOffer(document: DocumentSlot) -> impl IntoView {
    let ctx = use_apply();
    let kept = ctx.wallet.with_value(|w| w.as_ref().and_then(|w| w.offer(&document.name).cloned()));
    kept.map(|kept| offer(ctx, document, kept))
}

fn offer(ctx: super::ApplyContext, slot: DocumentSlot, kept: dvc_core::wallet::KeptDocument) -> impl IntoView {
    let t = use_texts();
    let slot_id = slot.id.clone();
    let button_id = format!("reuse-{}", slot.id);
    let empty = move || ctx.draft.with(|d| d.documents.get(&slot_id).is_none_or(Vec::is_empty));
    let label = (t.get_untracked().apply().wallet_reuse)(short_name(&kept.name), &kept.filed_on);
    let file_name = kept.upload.name.clone();
    let reuse = move |_| {
        let file = DraftFile {
            local_id: crate::draft::random_id(),
            name: kept.upload.name.clone(),
            size: kept.upload.size,
            kind: kept.upload.kind,
            upload: Some(kept.upload.clone()),
        };
        ctx.draft.update(|d| d.documents.entry(slot.id.clone()).or_default().push(file));
    };
    view! {
        <Show when=empty>
            <p class="kept-offer">
                <button type="button" class="button button--secondary" id=button_id.clone() on:click=reuse.clone()>{label.clone()}</button>
                <span class="hint">" ("{file_name.clone()}")"</span>
            </p>
        </Show>
    }
}

/// Whether the citizen's answer to keeping this filing has been given.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Answer {
    Asking,
    Kept,
    Declined,
    Failed,
}

/// On the confirmation: keep this filing's details and documents on the device for next time?
#[component]
pub fn KeepOffer(filed_on: String) -> impl IntoView {
    let t = use_texts();
    let ctx = use_apply();
    // Opened again later, the filing's answers are no longer on the device: nothing to keep.
    if !crate::wallet_store::available() || ctx.draft.with_untracked(|d| d.answers_dropped) {
        return None;
    }
    let answer = RwSignal::new(Answer::Asking);
    let said = NodeRef::<Div>::new();
    Effect::new(move || {
        if answer.get() != Answer::Asking {
            if let Some(el) = said.get() {
                let _ = el.focus();
            }
        }
    });
    let keep = move |_| {
        let filed_on = filed_on.clone();
        leptos::task::spawn_local(async move {
            let mut wallet: Wallet = crate::wallet_store::load().await.unwrap_or_default();
            let eid = ctx.eid.with_value(Option::is_some);
            ctx.form.with_value(|form| ctx.draft.with_untracked(|d| d.keep_in(&mut wallet, form, &filed_on, eid)));
            let kept = crate::wallet_store::save(&wallet).await;
            ctx.wallet.set_value(Some(wallet));
            let _ = answer.try_set(if kept { Answer::Kept } else { Answer::Failed });
        });
    };
    Some(view! {
        <section class="panel wallet-offer" aria-labelledby="wallet-offer-title" id="wallet-offer">
            <h2 id="wallet-offer-title">{tr(|t| t.apply().keep_title)}</h2>
            {move || match answer.get() {
                Answer::Asking => view! {
                    <p>{tr(|t| t.apply().keep_body)}</p>
                    <p>
                        <button type="button" class="button" id="wallet-keep" on:click=keep.clone()>{tr(|t| t.apply().keep_yes)}</button>
                        " "
                        <button type="button" class="button button--secondary" id="wallet-decline" on:click=move |_| answer.set(Answer::Declined)>{tr(|t| t.apply().keep_no)}</button>
                    </p>
                }.into_any(),
                said_now => view! {
                    <div id="wallet-said" tabindex="-1" role="status" node_ref=said>
                        <p>{move || match said_now {
                            Answer::Kept => t.get().apply().keep_done,
                            Answer::Failed => t.get().apply().keep_failed,
                            _ => t.get().apply().keep_declined,
                        }}" "<A href=crate::routes::WALLET>{tr(|t| t.apply().wallet_manage)}</A></p>
                    </div>
                }.into_any(),
            }}
        </section>
    })
}
