//! Paying a dossier's fee by VietQR: the amount and what it is for, the code large with its
//! quiet zone, the bank details with copy buttons, the time left, and the bill's status live
//! from the API's event stream (polling if the stream fails). Once paid: the receipt, never
//! a new code. The address carries the bill's random id (`/thanh-toan/<id>`), which the
//! filing and tracking pages get by opening the bill with the applicant's ID number: nothing
//! guessable in it, so a stranger cannot open someone's bill.

use std::time::Duration;

use dvc_core::money::format_vnd;
use dvc_core::payment::{Payment, PaymentStatus, Receipt};
use dvc_core::qr::QrMatrix;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::api;
use crate::clock::now_unix;
use crate::components::copy_button::CopyButton;
use crate::components::page_heading::PageHeading;
use crate::components::qr_code::QrCodeImage;
use crate::config::api_base;
use crate::i18n::{tr, use_texts};

#[component]
pub fn PaymentPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let bill = RwSignal::new(None::<Payment>);
    let failed = RwSignal::new(None::<api::ApiError>);
    // A lost answer is asked again by itself (after 2, 4 and 8 s), then "Thử lại" is offered.
    let fetch = move |renew: bool| {
        let id = id.get_untracked();
        leptos::task::spawn_local(async move {
            let answer = api::retrying(|| {
                let id = id.clone();
                async move {
                    if renew {
                        api::renew_payment(&id).await
                    } else {
                        api::payment(&id).await
                    }
                }
            })
            .await;
            match answer {
                Ok(p) => {
                    let _ = failed.try_set(None);
                    let _ = bill.try_set(Some(p));
                }
                Err(e) => {
                    let _ = failed.try_set(Some(e));
                }
            }
        });
    };
    Effect::new(move || {
        id.track();
        fetch(false);
    });
    follow(bill);

    move || {
        if let Some(error) = failed.get() {
            let no_fee = error.is("no_fee_due");
            // A lost answer is not the end: the citizen can ask again (the bill is kept).
            let retry = (!no_fee && bill.with(Option::is_none)).then(|| {
                view! { <p><button type="button" class="button" on:click=move |_| fetch(false)>{tr(|t| t.retry)}</button></p> }
            });
            return view! {
                <PageHeading text=Signal::derive(move || t.get().pay().title.to_owned())/>
                <div class="notice" class:notice--error=!no_fee role="alert">
                    <p>{move || if no_fee { t.get().pay_no_fee } else { t.get().load_error }}</p>
                </div>
                {retry}
            }
            .into_any();
        }
        match bill.get() {
            None => view! { <PageHeading text=Signal::derive(String::new)/><div class="skeleton" aria-busy="true"><div class="skeleton__row"></div></div> }.into_any(),
            Some(p) => view! { <Bill payment=p refresh=Callback::new(move |_: ()| fetch(true))/> }.into_any(),
        }
    }
}

/// How long a stream may stay silent (the server pings every 5 s) before the page takes it
/// for stalled and asks for the bill itself.
const SILENCE_MS: f64 = 12_000.0;
/// The server's first word (the bill as it stands) comes at once: a stream still quiet this long
/// after it was opened has stalled on the way.
const FIRST_WORD_MS: f64 = 5_000.0;

