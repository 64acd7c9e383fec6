//! The catalog endpoints, in-process, over the seeded demo catalog.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::*;

#[tokio::test]
async fn stats_reproduce_the_provinces_published_figures() {
    let (status, s) = get("/api/v1/stats").await;
    assert_eq!(status, StatusCode::OK);
    let count = |key: &str| s[key].as_u64().unwrap_or_else(|| panic!("{key}: {s}"));
    if let Some(f) = &dataset().province.figures {
        let f = &f.catalog;
        for (key, expected) in [
            ("procedures", f.procedures),
            ("fully_online", f.fully_online),
            ("partially_online", f.partially_online),
            ("offline", f.offline),
            ("with_fee", f.with_fee),
            ("payable_online", f.payable_online),
            ("on_national_portal", f.on_national_portal),
            ("on_national_portal_fully_online", f.on_national_portal_fully_online),
            ("on_national_portal_partially_online", f.on_national_portal_partially_online),
        ] {
            assert_eq!(count(key), u64::from(expected), "{key}: {s}");
        }
    } else {
        // No report to reproduce: every base procedure is in the catalog, once or more.
        let bases = &dataset().bases;
        assert!(count("procedures") >= bases.len() as u64, "{s}");
        assert!(count("with_fee") >= bases.iter().filter(|b| b.has_fee()).count() as u64, "{s}");
    }
    let by_level: u64 = s["by_level"].as_array().unwrap().iter().map(|l| l["count"].as_u64().unwrap()).sum();
    assert_eq!(by_level, count("procedures"));
    assert!(count("payable_online") <= count("with_fee"));
    assert!(count("on_national_portal") <= count("fully_online") + count("partially_online"));
}

#[tokio::test]
async fn the_catalog_is_built_from_at_least_150_real_base_procedures_across_the_fields() {
    let (_, page) = get("/api/v1/procedures?collapse=true&per_page=1").await;
    assert!(page["total"].as_u64().unwrap() >= 150, "distinct base procedures: {}", page["total"]);
    let (_, fields) = get("/api/v1/fields").await;
    let covered = fields.as_array().unwrap().iter().filter(|f| f["procedures"].as_u64().unwrap() > 0).count();
    assert!(covered >= 14, "fields with procedures: {covered}");
    let (_, levels) = get("/api/v1/stats").await;
    for level in levels["by_level"].as_array().unwrap() {
        assert!(level["count"].as_u64().unwrap() > 0, "every level carries procedures: {level}");
    }
}

#[tokio::test]
async fn search_without_diacritics_finds_birth_registration_first() {
    let (status, page) = get("/api/v1/procedures?q=dang%20ky%20khai%20sinh").await;
    assert_eq!(status, StatusCode::OK);
    let first = page["items"][0]["name"].as_str().unwrap();
    assert!(first.to_lowercase().ends_with("đăng ký khai sinh"), "first result: {first}");
    assert_eq!(page["items"][0]["base_code"], "1.001193");
}

