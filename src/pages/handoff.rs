//! `/tiep-tuc/<token>`: the phone side of "Tiếp tục trên điện thoại". The draft made at the
//! kiosk is fetched once, kept on this phone, and opened at the step it had reached.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api;
use crate::components::page_heading::PageHeading;
use crate::draft_store;
use crate::i18n::{tr, use_texts};
use crate::pages::apply::Step;

#[component]
pub fn HandoffPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let failed = RwSignal::new(false);
    let navigate = use_navigate();
    let token = params.read_untracked().get("token").unwrap_or_default();
    leptos::task::spawn_local(async move {
        match api::take_handoff(&token).await {
            Ok(mut draft) => {
                // Files chosen at the kiosk but not uploaded stay there; what the server holds comes along.
                for files in draft.documents.values_mut() {
                    files.retain(|f| f.upload.is_some());
                }
                draft.saved_at = crate::clock::now_ms();
                draft_store::save(&draft).await;
                let step = Step::ALL[usize::from(draft.step.clamp(1, 4)) - 1];
                navigate(&step.href(&draft.procedure_code), Default::default());
            }
            Err(_) => {
                let _ = failed.try_set(true);
            }
        }
    });
    view! {
        <PageHeading text=Signal::derive(move || t.get().handoff().title.to_owned())/>
        <Show when=move || failed.get() fallback=|| view! { <p role="status">{tr(|t| t.handoff().opening)}</p> }>
            <div class="notice notice--error" role="alert"><p>{tr(|t| t.handoff().gone)}</p></div>
            <p><A href=crate::routes::HOME>{tr(|t| t.back_home)}</A></p>
        </Show>
    }
}