/// Listens to the bill's event stream; if the browser gives the stream up, or it goes silent
/// (a stalled connection that never closes), asks every 3 s instead.
fn follow(bill: RwSignal<Option<Payment>>) {
    let id = Memo::new(move |_| bill.with(|b| b.as_ref().map(|p| p.id.clone())));
    let paid = Memo::new(move |_| bill.with(|b| b.as_ref().is_some_and(|p| p.status == PaymentStatus::Paid)));
    let polling = RwSignal::new(false);
    Effect::new(move || {
        let Some(id) = id.get() else { return };
        if paid.get() {
            return;
        }
        let Ok(source) = web_sys::EventSource::new(&api::payment_events_url(&id)) else { return polling.set(true) };
        let opened = crate::clock::now_ms();
        // When the stream last said something (None: not yet).
        // Plain shared cells, not reactive values: the callbacks below outlive no arena slot.
        let heard = std::rc::Rc::new(std::cell::Cell::new(None::<f64>));
        let told = heard.clone();
        let on_payment = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            told.set(Some(crate::clock::now_ms()));
            if let Some(p) = ev.data().as_string().and_then(|d| Payment::from_json(&d)) {
                let _ = bill.try_set(Some(p));
            }
        });
        let _ = source.add_event_listener_with_callback("payment", on_payment.as_ref().unchecked_ref());
        let _ = source.add_event_listener_with_callback("ping", on_payment.as_ref().unchecked_ref());
        let failing = source.clone();
        let on_error = Closure::<dyn Fn()>::new(move || {
            // CLOSED: the browser gave up reconnecting.
            if failing.ready_state() == web_sys::EventSource::CLOSED {
                let _ = polling.try_set(true);
            }
        });
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let silent = source.clone();
        if let Ok(watch) = set_interval_with_handle(
            move || {
                let stalled = match heard.get() {
                    Some(at) => crate::clock::now_ms() - at > SILENCE_MS,
                    None => crate::clock::now_ms() - opened > FIRST_WORD_MS,
                };
                if stalled {
                    silent.close();
                    let _ = polling.try_set(true);
                }
            },
            Duration::from_secs(1),
        ) {
            on_cleanup(move || watch.clear());
        }
        // The stream and its callbacks live as long as this run of the effect: closed first,
        // then the callbacks are dropped with it (no callback is leaked per run).
        let open = StoredValue::new_local((source, on_payment, on_error));
        on_cleanup(move || open.with_value(|(s, ..)| s.close()));
    });
    Effect::new(move || {
        let (Some(id), true, false) = (id.get(), polling.get(), paid.get()) else { return };
        let ask = move || {
            let id = id.clone();
            leptos::task::spawn_local(async move {
                if let Ok(p) = api::payment(&id).await {
                    let _ = bill.try_set(Some(p));
                }
            });
        };
        // At once (the stream may have stalled just as the bill was paid), then every 3 s.
        ask();
        let handle = set_interval_with_handle(ask, Duration::from_secs(3));
        if let Ok(handle) = handle {
            on_cleanup(move || handle.clear());
        }
    });
}

#[component]
fn Bill(payment: Payment, refresh: Callback<()>) -> impl IntoView {
    let t = use_texts();
    let status = payment.status;
    let heading = Signal::derive(move || {
        if status == PaymentStatus::Paid { t.get().pay().paid } else { t.get().pay().title }.to_owned()
    });
    let facts = view! {
        <dl class="summary-list">
            <div class="summary-list__row"><dt>{tr(|t| t.pay().pay_for)}</dt><dd>{payment.dossier_code.clone()}<br/>{payment.procedure_name.clone()}</dd></div>
            <div class="summary-list__row"><dt>{tr(|t| t.pay().amount)}</dt><dd class="pay__amount">{format_vnd(payment.amount)}</dd></div>
        </dl>
    };
    let body = match (status, payment.receipt.clone()) {
        (PaymentStatus::Paid, Some(receipt)) => view! { <ReceiptView receipt=receipt print=api::receipt_url(&payment.id)/> }.into_any(),
        (PaymentStatus::Paid, None) => view! { <div class="panel panel--success" role="status"><p class="panel__code">{tr(|t| t.pay().paid)}</p></div> }.into_any(),
        _ => view! { <Transfer payment=payment.clone() refresh=refresh/> }.into_any(),
    };
    view! {
        <PageHeading text=heading/>
        {facts}
        {body}
    }
}