#[tokio::test]
async fn so_do_finds_the_land_use_right_certificate_procedures() {
    let (_, page) = get("/api/v1/procedures?q=so+do&collapse=true").await;
    let names: Vec<&str> = page["items"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert!(!names.is_empty());
    assert!(names[..3.min(names.len())].iter().any(|n| n.contains("Giấy chứng nhận")), "{names:?}");
    let (_, land) = get("/api/v1/procedures?q=so+do&field=dat-dai").await;
    assert!(land["total"].as_u64().unwrap() > 0);
}

#[tokio::test]
async fn a_one_letter_typo_still_finds_the_procedure() {
    let (_, page) = get("/api/v1/procedures?q=dang+ky+khai+sinhh+").await;
    assert_eq!(page["items"][0]["base_code"], "1.001193", "{}", page["items"][0]);
    let (_, page) = get("/api/v1/procedures?q=dang+ky+ket+hno+").await;
    assert!(page["items"][0]["name"].as_str().unwrap().contains("kết hôn"), "{}", page["items"][0]);
}

#[tokio::test]
async fn filters_page_and_count_facets() {
    let (_, page) = get("/api/v1/procedures?level=commune&fee=yes&per_page=5&page=2").await;
    assert_eq!(page["page"], 2);
    assert_eq!(page["per_page"], 5);
    let items = page["items"].as_array().unwrap();
    assert!(items.len() <= 5 && !items.is_empty());
    assert!(items.iter().all(|i| i["level"] == "commune" && i["has_fee"] == true));
    let level_facet = page["facets"]["level"].as_array().unwrap();
    let (_, stats) = get("/api/v1/stats").await;
    let levels = stats["by_level"].as_array().unwrap().len();
    assert_eq!(level_facet.len(), levels, "other levels keep their counts: {level_facet:?}");
    let commune = level_facet.iter().find(|f| f["value"] == "commune").unwrap();
    assert_eq!(commune["count"], page["total"]);
    assert!(!page["facets"]["agency"].as_array().unwrap().is_empty());
    assert!(!page["facets"]["field"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn bad_input_gets_a_json_4xx_naming_the_parameter() {
    use StatusCode as S;
    for (uri, code, field) in [
        ("/api/v1/procedures?page=-1", "invalid_parameter", "page"),
        ("/api/v1/procedures?page=0", "invalid_parameter", "page"),
        ("/api/v1/procedures?page=99999999999999999999999", "invalid_parameter", "page"),
        ("/api/v1/procedures?per_page=100000", "invalid_parameter", "per_page"),
        ("/api/v1/procedures?page=abc", "invalid_parameter", "page"),
        ("/api/v1/procedures?q=%E0%A4%A", "invalid_encoding", "q"),
        ("/api/v1/procedures?q=%C3%28", "invalid_encoding", "q"),
        ("/api/v1/procedures?q=100%", "invalid_encoding", "q"),
        ("/api/v1/procedures?field=khong-co", "invalid_parameter", "field"),
        ("/api/v1/procedures?agency=000.99.99.H62", "invalid_parameter", "agency"),
        ("/api/v1/procedures?level=city", "invalid_parameter", "level"),
        ("/api/v1/procedures?mode=sometimes", "invalid_parameter", "mode"),
        ("/api/v1/procedures?fee=maybe", "invalid_parameter", "fee"),
        ("/api/v1/procedures?collapse=perhaps", "invalid_parameter", "collapse"),
        ("/api/v1/procedures?colour=red", "unknown_parameter", "colour"),
        ("/api/v1/procedures/1.001193'%20OR%201=1", "invalid_parameter", "code"),
    ] {
        assert_client_error(uri, S::BAD_REQUEST, code, Some(field)).await;
    }
}

#[tokio::test]
async fn a_long_query_is_refused_with_a_json_error() {
    // 60 KB: as long as a URI can be inside the server (the HTTP layer caps URIs below 64 KB).
    let uri = format!("/api/v1/procedures?q={}", "a".repeat(60 * 1024));
    assert_client_error(&uri, StatusCode::BAD_REQUEST, "invalid_parameter", Some("query")).await;
    let uri = format!("/api/v1/procedures?q={}", "khai+sinh+".repeat(30));
    assert_client_error(&uri, StatusCode::BAD_REQUEST, "invalid_parameter", Some("q")).await;
}

#[tokio::test]
async fn a_full_record_has_every_published_field() {
    let (status, p) = get("/api/v1/procedures/1.001193").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(p["base_code"], "1.001193");
    for key in [
        "code",
        "name",
        "decision",
        "level",
        "kind",
        "field",
        "online_mode",
        "steps",
        "channels",
        "documents",
        "applicants",
        "agency",
        "implementing_agency",
        "competent_agency",
        "where_to_submit",
        "result",
        "legal_basis",
        "conditions",
        "keywords",
        "description",
    ] {
        assert!(!p[key].is_null(), "{key} missing");
    }
    assert!(!p["documents"].as_array().unwrap().is_empty());
    assert!(!p["legal_basis"].as_array().unwrap().is_empty());
    let code = p["code"].as_str().unwrap().to_owned();
    let (status, same) = get(&format!("/api/v1/procedures/{code}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(same["code"], code.as_str());
}

#[tokio::test]
async fn unknown_procedures_and_paths_are_json_404s() {
    assert_client_error("/api/v1/procedures/1.999999", StatusCode::NOT_FOUND, "procedure_not_found", None).await;
    assert_client_error("/api/v1/nothing-here", StatusCode::NOT_FOUND, "no_route", None).await;
    let response = send(state(), Request::post("/api/v1/stats").body(Body::empty()).unwrap()).await;
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED, "{:?}", response.headers());
    let body: serde_json::Value = serde_json::from_slice(&body_bytes(response).await).unwrap();
    assert_eq!(body["error"]["code"], "method_not_allowed");
}

#[tokio::test]
async fn the_snapshot_has_an_etag_and_answers_304_when_unchanged() {
    let response = send(state(), Request::get("/api/v1/catalog").body(Body::empty()).unwrap()).await;
    assert_eq!(response.status(), StatusCode::OK);
    let etag = response.headers()[header::ETAG].to_str().unwrap().to_owned();
    let snapshot: serde_json::Value = serde_json::from_slice(&body_bytes(response).await).unwrap();
    let (_, stats) = get("/api/v1/stats").await;
    let entries = stats["procedures"].as_u64().unwrap() as usize;
    assert_eq!(snapshot["placements"].as_array().unwrap().len(), entries, "one placement per catalog entry");
    let sent: Vec<String> = snapshot["procedures"].as_array().unwrap().iter().map(|p| p.to_string()).collect();
    let distinct: std::collections::BTreeSet<&String> = sent.iter().collect();
    assert_eq!(distinct.len(), sent.len(), "each repeated procedure is sent once");
    assert!(distinct.len() >= 150 && distinct.len() <= entries, "{} procedures, {entries} entries", distinct.len());
    let decoded: dvc_core::catalog::CatalogSnapshot = serde_json::from_value(snapshot.clone()).unwrap();
    assert_eq!(decoded.entries.len(), entries);
    assert!(decoded.entries.iter().all(|e| e.code.starts_with(&e.base)));
    assert_eq!(format!("\"{}\"", snapshot["version"].as_str().unwrap()), etag);

    for tag in [etag.clone(), format!("W/{etag}"), format!("\"other\", {etag}")] {
        let r = send(
            state(),
            Request::get("/api/v1/catalog").header(header::IF_NONE_MATCH, tag.as_str()).body(Body::empty()).unwrap(),
        )
        .await;
        assert_eq!(r.status(), StatusCode::NOT_MODIFIED, "If-None-Match: {tag}");
        assert!(body_bytes(r).await.is_empty());
    }
    let r = send(
        state(),
        Request::get("/api/v1/catalog").header(header::IF_NONE_MATCH, "\"stale\"").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_snapshot_as_compact_text_is_the_same_catalog_under_the_same_etag_and_smaller() {
    let json = send(state(), Request::get("/api/v1/catalog").body(Body::empty()).unwrap()).await;
    let etag = json.headers()[header::ETAG].to_str().unwrap().to_owned();
    let from_json: dvc_core::catalog::CatalogSnapshot = serde_json::from_slice(&body_bytes(json).await).unwrap();
    let pack = send(state(), Request::get("/api/v1/catalog/pack").body(Body::empty()).unwrap()).await;
    assert_eq!(pack.status(), StatusCode::OK);
    assert_eq!(pack.headers()[header::ETAG].to_str().unwrap(), etag);
    assert!(pack.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/plain"));
    let text = String::from_utf8(body_bytes(pack).await).unwrap();
    let from_text = dvc_core::catalog::CatalogSnapshot::from(dvc_core::catalog_pack::decode(&text).unwrap());
    assert_eq!(from_text, from_json, "the same 1,865 entries, fields and agencies");
    let json_len = serde_json::to_vec(&from_json).unwrap().len();
    assert!(text.len() < json_len * 3 / 4, "{} bytes as text, {json_len} as JSON", text.len());
    let r = send(
        state(),
        Request::get("/api/v1/catalog/pack").header(header::IF_NONE_MATCH, etag.as_str()).body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(r.status(), StatusCode::NOT_MODIFIED);
}

#[tokio::test]
async fn the_agency_tree_has_departments_districts_and_their_communes() {
    let (_, tree) = get("/api/v1/agencies").await;
    let roots = tree.as_array().unwrap();
    // One province; with two tiers also the agency standing for every commune, which is no
    // unit of the province's map (the address pickers must not offer it).
    let any_commune = dataset().agencies.any_commune.as_ref();
    assert_eq!(roots.len(), 1 + any_commune.is_some() as usize, "{roots:?}");
    if let Some(any) = any_commune {
        assert!(roots.iter().any(|r| r["id"] == any.id.as_str() && r["level"] == "commune"), "{roots:?}");
    }
    let province = roots.iter().find(|r| r["level"] == "province").expect("the province");
    let children = province["children"].as_array().unwrap();
    let districts: Vec<_> = children.iter().filter(|c| c["level"] == "district").collect();
    assert_eq!(districts.len(), dataset_districts().len());
    assert!(districts.iter().all(|d| !d["children"].as_array().unwrap().is_empty()));
    fn communes(nodes: &[serde_json::Value]) -> usize {
        nodes.iter().map(|n| (n["level"] == "commune") as usize + communes(n["children"].as_array().unwrap())).sum()
    }
    assert_eq!(communes(children), dataset_communes().len());
    assert!(children.iter().any(|c| c["short"] == "Sở Tư pháp"));
}

#[tokio::test]
async fn a_100_kb_query_over_real_http_gets_a_4xx_and_the_server_keeps_serving() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, dvc_server::router(state())).await });

    let status_of = |request: String| async move {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut head = vec![0u8; 12];
        stream.read_exact(&mut head).await.unwrap();
        String::from_utf8_lossy(&head[9..12]).parse::<u16>().unwrap()
    };
    let huge =
        format!("GET /api/v1/procedures?q={} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "a".repeat(100 * 1024));
    let status = status_of(huge).await;
    assert!((400..500).contains(&status), "100 KB query answered {status}");
    let ok = status_of("GET /api/v1/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".into()).await;
    assert_eq!(ok, 200);
}

/// The app's procedure page reads records with the core's small JSON reader, not serde: it
/// must read every record exactly as serde wrote it, and the error answers too.
#[tokio::test]
async fn every_record_and_error_reads_the_same_without_serde() {
    use dvc_core::api::ErrorBody;
    use dvc_core::catalog::Procedure;
    let state = state();
    let codes: Vec<String> = state.catalog.snapshot.entries.iter().map(|e| e.code.clone()).collect();
    assert!(codes.len() >= dataset().bases.len(), "the whole demo catalog: {}", codes.len());
    for code in &codes {
        let response =
            send(state.clone(), Request::get(format!("/api/v1/procedures/{code}")).body(Body::empty()).unwrap()).await;
        let text = String::from_utf8(body_bytes(response).await).unwrap();
        let by_serde: Procedure = serde_json::from_str(&text).unwrap();
        assert_eq!(Procedure::from_json(&text).as_ref(), Some(&by_serde), "{code}");
    }
    for uri in ["/api/v1/procedures/9.999999", "/api/v1/procedures/1.001193'%20OR%201=1", "/api/v1/procedures?page=0"] {
        let response = send(state.clone(), Request::get(uri).body(Body::empty()).unwrap()).await;
        let text = String::from_utf8(body_bytes(response).await).unwrap();
        let by_serde: ErrorBody = serde_json::from_str(&text).unwrap();
        assert_eq!(ErrorBody::from_json(&text).as_ref(), Some(&by_serde), "{uri}: {text}");
    }
    // A record missing a field, or with a value of the wrong kind, is not one.
    let response = send(state.clone(), Request::get("/api/v1/procedures/1.001193").body(Body::empty()).unwrap()).await;
    let text = String::from_utf8(body_bytes(response).await).unwrap();
    assert!(Procedure::from_json(&text.replacen("\"steps\"", "\"stepz\"", 1)).is_none());
    assert!(Procedure::from_json(&text.replacen("\"online_mode\":\"", "\"online_mode\":\"x", 1)).is_none());
    assert!(Procedure::from_json(&text[..text.len() - 1]).is_none());
}
