//! Signing in with the national e-ID (VNeID) over OpenID Connect. The server is the client
//! (backend for frontend): the app only follows links to `/auth/login` and `/auth/logout`
//! and asks `GET /api/v1/session` who is signed in; it never holds a token.
//!
//! - `GET /auth/login?return_to=/path[&level=2][&fresh=1]`: a pending login (state, nonce,
//!   PKCE verifier; 10 minutes) tied to the browser by an HttpOnly cookie, then the provider.
//! - `GET /auth/callback`: checks state and `iss`, exchanges the code, verifies the ID token
//!   and reads userinfo ([`oidc`]), starts a session ([`sessions`]) and goes back to `return_to`.
//! - `POST /auth/logout`: ends the session, then the provider's.
//! - `POST /auth/backchannel-logout`: the provider ends sessions by `sid` or `sub`.
//!
//! Unconfigured (`DVC_OIDC_ISSUER` unset), these answer that signing in is off, and every
//! other part of the service works without it.

pub mod api;
pub mod oidc;
pub mod sessions;

use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use maud::html;

use crate::error::ApiError;
use crate::state::AppState;
use oidc::AuthError;
use sessions::{Pending, SignedIn};

/// The header the app sends with every API call that changes something: a page on another
/// site cannot send it without the browser asking first, and the API does not allow it there.
pub const REQUEST_HEADER: &str = "x-requested-with";
pub const REQUEST_HEADER_VALUE: &str = "dichvucong";

const SESSION_COOKIE: &str = "dvc_session";
const LOGIN_COOKIE: &str = "dvc_login";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/auth/login", get(login))
        .route("/auth/callback", get(callback))
        .route("/auth/logout", post(logout))
        .route("/auth/backchannel-logout", post(backchannel_logout))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(64 * 1024))
}

/// The citizen this request's session names, if signing in is on and the session is live.
pub async fn signed_in(state: &AppState, headers: &HeaderMap) -> Result<Option<SignedIn>, ApiError> {
    if state.oidc.is_none() {
        return Ok(None);
    }
    let Some(token) = cookie(headers, &cookie_name(state, SESSION_COOKIE)) else { return Ok(None) };
    let now = state.clock.now();
    state.db.call(move |c| sessions::current(c, &token, now)).await
}

/// Refuses an API call that changes something and carries the session cookie unless it comes
/// from this deployment's own pages: its `Origin` (or `Sec-Fetch-Site`) and [`REQUEST_HEADER`].
pub async fn same_site_only(State(state): State<AppState>, request: axum::extract::Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let has_session = cookie(request.headers(), &cookie_name(&state, SESSION_COOKIE)).is_some();
    let ours = request.headers().get(REQUEST_HEADER).is_some_and(|v| v.as_bytes() == REQUEST_HEADER_VALUE.as_bytes());
    if !safe && has_session && !(ours && same_origin(&state, request.headers())) {
        return ApiError::Forbidden {
            code: "cross_site_request",
            message: "Yêu cầu này không đến từ trang Dịch vụ công nên không được thực hiện.".into(),
        }
        .into_response();
    }
    next.run(request).await
}

/// The browser says the request comes from this deployment's pages: `Sec-Fetch-Site:
/// same-origin` where it sends that (every current browser); else an `Origin` that is this
/// deployment's (`null`, as a browser sends it under `Referrer-Policy: no-referrer`, is not);
/// neither: not a browser, and no cookie of a visitor's to misuse.
fn same_origin(state: &AppState, headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return site.as_bytes() == b"same-origin";
    }
    headers.get(header::ORIGIN).is_none_or(|origin| origin.as_bytes() == public_origin(&state.public_url).as_bytes())
}

fn public_origin(public_url: &str) -> String {
    url::Url::parse(public_url).map(|u| u.origin().ascii_serialization()).unwrap_or_default()
}

/// Over HTTPS a cookie gets `Secure` and the `__Host-` prefix (only this host, path `/`).
fn cookie_name(state: &AppState, base: &str) -> String {
    if state.public_url.starts_with("https://") {
        format!("__Host-{base}")
    } else {
        base.to_owned()
    }
}

