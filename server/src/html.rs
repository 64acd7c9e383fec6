//! The few pages the API serves itself (receipts, results, the test bank): text escaped for
//! HTML, and a response whose own policy allows its inline styles and nothing else.

use axum::http::{header, HeaderValue};
use axum::response::{Html, IntoResponse, Response};

/// Text safe inside HTML elements and quoted attributes.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
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
    #[test]
    fn markup_in_text_is_shown_not_run() {
        assert_eq!(super::escape(r#"<b a="1">&</b>"#), "&lt;b a=&quot;1&quot;&gt;&amp;&lt;/b&gt;");
    }
}
