//! The header's sign-in: "Đăng nhập bằng VNeID" (a plain link to the server, which leads to
//! the identity provider and back to this page), or the signed-in citizen's name with
//! "Đăng xuất".

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use crate::i18n::{tr, use_texts};
use crate::routes;
use crate::session::{given_name, sign_out, use_session, Session};

#[component]
pub fn SessionLinks() -> impl IntoView {
    let session = use_session();
    let t = use_texts();
    let location = use_location();
    let kiosk = crate::kiosk::use_kiosk().is_some();
    let here = move || {
        let search = location.search.get();
        let query = if search.is_empty() { String::new() } else { format!("?{}", search.trim_start_matches('?')) };
        format!("{}{query}", location.pathname.get())
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        // At a kiosk, nothing of the citizen stays on the device for the next one.
        if kiosk {
            ev.prevent_default();
            if let Some(form) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok()) {
                sign_out(form, true);
            }
        }
    };
    move || {
        match session.get() {
        Session::Checking | Session::Off => ().into_any(),
        Session::SignedOut => view! {
            // Not the router's: the server answers /auth/login.
            <a href=move || routes::login(&here(), 1, kiosk) rel="external" class="site-nav__login">{tr(|t| t.sign_in)}</a>
        }
        .into_any(),
        Session::SignedIn { name, level } => {
            let label = (t.get().account_label)(&name, level);
            view! {
                <A href=routes::MINE attr:class="site-nav__user" attr:aria-label=label>
                    {given_name(&name).to_owned()}
                </A>
                <form method="post" action=routes::LOGOUT class="site-nav__logout" on:submit=on_submit>
                    <button type="submit" class="site-nav__lang">{tr(|t| t.sign_out)}</button>
                </form>
            }
            .into_any()
        }
    }
    }
}