#[component]
fn Transfer(payment: Payment, refresh: Callback<()>) -> impl IntoView {
    let t = use_texts();
    let now = RwSignal::new(now_unix());
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let _ = now.try_set(now_unix());
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    // Counted from the server's answer, not the device's idea of the time.
    let expires_at = now_unix() + payment.expires_in;
    let left = move || (expires_at - now.get()).max(0);
    let received = payment.received;
    let remaining = payment.remaining;
    let status_text = move || {
        let tx = t.get();
        if received > 0 {
            (tx.pay().underpaid)(&format_vnd(received), &format_vnd(remaining))
        } else {
            tx.pay().waiting.to_owned()
        }
    };
    let b = payment.beneficiary.clone();
    let amount = remaining.to_string();
    let rows = [
        (tr(|t| t.pay().bank), format!("{} ({})", b.bank_name, b.bank_bin), None),
        (tr(|t| t.pay().account), b.account.clone(), Some(b.account.clone())),
        (tr(|t| t.pay().account_name), b.account_name.clone(), None),
        (tr(|t| t.pay().amount), format_vnd(remaining), Some(amount)),
        (tr(|t| t.pay().note), payment.purpose.clone(), Some(payment.purpose.clone())),
    ]
    .into_iter()
    .map(|(label, shown, copy)| {
        let what = {
            let label = label.clone();
            Signal::derive(move || label().to_owned())
        };
        view! {
            <div class="summary-list__row">
                <dt>{label}</dt>
                <dd class="pay__value">{shown}</dd>
                <dd class="summary-list__action">{copy.map(|c| view! { <CopyButton value=c what=what/> })}</dd>
            </div>
        }
    })
    .collect_view();
    let payload = payment.qr_payload.clone();
    let file_name = format!("vietqr-{}.png", payment.bill_number);
    let download = move |_| save_png(&payload, &file_name);
    let test_bank = payment.test_bank_url.clone().map(|u| format!("{}{u}", api_base()));
    view! {
        <div class="notice" role="status" aria-live="polite" id="payment-status"><p>{status_text}</p></div>
        {(received > 0).then(|| view! {
            <p class="pay__remaining">{tr(|t| t.pay().remaining)}": "<strong>{format_vnd(remaining)}</strong></p>
        })}
        <p>{tr(|t| t.pay().scan)}</p>
        <div class="pay__qr" class:pay__qr--expired=move || left() == 0>
            <QrCodeImage text=payment.qr_payload.clone() label=Signal::derive(move || t.get().pay().qr_label.to_owned()) id="payment-qr"/>
        </div>
        <p class="pay__expiry" aria-live="off">{move || if left() > 0 { (t.get().pay().expires_in)(left()) } else { String::new() }}</p>
        <Show when=move || left() == 0>
            <div class="notice" role="alert"><p>{tr(|t| t.pay().expired)}</p></div>
            <button type="button" class="button" on:click=move |_| refresh.run(())>{tr(|t| t.pay().refresh)}</button>
        </Show>
        <p><button type="button" class="button button--secondary" on:click=download>{tr(|t| t.pay().download)}</button></p>
        <h2>{tr(|t| t.pay().or_transfer)}</h2>
        <dl class="summary-list">{rows}</dl>
        <p class="hint">{tr(|t| t.pay().note_hint)}</p>
        {test_bank.map(|href| view! { <p><a href=href target="_blank" rel="noopener">{tr(|t| t.pay().test_bank)}</a></p> })}
    }
}

/// Saves the code as a PNG (what phone galleries and "scan from image" in bank apps take).
fn save_png(payload: &str, file_name: &str) {
    const SCALE: usize = 10;
    let Some(matrix) = QrMatrix::new(payload) else { return };
    let document = document();
    let Some(canvas) =
        document.create_element("canvas").ok().and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
    else {
        return;
    };
    let side = (matrix.size * SCALE) as u32;
    canvas.set_width(side);
    canvas.set_height(side);
    let Some(ctx) =
        canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, f64::from(side), f64::from(side));
    ctx.set_fill_style_str("#000");
    for y in 0..matrix.size {
        for x in 0..matrix.size {
            if matrix.is_dark(x, y) {
                ctx.fill_rect((x * SCALE) as f64, (y * SCALE) as f64, SCALE as f64, SCALE as f64);
            }
        }
    }
    let Ok(url) = canvas.to_data_url_with_type("image/png") else { return };
    if let Some(link) = document.create_element("a").ok().and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        link.set_href(&url);
        link.set_download(file_name);
        link.click();
    }
}

#[component]
fn ReceiptView(receipt: Receipt, print: String) -> impl IntoView {
    let href = print;
    let rows = [
        (tr(|t| t.pay().receipt_number), receipt.number.clone()),
        (tr(|t| t.pay().payer), receipt.payer.clone()),
        (tr(|t| t.pay().reason), receipt.reason.clone()),
        (tr(|t| t.pay().amount), format_vnd(receipt.amount)),
        (tr(|t| t.pay().in_words), receipt.amount_in_words.clone()),
        (tr(|t| t.pay().paid_at), receipt.paid_at.clone()),
        (tr(|t| t.pay().collector), receipt.collecting_agency.clone()),
    ]
    .into_iter()
    .map(|(label, value)| view! { <div class="summary-list__row"><dt>{label}</dt><dd>{value}</dd></div> })
    .collect_view();
    view! {
        <div class="panel panel--success" role="status" id="payment-paid"><p class="panel__code">"✓ "{tr(|t| t.pay().paid)}</p></div>
        <h2>{tr(|t| t.pay().receipt)}</h2>
        <dl class="summary-list" id="receipt">{rows}</dl>
        <p><a class="button button--secondary" href=href target="_blank" rel="noopener">{tr(|t| t.pay().print_receipt)}</a></p>
    }
}
