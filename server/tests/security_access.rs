//! Who may read or change a dossier: a phone reads but changes nothing, wrong identities are
//! limited per code and per real client, each status allows exactly its actions, and the
//! applicant is proved before a body is read. Each test here failed before its fix.

mod common;
mod security_support;

use security_support::*;

#[tokio::test]
async fn a_phone_number_reads_a_dossier_but_changes_nothing() {
    let dossier = file("phone").await;
    let (status, seen) = call(post_get(&dossier, PHONE)).await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    assert_eq!(seen["read_only"], true);
    assert_eq!(seen["actions"], json!({"supplement": false, "withdraw": false, "pay": false, "rate": false}));
    let (status, body) =
        call(post(&format!("/api/v1/dossiers/{dossier}/withdrawal"), Some(PHONE), json!({"reason": "không phải tôi"})))
            .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(status_of(&dossier), 1, "not withdrawn");
    set_status(&dossier, 10);
    let (status, body) =
        call(post(&format!("/api/v1/dossiers/{dossier}/rating"), Some(PHONE), json!({"stars": 1}))).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    // The applicant, with the ID number, can still rate: nobody locked them out.
    let (status, body) =
        call(post(&format!("/api/v1/dossiers/{dossier}/rating"), Some(CCCD), json!({"stars": 5}))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["read_only"], false);
}

#[tokio::test]
async fn wrong_identities_for_one_dossier_are_limited_whoever_sends_them() {
    let dossier = file("per-code").await;
    let fresh = AppState {
        lookups: Arc::new(RateLimiter::new("lookups-fresh-100000", 100_000, Duration::from_secs(60))),
        ..app()
    };
    // Guesses of the phone from many addresses: each client is under its own limit.
    let mut last = StatusCode::OK;
    for n in 0..12 {
        let request = from(&format!("198.51.100.{n}"), post_get(&dossier, &format!("09876500{n:02}")), None);
        last = call_on(fresh.clone(), request).await.0;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS, "the dossier's own limit stops a spread-out guess");
    // Other dossiers are not affected.
    let other = file("per-code-other").await;
    assert_eq!(call_on(fresh.clone(), from("198.51.100.200", post_get(&other, CCCD), None)).await.0, StatusCode::OK);
}

