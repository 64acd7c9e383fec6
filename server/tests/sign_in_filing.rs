//! What signing in changes, against the real test identity provider: a dossier filed signed in
//! takes its identity from the session (and only from this site's pages), the account lists and
//! opens it on another device, a level-1 account is sent to step up, and without a provider
//! configured signing in is off.

mod common;
mod sign_in_support;

use reqwest::header::ORIGIN;
use reqwest::StatusCode;
use serde_json::{json, Value};
use sign_in_support::*;

/// A residence registration whose body names someone else than the signed-in citizen.
async fn residence_naming_someone_else(world: &World) -> Value {
    let upload = common::upload_pdf(world.state.clone(), "so-ho-khau.pdf").await;
    json!({
        "procedure_code": "1.004222",
        "answers": {
            "applicant": {
                "kind": "citizen", "full_name": "Kẻ Mạo Danh", "id_number": "079000000001", "birth_date": "01/01/1970",
                "sex": "female", "phone": "0987000111", "email": "",
                "address": common::home_address("Số 12 phố Hàng Bài")
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
            dvc_server::params![&code],
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
