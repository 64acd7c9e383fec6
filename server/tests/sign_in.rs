//! Signing in with the e-ID against a real OpenID Connect provider: the test identity provider
//! (`e2e/idp`, npm oidc-provider), started by each test beside the server on real ports, and
//! driven as a browser would (its login form, its cookies, its redirects). Each attack the
//! issue lists is tried and must leave no session.

mod common;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use dvc_server::auth::oidc::{OidcSettings, Provider};
use dvc_server::auth::sessions::IDLE_SECONDS;
use dvc_server::clock::Clock;
use dvc_server::AppState;
use reqwest::header::{HeaderMap, COOKIE, LOCATION, ORIGIN, SET_COOKIE};
use reqwest::StatusCode;
use serde_json::{json, Value};

const LEVEL_2: &str = "001099012345";
const LEVEL_1: &str = "026188000111";

/// The provider and the server, each on a port of its own; the provider stops with the test.
struct World {
    rp: String,
    idp: String,
    state: AppState,
    provider: Arc<Provider>,
    child: Child,
}

impl Drop for World {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl World {
    async fn start() -> World {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let rp = format!("http://{}", listener.local_addr().unwrap());
        let port = free_port();
        let idp = format!("http://127.0.0.1:{port}");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let child = Command::new("node")
            .arg("--no-warnings")
            .arg(root.join("e2e/idp/server.mjs"))
            .env("IDP_PORT", port.to_string())
            .env("RP_BASE", &rp)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("node runs the test identity provider (npm ci first: scripts/ensure-tools.sh)");
        let http = reqwest::Client::new();
        let discovery = format!("{idp}/.well-known/openid-configuration");
        let mut ready = false;
        for _ in 0..100 {
            if http.get(&discovery).send().await.is_ok_and(|r| r.status().is_success()) {
                ready = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(ready, "the test identity provider answers at {idp}");
        let provider = Arc::new(
            Provider::new(OidcSettings {
                issuer: idp.clone(),
                client_id: "dvc-app".into(),
                client_secret: "test-only-secret".into(),
                scopes: ["openid", "profile", "phone", "email", "address"].map(String::from).to_vec(),
                acr: "LoA1".into(),
                public_url: rp.clone(),
            })
            .unwrap(),
        );
        let state = AppState {
            oidc: Some(provider.clone()),
            public_url: rp.clone(),
            clock: Clock::pinned(common::now()),
            ..common::state()
        };
        let app = dvc_server::router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
        tokio::spawn(async move { axum::serve(listener, app).await });
        World { rp, idp, state, provider, child }
    }

    fn browser(&self) -> Browser {
        Browser { http: no_redirects(), jar: BTreeMap::new() }
    }
}

fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// A browser on 127.0.0.1: one cookie jar for every port (as browsers keep them), no
/// redirect followed unless asked.
struct Browser {
    http: reqwest::Client,
    jar: BTreeMap<String, String>,
}

struct Page {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Page {
    fn location(&self) -> String {
        self.headers.get(LOCATION).map(|l| l.to_str().unwrap().to_owned()).unwrap_or_default()
    }

    fn sets_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .find(|v| v.starts_with(&format!("{name}=")) && !v.starts_with(&format!("{name}=;")))
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }
}

impl Browser {
    async fn send(&mut self, request: reqwest::RequestBuilder) -> Page {
        let cookies: Vec<String> = self.jar.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let request = if cookies.is_empty() { request } else { request.header(COOKIE, cookies.join("; ")) };
        let response = request.send().await.expect("the server answers");
        for set in response.headers().get_all(SET_COOKIE) {
            let set = set.to_str().unwrap();
            let (pair, attributes) = set.split_once(';').unwrap_or((set, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if value.is_empty() || attributes.contains("Max-Age=0") || attributes.contains("expires=Thu, 01 Jan 1970") {
                self.jar.remove(name.trim());
            } else {
                self.jar.insert(name.trim().to_owned(), value.to_owned());
            }
        }
        Page { status: response.status(), headers: response.headers().clone(), body: response.text().await.unwrap() }
    }

    async fn get(&mut self, url: &str) -> Page {
        let request = self.http.get(url);
        self.send(request).await
    }

    async fn post_form(&mut self, url: &str, origin: &str, form: &[(&str, &str)]) -> Page {
        let request = self.http.post(url).header(ORIGIN, origin).form(form);
        self.send(request).await
    }

    /// Follows redirects from `url` until one leads to `stop` (not followed) or a page answers.
    async fn follow_until(&mut self, mut url: String, stop: &str) -> Result<String, Page> {
        for _ in 0..10 {
            if url.starts_with(stop) {
                return Ok(url);
            }
            let page = self.get(&url).await;
            if !page.status.is_redirection() {
                return Err(page);
            }
            url = absolute(&url, &page.location());
        }
        panic!("too many redirects from {url}");
    }
}

fn absolute(base: &str, location: &str) -> String {
    url::Url::parse(base).unwrap().join(location).unwrap().to_string()
}

fn query(url: &str, name: &str) -> Option<String> {
    url::Url::parse(url).unwrap().query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

fn with_query(url: &str, name: &str, value: &str) -> String {
    let mut parsed = url::Url::parse(url).unwrap();
    let pairs: Vec<(String, String)> = parsed
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == name { value.to_owned() } else { v.into_owned() };
            (k.into_owned(), v)
        })
        .collect();
    parsed.query_pairs_mut().clear().extend_pairs(pairs);
    parsed.to_string()
}

/// Signs in at the provider's login page from its authorization address: the callback
/// address it sends the browser to (not followed).
async fn sign_in_at_provider(world: &World, browser: &mut Browser, authorize: String, id_number: &str) -> String {
    let login = browser.follow_until(authorize, &format!("{}/auth/callback", world.rp)).await;
    let page = login.expect_err("the provider shows its login page");
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("THỬ NGHIỆM") && page.body.contains("Số định danh cá nhân"), "{}", page.body);
    let action = page.body.split("action=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let form = [("so_dinh_danh", id_number), ("mat_khau", "Test@12345"), ("otp", "123456")];
    let posted = browser.post_form(&format!("{}{action}", world.idp), &world.idp, &form).await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.body);
    let next = absolute(&world.idp, &posted.location());
    browser.follow_until(next, &format!("{}/auth/callback", world.rp)).await.unwrap_or_else(|p| panic!("{}", p.body))
}

/// `/auth/login` with `query`: the provider's authorization address it redirects to.
async fn start_login(world: &World, browser: &mut Browser, query: &str) -> String {
    let page = browser.get(&format!("{}/auth/login?{query}", world.rp)).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    page.location()
}

/// The whole flow for `id_number`: the callback's answer.
async fn sign_in(world: &World, browser: &mut Browser, id_number: &str, query: &str) -> Page {
    let authorize = start_login(world, browser, query).await;
    let callback = sign_in_at_provider(world, browser, authorize, id_number).await;
    browser.get(&callback).await
}

async fn session(world: &World, browser: &mut Browser) -> Page {
    browser.get(&format!("{}/api/v1/session", world.rp)).await
}

#[tokio::test]
async fn the_code_flow_with_pkce_signs_a_citizen_in() {
    let world = World::start().await;
    let mut browser = world.browser();
    let authorize = start_login(&world, &mut browser, "return_to=%2Fho-so-cua-toi").await;
    assert!(authorize.starts_with(&format!("{}/auth?", world.idp)), "{authorize}");
    assert_eq!(query(&authorize, "response_type").as_deref(), Some("code"));
    assert_eq!(query(&authorize, "code_challenge_method").as_deref(), Some("S256"));
    assert_eq!(query(&authorize, "acr_values").as_deref(), Some("LoA1"));
    assert!(query(&authorize, "code_challenge").is_some_and(|c| c.len() == 43), "{authorize}");
    assert!(query(&authorize, "nonce").is_some_and(|n| n.len() == 32));
    assert!(query(&authorize, "state").is_some_and(|s| s.len() == 32));
    // The pending login is tied to this browser by an HttpOnly cookie.
    assert!(browser.jar.contains_key("dvc_login"));

    let callback = sign_in_at_provider(&world, &mut browser, authorize, LEVEL_2).await;
    assert!(query(&callback, "code").is_some() && query(&callback, "iss").as_deref() == Some(world.idp.as_str()));
    let page = browser.get(&callback).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location(), "/ho-so-cua-toi");
    let cookie = page.sets_cookie("dvc_session").expect("a session cookie");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"), "{cookie}");
    assert!(!browser.jar.contains_key("dvc_login"), "the pending login's cookie is cleared");

    let me = session(&world, &mut browser).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.body);
    let me = me.json();
    assert_eq!(me["citizen"]["full_name"], "Nguyễn Văn An");
    assert_eq!(me["citizen"]["id_number"], LEVEL_2);
    assert_eq!(me["citizen"]["birth_date"], "17/05/1999");
    assert_eq!(me["citizen"]["sex"], "male");
    assert_eq!(me["citizen"]["phone"], "0912345678");
    assert_eq!(me["id_number_masked"], "001******345");
    assert_eq!(me["level"], 2);
    assert_eq!(me["ends_in_seconds"], IDLE_SECONDS);