/// Every status × every citizen action over HTTP, against the national rules written out here
/// (not computed from the core): the server must refuse what the status does not allow.
#[tokio::test]
async fn each_status_allows_exactly_its_citizen_actions() {
    // Status codes 1–10; per action, the statuses that allow it (a fee not yet paid).
    let allowed: [(&str, &[u8]); 4] =
        [("supplement", &[5]), ("withdraw", &[1, 2, 4, 5]), ("pay", &[1, 2, 4, 5, 6]), ("rate", &[10])];
    let upload = upload_pdf(app(), "bo-sung.pdf").await;
    let mut wrong = Vec::new();
    for (action, statuses) in allowed {
        for status in 1..=10u8 {
            let dossier = file(&format!("table-{action}-{status}")).await;
            set_status(&dossier, status);
            let (uri, body) = match action {
                "supplement" => ("supplements", json!({"uploads": [upload], "note": ""})),
                "withdraw" => ("withdrawal", json!({"reason": "nộp nhầm"})),
                "pay" => ("payment", json!({})),
                _ => ("rating", json!({"stars": 4})),
            };
            let (got, answer) = call(post(&format!("/api/v1/dossiers/{dossier}/{uri}"), Some(CCCD), body)).await;
            let expected = statuses.contains(&status);
            if got.is_success() != expected {
                wrong.push(format!("{action} in status {status}: {got} {answer}"));
            } else if !expected && (got != StatusCode::CONFLICT || status_of(&dossier) != status) {
                wrong.push(format!(
                    "{action} in status {status}: refused with {got}, status now {}",
                    status_of(&dossier)
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[tokio::test]
async fn a_citizen_action_proves_the_applicant_before_its_body_is_read() {
    let dossier = file("auth-first").await;
    for action in ["supplements", "withdrawal", "rating"] {
        let uri = format!("/api/v1/dossiers/{dossier}/{action}");
        for who in [None, Some(PHONE), Some("001099000001")] {
            // A stranger learns nothing from how a broken body is refused: the dossier is "not found".
            let request = Request::post(&uri).header("content-type", "application/json");
            let request = match who {
                Some(who) => request.header("x-applicant", who),
                None => request,
            };
            let (status, error) = call(request.body(Body::from("{\"stars\": ")).unwrap()).await;
            assert_eq!(
                (status, error["error"]["code"].as_str()),
                (StatusCode::NOT_FOUND, Some("dossier_not_found")),
                "{action} as {who:?}: {error}"
            );
        }
        // The applicant is told what is wrong with the body.
        let request = Request::post(&uri)
            .header("content-type", "application/json")
            .header("x-applicant", CCCD)
            .body(Body::from("{\"stars\": "))
            .unwrap();
        let (status, error) = call(request).await;
        assert!(matches!(status, StatusCode::BAD_REQUEST | StatusCode::CONFLICT), "{action}: {status} {error}");
    }
    let request = Request::post(format!("/api/v1/dossiers/{dossier}/withdrawal"))
        .header("content-type", "application/json")
        .header("x-applicant", CCCD)
        .body(Body::from("{\"reason\": "))
        .unwrap();
    let (status, error) = call(request).await;
    assert_eq!((status, error["error"]["code"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_json")), "{error}");
    // A reason that could spoof what an officer reads (a right-to-left override) is refused by field.
    let (status, error) =
        call(post(&format!("/api/v1/dossiers/{dossier}/withdrawal"), Some(CCCD), json!({"reason": "đổi ý\u{202E}"})))
            .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
    assert!(error.to_string().contains("reason"), "{error}");
    assert_eq!(status_of(&dossier), 1);
}

#[tokio::test]
async fn polling_one_s_own_dossiers_costs_nothing_and_wrong_guesses_are_counted_per_real_client() {
    let dossier = file("polling").await;
    let limited = AppState {
        lookups: Arc::new(RateLimiter::new("lookups-fresh-3", 3, Duration::from_secs(60))),
        trusted_proxies: Arc::new(dvc_server::clients::Networks::parse("10.9.0.1").unwrap()),
        kiosk_networks: Arc::new(dvc_server::clients::Networks::parse("192.168.50.0/24").unwrap()),
        ..app()
    };
    let through_proxy = |client: &str, request: Request<Body>| {
        let mut request = from("10.9.0.1", request, None);
        request.headers_mut().insert("x-forwarded-for", client.parse().unwrap());
        request
    };
    // "Hồ sơ của tôi" asks every minute: found lookups do not spend the budget of failures.
    for _ in 0..20 {
        assert_eq!(
            call_on(limited.clone(), through_proxy("203.0.113.20", post_get(&dossier, CCCD))).await.0,
            StatusCode::OK
        );
    }
    // Wrong guesses: three per client, each client behind the proxy counted apart.
    let guess = |n: u32| post_get(&format!("000.00.00.H62-270310-{n:04}"), CCCD);
    for n in 0..3 {
        assert_eq!(call_on(limited.clone(), through_proxy("203.0.113.20", guess(n))).await.0, StatusCode::NOT_FOUND);
    }
    assert_eq!(
        call_on(limited.clone(), through_proxy("203.0.113.20", guess(9))).await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        call_on(limited.clone(), through_proxy("203.0.113.21", guess(9))).await.0,
        StatusCode::NOT_FOUND,
        "another citizen behind the proxy"
    );
    // Writing one's own X-Forwarded-For from outside does not give a fresh budget.
    for n in 0..4 {
        let mut request = from("198.51.100.40", guess(n), None);
        request.headers_mut().insert("x-forwarded-for", format!("192.0.2.{n}").parse().unwrap());
        let status = call_on(limited.clone(), request).await.0;
        assert_eq!(status, if n < 3 { StatusCode::NOT_FOUND } else { StatusCode::TOO_MANY_REQUESTS }, "guess {n}");
    }
    // Addresses of one IPv6 /64 are one client.
    for n in 0..3 {
        call_on(limited.clone(), from(&format!("2001:db8:5:6::{n}"), guess(n), None)).await;
    }
    assert_eq!(
        call_on(limited.clone(), from("2001:db8:5:6:ffff::1", guess(7), None)).await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
    // A service centre's kiosks, many citizens behind one address, get more room.
    for n in 0..10 {
        assert_eq!(
            call_on(limited.clone(), from("192.168.50.10", guess(n), None)).await.0,
            StatusCode::NOT_FOUND,
            "kiosk guess {n}"
        );
    }
}
