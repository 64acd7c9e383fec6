//! A QR code drawn as one SVG path (crisp at any size, prints well) from the core's module
//! grid, quiet zone included. The text it holds is given as the image's accessible name.

use dvc_core::qr::QrMatrix;
use leptos::prelude::*;

#[component]
pub fn QrCodeImage(
    #[prop(into)] text: String,
    #[prop(into)] label: Signal<String>,
    #[prop(optional)] id: Option<&'static str>,
) -> impl IntoView {
    QrMatrix::new(&text).map(|matrix| {
        let size = matrix.size;
        view! {
            <svg class="qr" id=id viewBox=format!("0 0 {size} {size}") role="img" aria-label=move || label.get() shape-rendering="crispEdges"
                xmlns="http://www.w3.org/2000/svg">
                <rect width=size height=size fill="#fff"/>
                <path d=matrix.svg_path() fill="#000"/>
            </svg>
        }
    })
}
