//! Signing in with the e-ID against a real OpenID Connect provider: the test identity provider
//! (`e2e/idp`, npm oidc-provider), started by each test beside the server on real ports, and
//! driven as a browser would (its login form, its cookies, its redirects). The protocol: the
//! code flow, and each attack the issue lists (state, issuer, replayed code, nonce, audience,
//! expiry, logout, back-channel logout, return address) leaves no session.

mod common;
mod sign_in_support;

use std::time::Duration;

use dvc_server::auth::sessions::IDLE_SECONDS;
use reqwest::header::ORIGIN;
use reqwest::StatusCode;
use serde_json::json;
use sign_in_support::*;

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
