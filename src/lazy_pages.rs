//! The pages most visitors never open (filing, paying, tracking, their dossiers, drafts, a
//! handoff, statistics, scanning a QR code, a result's verification, the wallet) and the procedure page, each loaded when first visited. In the release
//! build (`--features split`, see `scripts/build-app.sh`) each is a WASM chunk of its own, so
//! home and search download none of them; elsewhere (tests, debug) they are plain routes.
//!
//! While a chunk downloads, the shell says so to everyone, screen readers included
//! ([`RouteLoading`]).

use leptos::prelude::*;
use leptos_router::ChooseView;

/// Whether a page's code is on its way: the shell shows a status line meanwhile.
#[derive(Clone, Copy)]
pub struct RouteLoading(pub RwSignal<bool>);

/// Opened on a page whose code comes later (its first paint is kept), the app starts loading.
pub fn provide_route_loading() {
    provide_context(RouteLoading(RwSignal::new(crate::boot::has_first_paint())));
}

#[cfg(feature = "split")]
fn loading(on: bool) {
    if let Some(RouteLoading(flag)) = use_context::<RouteLoading>() {
        flag.set(on);
    }
}

/// One route, one chunk (named after `$chunk`): `data` runs at once in the main module,
/// `view` once the chunk has arrived.
macro_rules! page {
    ($route:ident, $chunk:ident, $page:path) => {
        #[cfg(feature = "split")]
        pub struct $chunk;

        #[cfg(feature = "split")]
        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $chunk {
            fn data() -> Self {
                loading(true);
                $chunk
            }
            fn view(_this: Self) -> AnyView {
                loading(false);
                $page().into_any()
            }
        }

        #[cfg(feature = "split")]
        pub fn $route() -> impl ChooseView {
            leptos_router::Lazy::<$chunk>::new()
        }

        #[cfg(not(feature = "split"))]
        pub fn $route() -> impl ChooseView {
            $page
        }
    };
}

page!(detail, DetailPage, crate::pages::detail::Detail);
page!(apply, ApplyPage, crate::pages::apply::Apply);
page!(drafts, DraftsPage, crate::pages::drafts::Drafts);
page!(payment, PaymentPage, crate::pages::payment::PaymentPage);
page!(track, TrackPage, crate::pages::track::Track);
page!(mine, MinePage, crate::pages::mine::Mine);
page!(handoff, HandoffPage, crate::pages::handoff::HandoffPage);
page!(stats, StatsPage, crate::pages::stats::StatsPage);
page!(scan, ScanPage, crate::pages::scan::ScanPage);
page!(verification, VerificationPage, crate::pages::verification::VerificationPage);
page!(wallet, WalletPage, crate::pages::wallet::WalletPage);