fn set_cookie(state: &AppState, base: &str, value: &str, max_age: i64) -> HeaderValue {
    let secure = if state.public_url.starts_with("https://") { "; Secure" } else { "" };
    let name = cookie_name(state, base);
    HeaderValue::from_str(&format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"))
        .unwrap_or_else(|_| HeaderValue::from_static("invalid=; Max-Age=0"))
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.to_owned())
        .filter(|v| !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Where a login may come back to: a path on this site (`/ho-so/…`), never another origin
/// (`//evil.example`, `https://…`, `/\evil.example`) and nothing a header cannot carry.
pub fn safe_return_to(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && path.len() <= 512
        && path.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
}

fn params(query: Option<String>) -> Vec<(String, String)> {
    url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()).into_owned().collect()
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// The `acr` asking for `level`: the configured one when it is enough, else the same name with
/// the level's digit (`LoA1` → `LoA2`).
fn acr_for(configured: &str, level: u8) -> String {
    match dvc_core::eid::level_of_acr(configured) {
        Some(l) if l >= level => configured.to_owned(),
        Some(_) => format!("{}{level}", &configured[..configured.len() - 1]),
        None => format!("LoA{level}"),
    }
}

async fn login(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let Some(provider) = state.oidc.clone() else { return page::sign_in_off() };
    let params = params(query);
    let return_to = param(&params, "return_to").unwrap_or("/").to_owned();
    if !safe_return_to(&return_to) {
        return page::bad_return_to();
    }
    let level = if param(&params, "level") == Some("2") { 2 } else { 1 };
    let acr = acr_for(&provider.settings.acr, level);
    let fresh = param(&params, "fresh") == Some("1") || level == 2;
    let request = match provider.login(&acr, fresh).await {
        Ok(request) => request,
        Err(e) => return page::failed(&e),
    };
    let id = crate::random::token();
    let pending =
        Pending { state: request.state, nonce: request.nonce, pkce_verifier: request.pkce_verifier, acr, return_to };
    let now = state.clock.now();
    let saved = {
        let id = id.clone();
        state.db.call(move |c| sessions::save_pending(c, &id, &pending, now)).await
    };
    if let Err(e) = saved {
        return e.into_response();
    }
    let mut response = redirect(&request.url);
    response.headers_mut().append(header::SET_COOKIE, set_cookie(&state, LOGIN_COOKIE, &id, sessions::LOGIN_SECONDS));
    response
}

async fn callback(State(state): State<AppState>, headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    let Some(provider) = state.oidc.clone() else { return page::sign_in_off() };
    let mut response = finish_login(&state, &provider, &headers, params(query)).await;
    // The pending login is spent whatever happened.
    response.headers_mut().append(header::SET_COOKIE, set_cookie(&state, LOGIN_COOKIE, "", 0));
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn finish_login(
    state: &AppState,
    provider: &oidc::Provider,
    headers: &HeaderMap,
    params: Vec<(String, String)>,
) -> Response {
    let now = state.clock.now();
    let Some(id) = cookie(headers, &cookie_name(state, LOGIN_COOKIE)) else { return page::login_lost() };
    let pending = match state.db.call(move |c| sessions::take_pending(c, &id, now)).await {
        Ok(Some(pending)) => pending,
        Ok(None) => return page::login_lost(),
        Err(e) => return e.into_response(),
    };
    if param(&params, "state") != Some(pending.state.as_str()) {
        tracing::warn!("a login callback with a state its browser did not start");
        return page::login_lost();
    }
    if param(&params, "iss").is_some_and(|iss| iss.trim_end_matches('/') != provider.issuer()) {
        tracing::warn!("a login callback from another issuer");
        return page::login_lost();
    }
    if let Some(error) = param(&params, "error") {
        return page::declined(error, &pending.return_to);
    }
    let Some(code) = param(&params, "code") else { return page::login_lost() };
    let verified = match provider.finish(code, &pending.nonce, &pending.pkce_verifier, &pending.acr).await {
        Ok(verified) => verified,
        Err(e) => {
            tracing::warn!(error = %e, "a login refused");
            return page::failed(&e);
        }
    };
    let token = match state.db.call(move |c| sessions::start(c, &verified, now)).await {
        Ok(token) => token,
        Err(e) => return e.into_response(),
    };
    let mut response = redirect(&pending.return_to);
    response.headers_mut().append(header::SET_COOKIE, set_cookie(state, SESSION_COOKIE, &token, sessions::MAX_SECONDS));
    response
}

/// Ends this browser's session here, then sends it to the provider to end the session there.
async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if !same_origin(&state, &headers) {
        return page::cross_site();
    }
    if let Some(token) = cookie(&headers, &cookie_name(&state, SESSION_COOKIE)) {
        if let Err(e) = state.db.call(move |c| sessions::end(c, &token)).await {
            return e.into_response();
        }
    }
    let next = match &state.oidc {
        Some(provider) => provider.end_session_url().await.unwrap_or_else(|| "/".into()),
        None => "/".into(),
    };
    let mut response = redirect(&next);
    response.headers_mut().append(header::SET_COOKIE, set_cookie(&state, SESSION_COOKIE, "", 0));
    response
}

/// OpenID Connect Back-Channel Logout: the provider posts a signed logout token.
async fn backchannel_logout(State(state): State<AppState>, body: axum::body::Bytes) -> Response {
    let refuse = |why: &str| {
        let body = serde_json::json!({ "error": "invalid_request", "error_description": why });
        (StatusCode::BAD_REQUEST, [(header::CACHE_CONTROL, "no-store")], axum::Json(body)).into_response()
    };
    let Some(provider) = state.oidc.clone() else { return refuse("signing in is off") };
    let form: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().collect();
    let Some(token) = param(&form, "logout_token") else { return refuse("no logout_token") };
    let of = match provider.verify_logout_token(token).await {
        Ok(of) => of,
        Err(e) => {
            tracing::warn!(error = %e, "a logout token refused");
            return refuse("the logout token is not valid");
        }
    };
    let issuer = provider.issuer().to_owned();
    match state.db.call(move |c| sessions::end_by_provider(c, &issuer, &of)).await {
        Ok(ended) => {
            tracing::info!(ended, "back-channel logout");
            (StatusCode::OK, [(header::CACHE_CONTROL, "no-store")]).into_response()
        }
        Err(e) => e.into_response(),
    }
}

fn redirect(to: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(location) = HeaderValue::from_str(to) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The pages a login that cannot go on ends at: what happened and what to do, in Vietnamese
/// with English below.
mod page {
    use super::*;

    const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;line-height:1.5;color:#1b1b1b}\
        main{max-width:36rem;margin:0 auto;padding:1rem}h1{font-size:1.5rem}\
        a{color:#0b5cad}.en{color:#444;border-top:1px solid #ccc;margin-top:1.5rem;padding-top:.5rem}";

    fn show(status: StatusCode, title: &str, what: &str, english: &str, next: &[(&str, String)]) -> Response {
        let body = html! {
            main {
                h1 { (title) }
                p { (what) }
                ul { @for (label, href) in next { li { a href=(href) { (label) } } } }
                p.en lang="en" { (english) }
            }
        };
        let mut response = crate::html::page(crate::html::document(title, STYLE, body), "");
        *response.status_mut() = status;
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }

    fn home() -> (&'static str, String) {
        ("Về trang chủ", "/".to_owned())
    }

    fn again() -> (&'static str, String) {
        ("Đăng nhập lại", "/auth/login".to_owned())
    }

    pub fn sign_in_off() -> Response {
        show(
            StatusCode::NOT_FOUND,
            "Chưa bật đăng nhập bằng VNeID",
            "Cổng dịch vụ công này chưa kết nối tài khoản định danh điện tử. Bạn vẫn nộp và tra cứu hồ sơ được mà không cần đăng nhập.",
            "Signing in with VNeID is not set up here. You can still file and track dossiers without signing in.",
            &[home()],
        )
    }

    pub fn bad_return_to() -> Response {
        show(
            StatusCode::BAD_REQUEST,
            "Địa chỉ quay lại không hợp lệ",
            "Sau khi đăng nhập, bạn chỉ có thể quay lại một trang của Dịch vụ công.",
            "After signing in you can only return to a page of this site.",
            &[home(), again()],
        )
    }

    pub fn login_lost() -> Response {
        show(
            StatusCode::BAD_REQUEST,
            "Phiên đăng nhập không còn hiệu lực",
            "Lần đăng nhập này đã hết hạn, đã được dùng, hoặc không bắt đầu từ trình duyệt này. Chưa có phiên đăng nhập nào được tạo. Hãy đăng nhập lại.",
            "This sign-in expired, was used already or did not start in this browser. No session was started. Please sign in again.",
            &[again(), home()],
        )
    }

    pub fn declined(error: &str, return_to: &str) -> Response {
        let (title, what) = if error == "access_denied" || error == "login_required" {
            ("Bạn chưa đăng nhập", "Bạn đã dừng đăng nhập ở trang định danh điện tử.")
        } else {
            ("Không đăng nhập được", "Nhà cung cấp định danh điện tử từ chối yêu cầu đăng nhập.")
        };
        show(
            StatusCode::BAD_REQUEST,
            title,
            what,
            "The identity provider did not sign you in.",
            &[("Quay lại trang trước", return_to.to_owned()), again()],
        )
    }

    pub fn cross_site() -> Response {
        show(
            StatusCode::FORBIDDEN,
            "Không thực hiện được",
            "Yêu cầu đăng xuất này không đến từ trang Dịch vụ công.",
            "This sign-out request did not come from this site.",
            &[home()],
        )
    }

    pub fn failed(error: &AuthError) -> Response {
        match error {
            AuthError::LevelTooLow { got, wanted } => show(
                StatusCode::FORBIDDEN,
                "Cần tài khoản định danh điện tử mức 2",
                &format!(
                    "Tài khoản của bạn đang ở mức {got}; việc này cần mức {wanted}. Để nâng lên mức 2, hãy đến Công an xã, phường nơi cư trú hoặc nơi làm thủ tục cấp căn cước, mang theo thẻ căn cước. Khi đã nâng mức, hãy đăng nhập lại."
                ),
                "Your e-ID account is level 1; this needs level 2. Raise it at a police office with your ID card, then sign in again.",
                &[home()],
            ),
            AuthError::Unreachable(_) => show(
                StatusCode::SERVICE_UNAVAILABLE,
                "Chưa kết nối được hệ thống định danh điện tử",
                "Hệ thống định danh điện tử đang không trả lời. Hãy thử lại sau ít phút; bạn vẫn nộp hồ sơ được mà không cần đăng nhập.",
                "The e-ID service is not answering. Try again in a few minutes.",
                &[again(), home()],
            ),
            _ => show(
                StatusCode::BAD_REQUEST,
                "Không xác minh được lần đăng nhập",
                "Thông tin đăng nhập nhận được không hợp lệ nên chưa có phiên đăng nhập nào được tạo. Hãy đăng nhập lại.",
                "The sign-in could not be verified, so no session was started. Please sign in again.",
                &[again(), home()],
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_of_this_site_are_returned_to() {
        assert!(safe_return_to("/"));
        assert!(safe_return_to("/nop-ho-so/1.001193?buoc=2"));
        for bad in
            ["https://evil.example", "//evil.example", "/\\evil.example", "evil", "/a b", "", "/x\r\nSet-Cookie:a"]
        {
            assert!(!safe_return_to(bad), "{bad:?}");
        }
    }

    #[test]
    fn a_higher_level_asks_with_the_same_name() {
        assert_eq!(acr_for("LoA1", 1), "LoA1");
        assert_eq!(acr_for("LoA1", 2), "LoA2");
        assert_eq!(acr_for("LoA2", 1), "LoA2");
        assert_eq!(acr_for("http://idp/acr/1", 2), "http://idp/acr/2");
    }

    #[test]
    fn cookies_are_read_by_exact_name() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("x_dvc_session=aa; dvc_session=0f1e; other=1"));
        assert_eq!(cookie(&headers, "dvc_session").as_deref(), Some("0f1e"));
        headers.insert(header::COOKIE, HeaderValue::from_static("dvc_session=not-hex"));
        assert_eq!(cookie(&headers, "dvc_session"), None);
    }
}
