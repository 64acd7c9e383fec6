//! The shell (skip link, header, navigation, language switch, footer) and the routes.

use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router, A};
use leptos_router::path;

use crate::catalog_store::provide_catalog;
use crate::components::later::Later;
use crate::i18n::{tr, use_texts, Lang, LangContext};
use crate::lazy_pages::{self, RouteLoading};
use crate::pages::{home::Home, not_found::NotFound, results::Results};
use crate::routes;

const LANG_KEY: &str = "dvc.lang";

#[component]
pub fn App() -> impl IntoView {
    let stored = window().local_storage().ok().flatten().and_then(|s| s.get_item(LANG_KEY).ok().flatten());
    let lang = RwSignal::new(stored.as_deref().and_then(Lang::from_code).unwrap_or(Lang::Vi));
    provide_context(LangContext(lang));
    Effect::new(move || {
        let code = lang.get().code();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", code);
        }
        if let Some(s) = window().local_storage().ok().flatten() {
            let _ = s.set_item(LANG_KEY, code);
        }
    });
    provide_catalog();
    let kiosk = crate::kiosk::detect();
    provide_context(kiosk);
    if kiosk.is_some() {
        crate::wallet_store::keep_nothing();
        if let Some(html) = document().document_element() {
            let _ = html.class_list().add_1("kiosk");
        }
    }
    crate::outbox::provide_outbox();
    crate::session::provide_session();
    lazy_pages::provide_route_loading();

    view! {
        <Router>
            <Shell>
                <FlatRoutes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/tim-kiem") view=Results/>
                    <Route path=path!("/thu-tuc/:code") view=lazy_pages::detail()/>
                    <Route path=path!("/nop-ho-so/:code/:step?") view=lazy_pages::apply()/>
                    <Route path=path!("/ho-so-dang-soan") view=lazy_pages::drafts()/>
                    <Route path=path!("/thanh-toan/:id") view=lazy_pages::payment()/>
                    <Route path=path!("/tra-cuu/:code?") view=lazy_pages::track()/>
                    <Route path=path!("/ho-so-cua-toi") view=lazy_pages::mine()/>
                    <Route path=path!("/tiep-tuc/:token") view=lazy_pages::handoff()/>
                    <Route path=path!("/thong-ke") view=lazy_pages::stats()/>
                    <Route path=path!("/quet-ma") view=lazy_pages::scan()/>
                    <Route path=path!("/du-lieu-cua-toi") view=lazy_pages::wallet()/>
                    <Route path=path!("/xac-thuc/:id") view=lazy_pages::verification()/>
                </FlatRoutes>
            </Shell>
        </Router>
    }
}

#[component]
fn Shell(children: Children) -> impl IntoView {
    let t = use_texts();
    let lang = expect_context::<LangContext>().0;
    let catalog = crate::catalog_store::held_catalog().catalog;
    let portal = move || {
        catalog
            .with(|c| c.as_ref().map(|c| c.snapshot.portal_name.clone()))
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| t.get().app_name.to_owned())
    };
    let route_loading = expect_context::<RouteLoading>().0;
    let route_loading = Memo::new(move |_| route_loading.get());
    // What the page the app opens on looked like before its code arrived, shown until it has
    // (then dropped: later pages say "loading" while theirs arrives).
    let first_paint = StoredValue::new(crate::boot::take_first_paint());
    let toggle = move |_| lang.update(|l| *l = if *l == Lang::Vi { Lang::En } else { Lang::Vi });
    view! {
        <a class="skip-link" href="#main">{tr(|t| t.skip_link)}</a>
        <header class="site-header">
            <div class="site-header__inner">
                // The product's short name, as the first paint has it: the province's portal
                // name (from the data) would change the header's height once it arrives.
                <A href=routes::HOME attr:class="site-header__brand">
                    <span class="site-header__emblem" aria-hidden="true">"★"</span>
                    <span>{tr(|t| t.app_name)}</span>
                </A>
                <nav class="site-nav" aria-label=tr(|t| t.nav_label)>
                    <A href=routes::SEARCH>{tr(|t| t.nav_search)}</A>
                    <A href=routes::TRACK>{tr(|t| t.nav_track)}</A>
                    <A href=routes::MINE>{tr(|t| t.nav_mine)}</A>
                    <crate::components::session_links::SessionLinks/>
                    <button type="button" class="site-nav__lang" on:click=toggle
                        lang=move || if lang.get() == Lang::Vi { "en" } else { "vi" }>
                        {tr(|t| t.lang_switch_to)}
                    </button>
                </nav>
            </div>
        </header>
        {crate::kiosk::use_kiosk().map(|k| view! { <crate::components::kiosk_bar::KioskBar kiosk=k/> })}
        <Later><crate::components::app_notices::AppNotices/></Later>
        <main id="main" class="page" tabindex="-1">
            {move || {
                if !route_loading.get() {
                    first_paint.set_value(None);
                    return None;
                }
                Some(match first_paint.get_value() {
                    Some(html) => view! { <div class="first-paint" inner_html=html></div> }.into_any(),
                    None => view! { <p class="page__lead" role="status">{tr(|t| t.loading)}</p> }.into_any(),
                })
            }}
            {children()}
        </main>
        <Later>
            <footer class="site-footer">
                <nav aria-label=tr(|t| t.footer_nav_label)>
                    <A href=routes::DRAFTS>{tr(|t| t.nav_drafts)}</A>
                    " · "<A href=routes::WALLET>{tr(|t| t.nav_wallet)}</A>
                    " · "<A href=routes::STATS>{tr(|t| t.nav_stats)}</A>
                </nav>
                <p>{portal}". "{tr(|t| t.footer)}</p>
            </footer>
        </Later>
    }
}
