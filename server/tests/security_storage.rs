//! SQLite under concurrent writers and at its counters' limits: two servers on one file,
//! an agency's ten-thousandth dossier of a day. Each test here failed before its fix.

mod common;
mod security_support;

use security_support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_on_one_database_file_both_file_and_pay_without_a_locked_error() {
    let dir = std::env::temp_dir().join(format!("dvc-security-shared-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("shared.sqlite");
    let first = dvc_server::db::Db::open(&path).unwrap();
    dvc_server::seed::seed_if_needed(
        &first,
        &dvc_server::config::default_data_dir(),
        &dvc_server::config::test_dataset(),
    )
    .unwrap();
    let second = dvc_server::db::Db::open(&path).unwrap();
    let server = |db: dvc_server::db::Db| AppState { db, ..app() };
    let (a, b) = (server(first), server(second));
    let tasks: Vec<_> = (0..40)
        .map(|n| {
            let state = if n % 2 == 0 { a.clone() } else { b.clone() };
            tokio::spawn(async move {
                let receipt = file_residence(state.clone(), &format!("security-shared-{n:03}")).await;
                let code = receipt["code"].as_str().unwrap().to_owned();
                let (status, bill, _) =
                    call_on(state, post(&format!("/api/v1/dossiers/{code}/payment"), Some(CCCD), json!({}))).await;
                assert_eq!(status, StatusCode::CREATED, "{bill}");
                code
            })
        })
        .collect();
    let mut codes = Vec::new();
    for task in tasks {
        codes.push(task.await.expect("no filing failed"));
    }
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 40, "forty dossiers, forty codes");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn an_agency_s_ten_thousandth_dossier_of_a_day_is_filed() {
    let receipt = file_residence(app(), "security-busy-day-first").await;
    let code = receipt["code"].as_str().unwrap();
    let agency = code.rsplitn(3, '-').nth(2).unwrap().to_owned();
    seeded_db().with(|c| {
        c.execute("UPDATE dossier_sequences SET last = 9999 WHERE agency_id = ?1", dvc_server::params![&agency])
            .unwrap()
    });
    let receipt = file_residence(app(), "security-busy-day-10000").await;
    // Other tests of this binary file for the same agency at the same time: 10000 or just after.
    let sequence = receipt["code"].as_str().unwrap().rsplit('-').next().unwrap().to_owned();
    assert!(sequence.len() == 5 && sequence.parse::<u32>().unwrap() >= 10_000, "{receipt}");
}
