//! `/du-lieu-cua-toi`: what the citizen kept on this device (`crate::wallet_store`): the
//! applicant's details, to view, change or delete, each kept document, to delete one by one,
//! and "Xoá dữ liệu của tôi trên thiết bị này", which deletes everything, key included. A
//! kiosk keeps nothing, and says so.

use leptos::html::Div;
use leptos::prelude::*;

use dvc_core::wallet::{short_name, Profile, Wallet};

use crate::components::error_summary::{ErrorSummary, Listed};
use crate::components::page_heading::PageHeading;
use crate::components::text_field::TextField;
use crate::i18n::{tr, use_lang, use_texts};
use crate::wallet_store;

/// What the page last did, said in its status line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Done {
    Nothing,
    Saved,
    DeletedAll,
    NotSaved,
}

#[component]
pub fn WalletPage() -> impl IntoView {
    let t = use_texts();
    let available = wallet_store::available();
    // `None` until read from the device.
    let wallet = RwSignal::new(None::<Wallet>);
    let done = RwSignal::new(Done::Nothing);
    if available {
        leptos::task::spawn_local(async move {
            let _ = wallet.try_set(Some(wallet_store::load().await.unwrap_or_default()));
        });
    }
    // Every change is kept at once; nothing left deletes the store itself.
    let keep = move |changed: Wallet, said: Done| {
        wallet.set(Some(changed.clone()));
        leptos::task::spawn_local(async move {
            let kept = if changed.is_empty() {
                wallet_store::erase().await;
                true
            } else {
                wallet_store::save(&changed).await
            };
            let _ = done.try_set(if kept { said } else { Done::NotSaved });
        });
    };
    view! {
        <PageHeading text=Signal::derive(move || t.get().wallet().title.to_owned())/>
        <p class="page__lead">{tr(|t| t.wallet().lead)}</p>
        <Said done=done/>
        {move || match wallet.get() {
            _ if !available => view! { <div class="notice" id="wallet-kiosk"><p>{tr(|t| t.wallet().kiosk)}</p></div> }.into_any(),
            None => view! { <p role="status">{tr(|t| t.loading)}</p> }.into_any(),
            Some(w) if w.is_empty() => view! { <p id="wallet-empty">{tr(|t| t.wallet().empty)}</p> }.into_any(),
            Some(w) => view! {
                {w.profile.clone().filter(|p| !p.is_empty()).map(|p| view! {
                    <ProfileForm profile=p on_save=Callback::new(move |p: Option<Profile>| {
                        let mut changed = wallet.get_untracked().unwrap_or_default();
                        changed.profile = p;
                        keep(changed, Done::Saved);
                    })/>
                })}
                <Documents wallet=wallet keep=Callback::new(move |w: Wallet| keep(w, Done::Saved))/>
                <DeleteAll on_delete=Callback::new(move |()| {
                    wallet.set(Some(Wallet::default()));
                    leptos::task::spawn_local(async move {
                        wallet_store::erase().await;
                        let _ = done.try_set(Done::DeletedAll);
                    });
                })/>
            }.into_any(),
        }}
    }
}

/// The status line: what was just done (and focus, so it is heard).
#[component]
fn Said(done: RwSignal<Done>) -> impl IntoView {
    let t = use_texts();
    let line = NodeRef::<Div>::new();
    Effect::new(move || {
        if done.get() != Done::Nothing {
            if let Some(el) = line.get() {
                let _ = el.focus();
            }
        }
    });
    view! {
        <div id="wallet-said" role="status" tabindex="-1" node_ref=line class:notice=move || done.get() != Done::Nothing>
            {move || match done.get() {
                Done::Nothing => "",
                Done::Saved => t.get().wallet().saved,
                Done::DeletedAll => t.get().wallet().deleted_all,
                Done::NotSaved => t.get().wallet().not_saved,
            }}
        </div>
    }
}

