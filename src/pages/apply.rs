//! Where "Nộp hồ sơ trực tuyến" leads until online submission exists.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::page_heading::PageHeading;
use crate::i18n::{tr, use_texts};

#[component]
pub fn Apply() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let back = move || format!("/thu-tuc/{}", params.read().get("code").unwrap_or_default());
    view! {
        <PageHeading text=Signal::derive(move || t.get().apply_title.to_owned())/>
        <div class="notice"><p>{tr(|t| t.apply_soon)}</p></div>
        <p><A href=back>{tr(|t| t.apply_back)}</A></p>
    }
}