    let state = browser.get(&format!("{}/api/v1/session/state", world.rp)).await.json();
    assert_eq!(state, json!({"sign_in": true, "full_name": "Nguyễn Văn An", "level": 2}));

    // A stranger (another browser) is no one.
    let mut stranger = world.browser();
    let page = session(&world, &mut stranger).await;
    assert_eq!((page.status, page.json()["error"]["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("not_signed_in")));
    let state = stranger.get(&format!("{}/api/v1/session/state", world.rp)).await;
    assert_eq!(
        (state.status, state.json()),
        (StatusCode::OK, json!({"sign_in": true, "full_name": null, "level": null}))
    );
}

#[tokio::test]
async fn a_tampered_state_or_issuer_starts_no_session() {
    let world = World::start().await;
    for (name, value) in [("state", "0123456789abcdef0123456789abcdef"), ("iss", "http://127.0.0.1:1")] {
        let mut browser = world.browser();
        let authorize = start_login(&world, &mut browser, "return_to=%2F").await;
        let callback = sign_in_at_provider(&world, &mut browser, authorize, LEVEL_2).await;
        let page = browser.get(&with_query(&callback, name, value)).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{name}: {}", page.body);
        assert!(page.body.contains("Phiên đăng nhập không còn hiệu lực"), "{}", page.body);
        assert!(page.sets_cookie("dvc_session").is_none(), "{name}");
        assert_eq!(session(&world, &mut browser).await.status, StatusCode::UNAUTHORIZED);
        // The real answer is spent too: the pending login went with the first try.
        let again = browser.get(&callback).await;
        assert_eq!(again.status, StatusCode::BAD_REQUEST);
        assert_eq!(session(&world, &mut browser).await.status, StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn a_replayed_code_is_refused() {
    let world = World::start().await;
    let mut browser = world.browser();
    let authorize = start_login(&world, &mut browser, "").await;
    let callback = sign_in_at_provider(&world, &mut browser, authorize, LEVEL_2).await;
    assert_eq!(browser.get(&callback).await.status, StatusCode::SEE_OTHER);

    // The same answer again in the same browser: its login is spent.
    let mut same = Browser { http: no_redirects(), jar: browser.jar.clone() };
    same.jar.remove("dvc_session");
    let page = same.get(&callback).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", page.body);
    assert!(page.sets_cookie("dvc_session").is_none());

    // An attacker's own login, given the stolen code under its own state: the provider
    // refuses a used code (and its PKCE verifier is not the code's).
    let mut attacker = world.browser();
    let theirs = start_login(&world, &mut attacker, "").await;
    let forged = with_query(&callback, "state", &query(&theirs, "state").unwrap());
    let page = attacker.get(&forged).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", page.body);
    assert!(page.body.contains("Không xác minh được"), "{}", page.body);
    assert!(page.sets_cookie("dvc_session").is_none());
    assert_eq!(session(&world, &mut attacker).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_wrong_nonce_or_audience_is_refused() {
    let world = World::start().await;
    // The provider is asked with another nonce than the one the server keeps.
    let mut browser = world.browser();
    let authorize = start_login(&world, &mut browser, "").await;
    let authorize = with_query(&authorize, "nonce", "fedcba9876543210fedcba9876543210");
    let callback = sign_in_at_provider(&world, &mut browser, authorize, LEVEL_2).await;
    let page = browser.get(&callback).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", page.body);
    assert!(page.body.contains("Không xác minh được"));
    assert!(page.sets_cookie("dvc_session").is_none());

    // An ID token the same provider issued to another client, with the right nonce.
    let (token, nonce) = id_token_for_other_client(&world).await;
    let refused = world.provider.verify_id_token(&token, &nonce).await.expect_err("another client's token");
    assert!(refused.to_string().contains("audience") || refused.to_string().contains("aud"), "{refused}");
    // The same token's check with a wrong nonce fails too, and the right client's own
    // verification is what refused it (not a broken token).
    assert!(world.provider.verify_id_token(&token, "wrong").await.is_err());
    assert!(world.provider.verify_id_token("not.a.token", &nonce).await.is_err());
}

/// The provider's code flow as the client `other-app`: its ID token and the nonce it carries.
async fn id_token_for_other_client(world: &World) -> (String, String) {
    use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
    use openidconnect::{
        AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, PkceCodeChallenge, RedirectUrl,
        TokenResponse,
    };
    let http = no_redirects();
    let metadata =
        CoreProviderMetadata::discover_async(IssuerUrl::new(world.idp.clone()).unwrap(), &http).await.unwrap();
    let client = CoreClient::from_provider_metadata(
        metadata,
        ClientId::new("other-app".into()),
        Some(ClientSecret::new("other-test-only-secret".into())),
    )
    .set_redirect_uri(RedirectUrl::new(format!("{}/other/callback", world.rp)).unwrap());
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (authorize, _, nonce) = client
        .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
        .set_pkce_challenge(challenge)
        .url();
    let mut browser = world.browser();
    let login = browser.follow_until(authorize.to_string(), &format!("{}/other/callback", world.rp)).await;
    let page = login.expect_err("the login page");
    let action = page.body.split("action=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let form = [("so_dinh_danh", LEVEL_2), ("mat_khau", "Test@12345"), ("otp", "123456")];
    let posted = browser.post_form(&format!("{}{action}", world.idp), &world.idp, &form).await;
    let callback = browser
        .follow_until(absolute(&world.idp, &posted.location()), &format!("{}/other/callback", world.rp))
        .await
        .unwrap_or_else(|p| panic!("{}", p.body));
    let code = query(&callback, "code").unwrap();
    let tokens = client
        .exchange_code(AuthorizationCode::new(code))
        .unwrap()
        .set_pkce_verifier(verifier)
        .request_async(&http)
        .await
        .unwrap();
    (tokens.id_token().unwrap().to_string(), nonce.secret().clone())
}

#[tokio::test]
async fn a_session_ends_when_idle_and_at_its_limit() {
    let world = World::start().await;
    let mut browser = world.browser();
    sign_in(&world, &mut browser, LEVEL_2, "").await;
    assert_eq!(session(&world, &mut browser).await.status, StatusCode::OK);
    world.state.clock.advance(IDLE_SECONDS - 60);
    assert_eq!(session(&world, &mut browser).await.status, StatusCode::OK, "activity keeps it alive");
    world.state.clock.advance(IDLE_SECONDS + 1);
    let page = session(&world, &mut browser).await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED, "{}", page.body);

    // Busy all day, a session still ends twelve hours after it started.
    let mut busy = world.browser();
    sign_in(&world, &mut busy, LEVEL_2, "").await;
    for _ in 0..(12 * 60 / 20) {
        world.state.clock.advance(20 * 60);
        if session(&world, &mut busy).await.status != StatusCode::OK {
            break;
        }
    }
    assert_eq!(session(&world, &mut busy).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn logout_ends_the_session_here_and_at_the_provider() {
    let world = World::start().await;
    let mut browser = world.browser();
    sign_in(&world, &mut browser, LEVEL_2, "").await;
    // Another site cannot sign the citizen out, by its origin or by what the browser says.
    let page = browser.post_form(&format!("{}/auth/logout", world.rp), "https://evil.example", &[]).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let logout = format!("{}/auth/logout", world.rp);
    let cross_site = browser.http.post(&logout).header("sec-fetch-site", "cross-site").header(ORIGIN, "null");
    assert_eq!(browser.send(cross_site).await.status, StatusCode::FORBIDDEN);
    assert_eq!(session(&world, &mut browser).await.status, StatusCode::OK);

    // The app's own form: the browser says same-origin (and, under no-referrer, `Origin: null`).
    let request = browser.http.post(&logout).header("sec-fetch-site", "same-origin").header(ORIGIN, "null");
    let page = browser.send(request).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let end = page.location();
    assert!(end.starts_with(&format!("{}/session/end?", world.idp)), "{end}");
    assert_eq!(query(&end, "client_id").as_deref(), Some("dvc-app"));
    assert_eq!(query(&end, "post_logout_redirect_uri"), Some(format!("{}/", world.rp)));
    assert_eq!(session(&world, &mut browser).await.status, StatusCode::UNAUTHORIZED);
    let confirm = browser.get(&end).await;
    assert!(confirm.body.contains("Đăng xuất khỏi tài khoản định danh?"), "{}", confirm.body);
}

#[tokio::test]
async fn the_providers_back_channel_logout_ends_the_session() {
    let world = World::start().await;
    let mut browser = world.browser();
    sign_in(&world, &mut browser, LEVEL_2, "").await;
    let mut other_device = world.browser();
    sign_in(&world, &mut other_device, LEVEL_2, "").await;

    // A logout token nobody signed changes nothing.
    let forged = reqwest::Client::new()
        .post(format!("{}/auth/backchannel-logout", world.rp))
        .form(&[("logout_token", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ2bmVpZC10ZXN0LTAwMDEifQ.")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::BAD_REQUEST);
    assert_eq!(session(&world, &mut browser).await.status, StatusCode::OK);

    // The citizen signs out at the provider itself (another app's sign-out, say): the
    // provider posts a signed logout token to this server for this browser's session.
    let confirm = browser.get(&format!("{}/session/end?client_id=dvc-app", world.idp)).await;
    assert_eq!(confirm.status, StatusCode::OK, "{}", confirm.body);
    let action = confirm.body.split("action=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let xsrf = confirm.body.split("name=\"xsrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let done =
        browser.post_form(&absolute(&world.idp, &action), &world.idp, &[("xsrf", &xsrf), ("logout", "yes")]).await;
    assert!(done.status.is_redirection() || done.status.is_success(), "{}", done.body);
    let mut ended = false;
    for _ in 0..50 {
        if session(&world, &mut browser).await.status == StatusCode::UNAUTHORIZED {
            ended = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(ended, "the back-channel logout ended this browser's session");
    assert_eq!(
        session(&world, &mut other_device).await.status,
        StatusCode::OK,
        "only the provider's session named (sid)"
    );
}

#[tokio::test]
async fn a_return_address_on_another_site_is_refused() {
    let world = World::start().await;
    for bad in ["https%3A%2F%2Fevil.example", "%2F%2Fevil.example", "%2F%5Cevil.example"] {
        let mut browser = world.browser();
        let page = browser.get(&format!("{}/auth/login?return_to={bad}", world.rp)).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(page.location().is_empty() && !browser.jar.contains_key("dvc_login"), "{bad}");
        assert!(page.body.contains("Địa chỉ quay lại không hợp lệ"));
    }
}

/// A residence registration whose body names someone else than the signed-in citizen.
async fn residence_naming_someone_else(world: &World) -> Value {
    let upload = common::upload_pdf(world.state.clone(), "so-ho-khau.pdf").await;
    json!({
        "procedure_code": "1.004222",
        "answers": {
            "applicant": {
                "kind": "citizen", "full_name": "Kẻ Mạo Danh", "id_number": "079000000001", "birth_date": "01/01/1970",
                "sex": "female", "phone": "0987000111", "email": "",
                "address": {"province": "Thành phố Hà Nội", "district": "Quận Hoàn Kiếm", "commune": "Phường Hoàn Kiếm", "street": "Số 12 phố Hàng Bài"}
            },
            "fields": {"dia_chi_moi": "Số 12 phố Hàng Bài", "ho_ten_chu_ho": "Nguyễn Văn An", "dinh_danh_chu_ho": LEVEL_2,
                       "quan_he_chu_ho": "chu_ho", "truong_hop": "nha_so_huu"},
            "documents": {"giay_to_1": [upload]}
        }
    })
}

async fn file(world: &World, browser: &mut Browser, body: &Value, key: &str, ours: bool) -> Page {
    let mut request =
        browser.http.post(format!("{}/api/v1/dossiers", world.rp)).header("idempotency-key", key).json(body);
    if ours {
        request = request.header(ORIGIN, &world.rp).header("x-requested-with", "dichvucong");
    }
    browser.send(request).await
}

#[tokio::test]
async fn a_dossier_filed_signed_in_takes_the_identity_from_the_session() {
    let world = World::start().await;
    let mut browser = world.browser();
    sign_in(&world, &mut browser, LEVEL_2, "").await;
    let body = residence_naming_someone_else(&world).await;

    // The session cookie without the app's header, or from another origin: refused.
    let page = file(&world, &mut browser, &body, "sign-in-cross-site-1", false).await;
    assert_eq!(
        (page.status, page.json()["error"]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("cross_site_request"))
    );
    let request = browser
        .http
        .post(format!("{}/api/v1/dossiers", world.rp))
        .header("idempotency-key", "sign-in-cross-site-2")
        .header(ORIGIN, "https://evil.example")
        .header("x-requested-with", "dichvucong")
        .json(&body);
    assert_eq!(browser.send(request).await.status, StatusCode::FORBIDDEN);

    let page = file(&world, &mut browser, &body, "sign-in-identity-1", true).await;
    assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
    let code = page.json()["code"].as_str().unwrap().to_owned();
    let (name, id_number, level): (String, String, Option<u8>) = world.state.db.with(|c| {
        c.query_row(
            "SELECT applicant_name, applicant_id_number, eid_level FROM dossiers WHERE code = ?1",
            [&code],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
    });
    assert_eq!((name.as_str(), id_number.as_str(), level), ("Nguyễn Văn An", LEVEL_2, Some(2)));

    // Hồ sơ của tôi, from any device, after signing in again.
    let mut phone = world.browser();
    sign_in(&world, &mut phone, LEVEL_2, "").await;
    let mine = phone.get(&format!("{}/api/v1/session/dossiers", world.rp)).await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
    let mine = mine.json();
    let found = mine.as_array().unwrap().iter().find(|d| d["code"] == code.as_str()).expect("the dossier is listed");
    assert_eq!(found["eid_level"], 2);
    assert!(found["procedure_code"].as_str().unwrap().starts_with("1.004222"), "{found}");
    // Its page opens by the session alone, on the other device, and for nobody else.
    let view = phone.get(&format!("{}/api/v1/dossiers/{code}", world.rp)).await;
    assert_eq!(view.status, StatusCode::OK, "{}", view.body);
    assert_eq!(view.json()["read_only"], false);
    let mut level_1 = world.browser();
    sign_in(&world, &mut level_1, LEVEL_1, "").await;
    assert_eq!(level_1.get(&format!("{}/api/v1/dossiers/{code}", world.rp)).await.status, StatusCode::NOT_FOUND);
    // Nobody else's list has it, and without a session there is no list.
    let mut stranger = world.browser();
    assert_eq!(stranger.get(&format!("{}/api/v1/session/dossiers", world.rp)).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_level_1_citizen_is_sent_to_step_up_for_a_level_2_procedure() {
    let world = World::start().await;
    let mut browser = world.browser();
    let page = sign_in(&world, &mut browser, LEVEL_1, "").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(session(&world, &mut browser).await.json()["level"], 1);

    // Household business registration asks for level 2.
    let body = json!({"procedure_code": "1.001612", "answers": {"applicant": {"kind": "citizen", "full_name": "x",
        "id_number": "x", "phone": "x", "address": {"province": "", "district": "", "commune": "", "street": ""}}}});
    let page = file(&world, &mut browser, &body, "sign-in-level-1", true).await;
    assert_eq!(
        (page.status, page.json()["error"]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("eid_level_too_low"))
    );
    let mut anonymous = world.browser();
    let page = file(&world, &mut anonymous, &body, "sign-in-level-0", false).await;
    assert_eq!((page.status, page.json()["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some("eid_required")));

    // Asking for level 2 makes the provider ask for the password again, and a level-1
    // account's answer starts no session but explains how to step up.
    let authorize = start_login(&world, &mut browser, "level=2&return_to=%2Fnop-ho-so%2F1.001612").await;
    assert_eq!(query(&authorize, "acr_values").as_deref(), Some("LoA2"));
    assert_eq!(query(&authorize, "prompt").as_deref(), Some("login"));
    let callback = sign_in_at_provider(&world, &mut browser, authorize, LEVEL_1).await;
    let page = browser.get(&callback).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN, "{}", page.body);
    assert!(page.body.contains("Cần tài khoản định danh điện tử mức 2"), "{}", page.body);
    assert!(page.sets_cookie("dvc_session").is_none());
}

#[tokio::test]
async fn signing_in_is_off_unless_configured() {
    // The shared state has no provider: the login page says so, and the session is no one.
    let page =
        common::send(common::state(), axum::http::Request::get("/auth/login").body(axum::body::Body::empty()).unwrap())
            .await;
    assert_eq!(page.status(), StatusCode::NOT_FOUND);
    let (status, body) = common::get("/api/v1/session").await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("sign_in_off")));
    let (status, body) = common::get("/api/v1/session/state").await;
    assert_eq!((status, body), (StatusCode::OK, json!({"sign_in": false, "full_name": null, "level": null})));
}
