//! What the sign-in tests share (`sign_in*.rs`): the test identity provider (`e2e/idp`) and
//! the server, each on a port of its own ([`World`]), and a browser driven by hand: one cookie
//! jar for 127.0.0.1, no redirect followed unless asked, the provider's login form filled in.

#![allow(dead_code, unused_imports)]

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

use super::common;

pub const LEVEL_2: &str = "001099012345";
pub const LEVEL_1: &str = "026188000111";

/// The provider and the server, each on a port of its own; the provider stops with the test.
pub struct World {
    pub rp: String,
    pub idp: String,
    pub state: AppState,
    pub provider: Arc<Provider>,
    pub child: Child,
}

impl Drop for World {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl World {
    pub async fn start() -> World {
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

    pub fn browser(&self) -> Browser {
        Browser { http: no_redirects(), jar: BTreeMap::new() }
    }
}

pub fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// A browser on 127.0.0.1: one cookie jar for every port (as browsers keep them), no
/// redirect followed unless asked.
pub struct Browser {
    pub http: reqwest::Client,
    pub jar: BTreeMap<String, String>,
}

pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    pub fn location(&self) -> String {
        self.headers.get(LOCATION).map(|l| l.to_str().unwrap().to_owned()).unwrap_or_default()
    }

    pub fn sets_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .find(|v| v.starts_with(&format!("{name}=")) && !v.starts_with(&format!("{name}=;")))
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }
}

impl Browser {
    pub async fn send(&mut self, request: reqwest::RequestBuilder) -> Page {
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

    pub async fn get(&mut self, url: &str) -> Page {
        let request = self.http.get(url);
        self.send(request).await
    }

    pub async fn post_form(&mut self, url: &str, origin: &str, form: &[(&str, &str)]) -> Page {
        let request = self.http.post(url).header(ORIGIN, origin).form(form);
        self.send(request).await
    }

    /// Follows redirects from `url` until one leads to `stop` (not followed) or a page answers.
    pub async fn follow_until(&mut self, mut url: String, stop: &str) -> Result<String, Page> {
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

pub fn absolute(base: &str, location: &str) -> String {
    url::Url::parse(base).unwrap().join(location).unwrap().to_string()
}

pub fn query(url: &str, name: &str) -> Option<String> {
    url::Url::parse(url).unwrap().query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

pub fn with_query(url: &str, name: &str, value: &str) -> String {
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
pub async fn sign_in_at_provider(world: &World, browser: &mut Browser, authorize: String, id_number: &str) -> String {
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
pub async fn start_login(world: &World, browser: &mut Browser, query: &str) -> String {
    let page = browser.get(&format!("{}/auth/login?{query}", world.rp)).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    page.location()
}

/// The whole flow for `id_number`: the callback's answer.
pub async fn sign_in(world: &World, browser: &mut Browser, id_number: &str, query: &str) -> Page {
    let authorize = start_login(world, browser, query).await;
    let callback = sign_in_at_provider(world, browser, authorize, id_number).await;
    browser.get(&callback).await
}

pub async fn session(world: &World, browser: &mut Browser) -> Page {
    browser.get(&format!("{}/api/v1/session", world.rp)).await
}
