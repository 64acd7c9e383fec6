//! A QR code drawn as one SVG path (crisp at any size, prints well), with the quiet zone
//! scanners need. The text it holds is also given as the image's accessible name.

use leptos::prelude::*;
use qrcode::{Color, EcLevel, QrCode};

/// The SVG path of the dark modules, in module units, offset by the quiet zone; and the size.
pub fn qr_path(text: &str) -> Option<(String, usize)> {
    const QUIET: usize = 4;
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let mut path = String::new();
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == Color::Dark {
            path.push_str(&format!("M{} {}h1v1h-1z", i % width + QUIET, i / width + QUIET));
        }
    }
    Some((path, width + 2 * QUIET))
}

#[component]
pub fn QrCodeImage(#[prop(into)] text: String, #[prop(into)] label: Signal<String>) -> impl IntoView {
    qr_path(&text).map(|(path, size)| {
        view! {
            <svg class="qr" viewBox=format!("0 0 {size} {size}") role="img" aria-label=move || label.get() shape-rendering="crispEdges">
                <rect width=size height=size fill="#fff"/>
                <path d=path fill="#000"/>
            </svg>
        }
    })
}
