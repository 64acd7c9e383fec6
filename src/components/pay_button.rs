//! "Pay the fee": opens the dossier's bill with the applicant's ID number, then goes to the
//! payment page at the bill's random id. A refusal or a lost answer is said where the
//! button is, and the button stays to try again.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::i18n::{use_texts, Texts};

#[component]
pub fn PayButton(
    /// The dossier's code.
    dossier: String,
    /// The CCCD or tax code given when filing.
    id_number: String,
    /// The button's words.
    label: fn(&Texts) -> &'static str,
) -> impl IntoView {
    let t = use_texts();
    let navigate = use_navigate();
    let failed = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let open = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failed.set(None);
        let (dossier, id_number, navigate) = (dossier.clone(), id_number.clone(), navigate.clone());
        leptos::task::spawn_local(async move {
            // Opening is safe to repeat: a dossier has one bill, and the same comes back.
            let answer = api::retrying(|| api::open_payment(&dossier, &id_number)).await;
            let _ = busy.try_set(false);
            match answer {
                Ok(id) => navigate(&crate::routes::payment(&id), Default::default()),
                Err(e) if e.is("no_fee_due") => {
                    let _ = failed.try_set(Some(t.get_untracked().pay_no_fee));
                }
                Err(e) if e.is("action_not_allowed") || e.is("illegal_transition") => {
                    let _ = failed.try_set(Some(t.get_untracked().pay_not_now));
                }
                Err(_) => {
                    let _ = failed.try_set(Some(t.get_untracked().load_error));
                }
            }
        });
    };
    view! {
        <p>
            <button type="button" class="button button--start" aria-busy=move || busy.get().to_string() on:click=open>
                {move || label(t.get())}
            </button>
        </p>
        {move || failed.get().map(|message| view! { <div class="notice notice--error" role="alert"><p>{message}</p></div> })}
    }
}
