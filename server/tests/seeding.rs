//! The seeder: deterministic, idempotent, and honest about figures it cannot reach.

use dvc_server::catalog::Catalog;
use dvc_server::config::default_data_dir;
use dvc_server::db::Db;
use dvc_server::seed::{data, placement, seed_if_needed, SeedError, SeedOutcome};

/// The three-tier dataset of the 2023 report, whose figures these tests check.
const VINH_PHUC: &str = "vinh-phuc-2023";

#[test]
fn seeds_on_first_start_and_leaves_an_up_to_date_database_alone() {
    let dir = std::env::temp_dir().join(format!("dvc-seed-{}", std::process::id()));
    let path = dir.join("nested").join("catalog.sqlite");
    let db = Db::open(&path).expect("creates the file and its folders");
    assert_eq!(seed_if_needed(&db, &default_data_dir(), VINH_PHUC).unwrap(), SeedOutcome::Seeded { procedures: 1865 });
    assert_eq!(seed_if_needed(&db, &default_data_dir(), VINH_PHUC).unwrap(), SeedOutcome::AlreadySeeded);
    drop(db);
    let reopened = Db::open(&path).expect("reopens and migrates nothing new");
    assert_eq!(seed_if_needed(&reopened, &default_data_dir(), VINH_PHUC).unwrap(), SeedOutcome::AlreadySeeded);
    let count: u32 =
        reopened.with(|c| c.query_row("SELECT count(*) FROM procedures", dvc_server::params![], |r| r.get(0)).unwrap());
    assert_eq!(count, 1865);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn two_seeds_of_the_same_data_give_the_same_catalog() {
    let snapshot = || {
        let db = Db::for_tests().unwrap();
        seed_if_needed(&db, &default_data_dir(), VINH_PHUC).unwrap();
        db.with(|c| Catalog::load(c)).map_err(|e| e.to_string()).unwrap().snapshot
    };
    let (a, b) = (snapshot(), snapshot());
    assert_eq!(a.version, b.version);
    assert_eq!(a.entries, b.entries);
}

#[test]
fn figures_the_data_cannot_reproduce_are_refused_with_the_reason() {
    let mut catalog = data::load(&default_data_dir(), VINH_PHUC).unwrap();
    // One procedure more than the services by online mode allow, given two two-level bases.
    let figures = catalog.province.figures.as_mut().expect("the 2023 dataset reproduces a report");
    figures.catalog.procedures += 1;
    let err = placement::targets(figures, &catalog.bases).unwrap_err();
    assert!(matches!(err, SeedError::Figures(ref m) if m.contains("two levels")), "{err}");
}

#[test]
fn every_placement_has_a_distinct_local_code() {
    let db = Db::for_tests().unwrap();
    seed_if_needed(&db, &default_data_dir(), VINH_PHUC).unwrap();
    let (all, distinct): (u32, u32) = db.with(|c| {
        c.query_row("SELECT count(*), count(DISTINCT code) FROM procedures", dvc_server::params![], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap()
    });
    assert_eq!(all, distinct);
    let bases: u32 = db.with(|c| {
        c.query_row("SELECT count(DISTINCT base_code) FROM procedures", dvc_server::params![], |r| r.get(0)).unwrap()
    });
    assert!(bases >= 150, "distinct real base procedures: {bases}");
}

/// The two-tier dataset (Phú Thọ since 1 July 2025): province and communes, no district.
const PHU_THO: &str = "phu-tho-2025";

#[test]
fn the_two_tier_dataset_has_no_district_level_anywhere() {
    use dvc_core::catalog::Level;
    let db = Db::for_tests().unwrap();
    seed_if_needed(&db, &default_data_dir(), PHU_THO).unwrap();
    let s = db.with(|c| Catalog::load(c)).map_err(|e| e.to_string()).unwrap().snapshot;
    assert_eq!(s.province, "Phú Thọ");
    assert!(s.agencies.iter().all(|a| a.level != Level::District), "no district agency");
    let communes = s.agencies.iter().filter(|a| a.level == Level::Commune && a.parent.is_some()).count();
    assert_eq!(communes, 148, "Phú Thọ's communes and wards since 1 July 2025");
    assert!(s.entries.iter().all(|e| e.level != Level::District), "no procedure at district level");
    // No report to reproduce: each base procedure once, where it is carried out.
    let bases: std::collections::HashSet<&str> = s.entries.iter().map(|e| e.base.as_str()).collect();
    assert_eq!(bases.len(), s.entries.len());
    assert!(bases.len() >= 600, "{} bases", bases.len());
    let huyen: u32 = db.with(|c| {
        c.query_row("SELECT count(*) FROM procedures WHERE record LIKE '%ấp huyện%'", dvc_server::params![], |r| {
            r.get(0)
        })
        .unwrap()
    });
    assert_eq!(huyen, 0, "no text sends the citizen to a district");
}

#[test]
fn a_dataset_that_is_not_there_is_refused_by_name() {
    let db = Db::for_tests().unwrap();
    for name in ["ha-noi-1990", "../procedures", ""] {
        let err = seed_if_needed(&db, &default_data_dir(), name).unwrap_err();
        assert!(matches!(err, SeedError::Invalid(ref m) if m.contains("no dataset")), "{name:?}: {err}");
    }
}

#[test]
fn an_agency_id_ending_in_letters_is_refused_before_anything_is_seeded() {
    // Today's Phú Thọ, but with the agency standing for every commune renamed "G25.XA": its
    // procedures' addresses (/thu-tuc/1.001193.G25.XA) would read as file names.
    let real = default_data_dir();
    let dir = std::env::temp_dir().join(format!("dvc-seed-letters-{}", std::process::id()));
    let set = dir.join("datasets").join("phu-tho-letters");
    std::fs::create_dir_all(&set).unwrap();
    for shared in ["fields.json", "forms.json", "procedures"] {
        std::os::unix::fs::symlink(real.join(shared), dir.join(shared)).unwrap();
    }
    let original = real.join("datasets").join("phu-tho-2025");
    std::fs::copy(original.join("province.json"), set.join("province.json")).unwrap();
    let agencies = std::fs::read_to_string(original.join("agencies.json")).unwrap();
    assert!(agencies.contains("\"G25.X00000\""));
    std::fs::write(set.join("agencies.json"), agencies.replace("\"G25.X00000\"", "\"G25.XA\"")).unwrap();

    let db = Db::for_tests().unwrap();
    let err = seed_if_needed(&db, &dir, "phu-tho-letters").unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(matches!(err, SeedError::Invalid(ref m) if m.contains("G25.XA") && m.contains("digit")), "{err}");
    let seeded: u32 =
        db.with(|c| c.query_row("SELECT count(*) FROM procedures", dvc_server::params![], |r| r.get(0)).unwrap());
    assert_eq!(seeded, 0);
}
