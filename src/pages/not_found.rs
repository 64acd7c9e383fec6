use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::page_heading::PageHeading;
use crate::i18n::{tr, use_texts};

#[component]
pub fn NotFound() -> impl IntoView {
    let t = use_texts();
    view! {
        <PageHeading text=Signal::derive(move || t.get().not_found_title.to_owned())/>
        <p>{tr(|t| t.not_found_body)}</p>
        <p><A href=crate::routes::HOME attr:class="button">{tr(|t| t.back_home)}</A></p>
    }
}
