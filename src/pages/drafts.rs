//! "Hồ sơ đang soạn": the dossiers being written on this device, to resume or delete.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::page_heading::PageHeading;
use crate::draft::Draft;
use crate::draft_store;
use crate::i18n::{tr, use_texts};
use crate::pages::apply::Step;

#[component]
pub fn Drafts() -> impl IntoView {
    let t = use_texts();
    let reload = RwSignal::new(0u32);
    let drafts = LocalResource::new(move || {
        reload.track();
        async move { draft_store::list().await.into_iter().filter(|d| d.receipt.is_none()).collect::<Vec<Draft>>() }
    });
    let delete = move |draft: Draft| {
        leptos::task::spawn_local(async move {
            draft_store::remove(&draft).await;
            reload.update(|n| *n += 1);
        });
    };
    view! {
        <PageHeading text=Signal::derive(move || t.get().drafts().title.to_owned())/>
        <p class="lead">{tr(|t| t.drafts().lead)}</p>
        {move || drafts.get().map(|list| {
            if list.is_empty() {
                return view! { <p>{tr(|t| t.drafts().empty)}</p> }.into_any();
            }
            view! {
                <ul class="draft-list">
                    {list.into_iter().map(|draft| {
                        let step = Step::ALL[usize::from(draft.step.clamp(1, 4)) - 1];
                        let href = step.href(&draft.procedure_code);
                        let name = draft.procedure_name.clone();
                        let (name_a, name_b) = (name.clone(), name.clone());
                        let when = crate::clock::format_ms(draft.saved_at);
                        let n = draft.step.clamp(1, 4);
                        view! {
                            <li class="card draft">
                                <h2 class="card__title">{name}</h2>
                                <p class="card__meta">{move || (t.get().apply_step_of)(usize::from(n), 5)}" · "{move || (t.get().drafts().saved_at)(&when)}</p>
                                <p class="draft__actions">
                                    <A href=href attr:class="button">{tr(|t| t.drafts().resume)}<span class="visually-hidden">": "{name_a}</span></A>
                                    <button type="button" class="link-button" on:click=move |_| delete(draft.clone())>
                                        {tr(|t| t.drafts().delete)}<span class="visually-hidden">": "{name_b}</span>
                                    </button>
                                </p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        })}
    }
}
