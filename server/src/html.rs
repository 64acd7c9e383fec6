//! The few pages the API serves itself (receipts, results, the test bank): built with maud,
//! whose templates escape every value they insert, and sent with a policy that allows their
//! inline styles and nothing else.

use axum::http::{header, HeaderValue};
use axum::response::{Html, IntoResponse, Response};
use maud::{html, Markup, PreEscaped, DOCTYPE};

/// A whole page in Vietnamese: its title, its inline stylesheet and its body.
pub fn document(title: &str, style: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="vi" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(style)) }
            }
            body { (body) }
        }
    }
    .into_string()
}

/// Text safe inside HTML elements and quoted attributes, for the one template filled outside
/// maud: the app's page shells (`web.rs`), whose procedure name is put in by replacement.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A QR code of `text` as inline SVG (no image source for the policy to allow), `label` its
/// accessible name; `None` if the text is too long for one.
pub fn qr_code(text: &str, label: &str) -> Option<Markup> {
    dvc_core::qr::QrMatrix::new(text).map(|m| {
        let size = m.size.to_string();
        html! {
            svg viewBox={ "0 0 " (size) " " (size) } width="160" height="160" role="img" aria-label=(label)
                shape-rendering="crispEdges" {
                rect width=(size) height=(size) fill="#fff" {}
                path d=(m.svg_path()) fill="#000" {}
            }
        }
    })
}

/// A self-contained page: no script, inline styles, and `extra` sources (e.g. `img-src data:`).
pub fn page(html: String, extra: &'static str) -> Response {
    let mut response = Html(html).into_response();
    let policy = format!("default-src 'none'; style-src 'unsafe-inline'{extra}");
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use maud::html;

    #[test]
    fn markup_in_text_is_shown_not_run() {
        assert_eq!(super::escape(r#"<b a="1">&</b>"#), "&lt;b a=&quot;1&quot;&gt;&amp;&lt;/b&gt;");
        let page = super::document("<t>", "p{color:red}", html! { p title=("\"x") { ("<script>") } });
        assert!(page.contains("<title>&lt;t&gt;</title>") && page.contains("<style>p{color:red}</style>"), "{page}");
        assert!(page.contains(r#"<p title="&quot;x">&lt;script&gt;</p>"#), "{page}");
    }
}
