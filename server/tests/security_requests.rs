//! What every request and answer must hold: no shared caching of personal answers, JSON
//! bodies only, every error in the JSON shape, names and addresses checked. Each test here
//! failed before its fix.

mod common;
mod security_support;

use security_support::*;

#[tokio::test]
async fn personal_answers_are_never_kept_by_a_cache_and_public_ones_may_be() {
    let dossier = file("no-store").await;
    let (_, bill) = open_bill(&dossier, Some(CCCD)).await;
    let id = bill["id"].as_str().unwrap();
    let personal = [
        post_get(&dossier, CCCD),
        get(&format!("/api/v1/payments/{id}")),
        Request::get("/api/v1/dossiers")
            .header("x-applicant", CCCD)
            .header("x-phone", PHONE)
            .body(Body::empty())
            .unwrap(),
        post(&format!("/api/v1/dossiers/{dossier}/payment"), Some(CCCD), json!({})),
        get("/api/v1/receipts/00000000000000000000000000000000"),
    ];
    for request in personal {
        let uri = request.uri().to_string();
        let response = send(app(), request).await;
        assert_eq!(
            response.headers().get("cache-control").map(|v| v.to_str().unwrap()),
            Some("no-store"),
            "{uri}: {}",
            response.status()
        );
    }
    let response = send(app(), get("/api/v1/procedures/1.001193")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_ne!(
        response.headers().get("cache-control").map(|v| v.to_str().unwrap()),
        Some("no-store"),
        "a public record may be cached"
    );
}

#[tokio::test]
async fn another_site_cannot_file_or_act_with_a_form_post() {
    // What a cross-site form can send without asking the browser first: text/plain.
    let key = "security-cross-site-filing";
    let body = serde_json::to_string(&json!({"procedure_code": "1.004222", "answers": {}})).unwrap();
    let request = Request::post("/api/v1/dossiers")
        .header("content-type", "text/plain")
        .header("idempotency-key", key)
        .body(Body::from(body))
        .unwrap();
    let (status, error) = call(request).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{error}");
    assert_eq!(
        (error["error"]["code"].as_str(), error["error"]["field"].as_str()),
        (Some("unsupported_media_type"), Some("Content-Type"))
    );
    let dossier = file("cross-site").await;
    let request = Request::post(format!("/api/v1/dossiers/{dossier}/withdrawal"))
        .header("content-type", "text/plain")
        .header("x-applicant", CCCD)
        .body(Body::from("{}"))
        .unwrap();
    assert_eq!(call(request).await.0, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(status_of(&dossier), 1);
}

#[tokio::test]
async fn the_officer_endpoint_checks_the_token_before_reading_the_body_and_every_error_is_json() {
    for (kind, body) in
        [("text/plain", "not json"), ("application/json", "{\"status\": \"x\"}"), ("application/json", "")]
    {
        let request = Request::post("/api/v1/officer/dossiers/000.00.00.H62-270310-0001/status")
            .header("content-type", kind)
            .body(Body::from(body))
            .unwrap();
        let (status, error) = call(request).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{kind} {body}: {error}");
        assert_eq!(error["error"]["code"], "unauthorized");
    }
    // Too big, wrong method, unknown address: the same JSON shape.
    let big = format!("{{\"procedure_code\": \"{}\"}}", "x".repeat(2 * 1024 * 1024));
    let too_big = Request::post("/api/v1/dossiers")
        .header("content-type", "application/json")
        .header("idempotency-key", "security-too-big")
        .body(Body::from(big))
        .unwrap();
    for (request, expected) in [
        (too_big, StatusCode::PAYLOAD_TOO_LARGE),
        (Request::delete("/api/v1/procedures/1.001193").body(Body::empty()).unwrap(), StatusCode::METHOD_NOT_ALLOWED),
        (Request::put("/api/v1/dossiers").body(Body::empty()).unwrap(), StatusCode::METHOD_NOT_ALLOWED),
        (get("/api/v1/nothing-here"), StatusCode::NOT_FOUND),
    ] {
        let uri = request.uri().to_string();
        let response = send(app(), request).await;
        assert_eq!(response.status(), expected, "{uri}");
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/json"), "{uri}");
        let body: Value = serde_json::from_slice(&body_bytes(response).await).unwrap_or(Value::Null);
        assert!(body["error"]["code"].is_string() && body["error"]["message"].is_string(), "{uri}: {body}");
    }
}

/// A change made to a good filing's body.
type Edit = dyn Fn(&mut Value);

#[tokio::test]
async fn names_and_addresses_are_checked_for_length_control_and_direction_characters_and_unknown_answers_are_refused() {
    let good = birth_registration(app(), "01/03/2027").await;
    let cases: [(&str, &Edit, &str); 6] = [
        ("rlo", &|b| b["answers"]["applicant"]["full_name"] = json!("Nguyễn Thị \u{202E}naL"), "applicant.full_name"),
        ("nul", &|b| b["answers"]["applicant"]["full_name"] = json!("Nguyễn Thị Lan\u{0000}"), "applicant.full_name"),
        (
            "markup",
            &|b| b["answers"]["applicant"]["full_name"] = json!("<img src=x onerror=alert(1)>"),
            "applicant.full_name",
        ),
        (
            "long-commune",
            &|b| b["answers"]["applicant"]["address"]["commune"] = json!("x".repeat(5000)),
            "applicant.address.commune",
        ),
        ("unknown-field", &|b| b["answers"]["fields"]["ghi_chu_la"] = json!("giá trị lạ"), "fields.ghi_chu_la"),
        ("unknown-slot", &|b| b["answers"]["documents"]["khong_co"] = json!([]), "documents.khong_co"),
    ];
    for (name, change, path) in cases {
        let mut body = good.clone();
        change(&mut body);
        let (status, error) = submit_dossier(app(), &format!("security-input-{name}"), &body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{name}: {error}");
        let paths: Vec<&str> = error["errors"].as_array().unwrap().iter().filter_map(|e| e["field"].as_str()).collect();
        assert!(paths.contains(&path), "{name}: {paths:?}");
    }
    let (status, filed) = submit_dossier(app(), "security-input-good", &good).await;
    assert_eq!(status, StatusCode::CREATED, "the same answers without the mistake are filed: {filed}");
}