/// The applicant's details, editable: checked as the forms check them before being kept.
#[component]
fn ProfileForm(profile: Profile, on_save: Callback<Option<Profile>>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let fields =
        [&profile.full_name, &profile.id_number, &profile.birth_date, &profile.phone, &profile.email, &profile.street]
            .map(|v| RwSignal::new(v.clone()));
    let [full_name, id_number, birth_date, phone, email, street] = fields;
    let found = RwSignal::new(Vec::<dvc_core::form::FieldError>::new());
    let attempt = RwSignal::new(0u32);
    let kept = StoredValue::new(profile.clone());
    let error_at = move |field: &'static str| {
        Signal::derive(move || {
            let path = format!("profile.{field}");
            found.with(|es| es.iter().find(|e| e.path == path).map(|e| crate::pages::apply::message(e, lang.get())))
        })
    };
    let summary = summary(found, lang);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut edited = kept.get_value();
        edited.full_name = full_name.get_untracked().trim().to_owned();
        edited.id_number = id_number.get_untracked().trim().to_owned();
        edited.birth_date = birth_date.get_untracked().trim().to_owned();
        edited.phone = phone.get_untracked().trim().to_owned();
        edited.email = email.get_untracked().trim().to_owned();
        edited.street = street.get_untracked().trim().to_owned();
        let problems = edited.check(crate::clock::today());
        let clean = problems.is_empty();
        found.set(problems);
        attempt.update(|n| *n += 1);
        if clean {
            on_save.run(Some(edited));
        }
    };
    let address = [&profile.street, &profile.commune, &profile.district, &profile.province]
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    let field = move |id: &'static str, value: RwSignal<String>, inputmode: &'static str| {
        view! { <TextField id=format!("wallet-{id}") label=Signal::derive(move || label(t.get(), id).to_owned()) value=value error=error_at(id) inputmode=inputmode/> }
    };
    view! {
        <section class="wallet-section" aria-labelledby="wallet-profile-title">
            <h2 id="wallet-profile-title">{tr(|t| t.wallet().profile_title)}</h2>
            <ErrorSummary errors=summary attempt=attempt/>
            <form class="apply-form" on:submit=save novalidate=true>
                {field("full_name", full_name, "text")}
                {field("id_number", id_number, "numeric")}
                {field("birth_date", birth_date, "numeric")}
                {field("phone", phone, "tel")}
                {field("email", email, "email")}
                {field("street", street, "text")}
                <p class="hint">{tr(|t| t.wallet().address)}": "{address}</p>
                <p>
                    <button type="submit" class="button" id="wallet-save">{tr(|t| t.wallet().save)}</button>
                    " "
                    <button type="button" class="button button--secondary" id="wallet-delete-profile" on:click=move |_| on_save.run(None)>
                        {tr(|t| t.wallet().delete_profile)}
                    </button>
                </p>
            </form>
        </section>
    }
}

/// A detail's label: the filing form's, for a citizen.
fn label(t: &crate::i18n::Texts, field: &str) -> &'static str {
    let path = if field == "street" { "applicant.address.street".to_owned() } else { format!("applicant.{field}") };
    crate::pages::apply::label_for(&path, t, true, false)
}

/// The error summary's items: "<label>: <message>", each linked to its field.
fn summary(found: RwSignal<Vec<dvc_core::form::FieldError>>, lang: Signal<crate::i18n::Lang>) -> Signal<Vec<Listed>> {
    Signal::derive(move || {
        let t = lang.get().texts();
        found.with(|es| {
            es.iter()
                .map(|e| {
                    let field = e.path.trim_start_matches("profile.");
                    let id = format!("wallet-{field}");
                    Listed {
                        href: format!("#{id}"),
                        field_id: id,
                        message: format!("{}: {}", label(t, field), crate::pages::apply::message(e, lang.get())),
                    }
                })
                .collect()
        })
    })
}

/// The kept documents, each deleted on its own.
#[component]
fn Documents(wallet: RwSignal<Option<Wallet>>, keep: Callback<Wallet>) -> impl IntoView {
    let t = use_texts();
    let documents = move || wallet.with(|w| w.as_ref().map(|w| w.documents.clone()).unwrap_or_default());
    move || {
        let listed = documents();
        (!listed.is_empty()).then(|| {
            view! {
                <section class="wallet-section" aria-labelledby="wallet-documents-title">
                    <h2 id="wallet-documents-title">{tr(|t| t.wallet().documents_title)}</h2>
                    <ul class="file-list" id="wallet-documents">
                        {listed.into_iter().enumerate().map(|(i, d)| {
                            let name = short_name(&d.name).to_owned();
                            let delete_label = (t.get_untracked().wallet().delete_document)(&name);
                            let remove = move |_| {
                                let mut changed = wallet.get_untracked().unwrap_or_default();
                                if i < changed.documents.len() {
                                    changed.documents.remove(i);
                                }
                                keep.run(changed);
                            };
                            view! {
                                <li class="file-row">
                                    <span><strong>{name}</strong>" — "{d.upload.name.clone()}", "{(t.get_untracked().wallet().filed_on)(&d.filed_on)}</span>
                                    " "
                                    <button type="button" class="link-button" on:click=remove>{delete_label}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

/// "Xoá dữ liệu của tôi trên thiết bị này", asked once more before it is done.
#[component]
fn DeleteAll(on_delete: Callback<()>) -> impl IntoView {
    let asking = RwSignal::new(false);
    view! {
        <section class="wallet-section">
            <Show when=move || asking.get() fallback=move || view! {
                <button type="button" class="button button--secondary" id="wallet-delete-all" on:click=move |_| asking.set(true)>
                    {tr(|t| t.wallet().delete_all)}
                </button>
            }>
                <div class="notice notice--error" role="alertdialog" aria-labelledby="wallet-delete-confirm" id="wallet-delete-dialog">
                    <p id="wallet-delete-confirm">{tr(|t| t.wallet().delete_all_confirm)}</p>
                    <p>
                        <button type="button" class="button" id="wallet-delete-all-yes" on:click=move |_| on_delete.run(())>{tr(|t| t.wallet().delete_all_yes)}</button>
                        " "
                        <button type="button" class="button button--secondary" on:click=move |_| asking.set(false)>{tr(|t| t.wallet().cancel)}</button>
                    </p>
                </div>
            </Show>
        </section>
    }
}
