//! Online forms: the procedure's own questions where the catalog has them, a generic one
//! otherwise, a slot per document, and none for in-person-only procedures.

mod common;

use axum::http::StatusCode;
use common::*;
use dvc_core::form::FormDefinition;

async fn form(code: &str) -> (StatusCode, serde_json::Value) {
    get(&format!("/api/v1/procedures/{code}/form")).await
}

#[tokio::test]
async fn birth_registration_has_its_own_questions_and_a_slot_per_document() {
    let (status, body) = form("1.001193").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let def: FormDefinition = serde_json::from_value(body).unwrap();
    let ids: Vec<&str> = def.fields.iter().map(|f| f.id.as_str()).collect();
    for id in ["ho_ten_tre", "ngay_sinh_tre", "gioi_tinh_tre", "ho_ten_me", "dinh_danh_me"] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    assert!(def.documents.len() >= 2);
    assert!(def.documents.iter().any(|d| d.required), "the birth certificate is required");
    assert!(def.documents.iter().any(|d| !d.required), "documents for special cases are optional");
    assert!(def.documents.iter().all(|d| d.rules.max_bytes == 10 * 1024 * 1024));
    assert!(!def.version.is_empty());
}

#[tokio::test]
async fn the_six_procedures_with_specific_forms_all_get_them() {
    for (code, question) in [
        ("1.001193", "ho_ten_tre"),
        ("1.000894", "lan_ket_hon"),
        ("1.004222", "dia_chi_moi"),
        ("3.000333", "loai_phieu"),
        ("1.001612", "ten_ho_kinh_doanh"),
        ("1.013225", "so_tang"),
    ] {
        let (status, body) = form(code).await;
        assert_eq!(status, StatusCode::OK, "{code}: {body}");
        assert!(body["fields"].as_array().unwrap().iter().any(|f| f["id"] == question), "{code} asks {question}");
    }
}

#[tokio::test]
async fn other_online_procedures_get_the_generic_form() {
    let (_, page) = get("/api/v1/procedures?mode=full&per_page=100").await;
    let specific = ["1.001193", "1.000894", "1.004222", "3.000333", "1.001612", "1.013225"];
    let other = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| !specific.contains(&i["base_code"].as_str().unwrap()))
        .unwrap();
    let (status, body) = form(other["code"].as_str().unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    let ids: Vec<&str> = body["fields"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["noi_dung"]);
}

#[tokio::test]
async fn in_person_only_procedures_and_unknown_codes_have_no_form() {
    let (_, page) = get("/api/v1/procedures?mode=offline&per_page=1").await;
    let offline = page["items"][0]["code"].as_str().unwrap().to_owned();
    assert_client_error(&format!("/api/v1/procedures/{offline}/form"), StatusCode::NOT_FOUND, "no_online_form", None)
        .await;
    assert_client_error("/api/v1/procedures/1.999999/form", StatusCode::NOT_FOUND, "procedure_not_found", None).await;
}

#[tokio::test]
async fn address_pickers_get_the_province_its_districts_and_their_communes() {
    let (status, areas) = get("/api/v1/areas").await;
    assert_eq!(status, StatusCode::OK);
    let province = &areas[0];
    assert_eq!(province["name"], format!("Tỉnh {}", dataset().province.name));
    fn leaves(nodes: &serde_json::Value) -> Vec<String> {
        let nodes = nodes.as_array().unwrap();
        nodes
            .iter()
            .flat_map(|n| match n["children"].as_array() {
                Some(c) if !c.is_empty() => leaves(&n["children"]),
                _ => vec![n["name"].as_str().unwrap().to_owned()],
            })
            .collect()
    }
    let below = province["children"].as_array().unwrap();
    let districts = below.iter().filter(|d| d["children"].as_array().is_some_and(|c| !c.is_empty())).count();
    assert_eq!(districts, dataset_districts().len());
    let communes = leaves(&province["children"]);
    assert_eq!(communes.len(), dataset_communes().len());
    let mut names: Vec<String> = dataset_communes().iter().map(|c| dvc_server::areas::unit_name(&c.name)).collect();
    names.sort();
    let mut got = communes.clone();
    got.sort();
    assert_eq!(got, names, "the communes of the dataset, by name");
}
