//! The search path as the API and the app take it: any query, with any filters and page,
//! over the demo catalog's real procedure names. Nothing panics, the page holds what was
//! asked, and highlights fall on character boundaries of the name.
#![no_main]

use std::sync::OnceLock;

use dvc_core::catalog::{AgencyRef, CatalogEntry, CatalogSnapshot, FieldRef, Level, OnlineMode};
use dvc_core::search::{highlight, Filters, SearchIndex, SearchRequest};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

const SEED: [&str; 3] = [
    include_str!("../../server/data/procedures/tu-phap-cu-tru.json"),
    include_str!("../../server/data/procedures/dat-dai-xay-dung.json"),
    include_str!("../../server/data/procedures/kinh-doanh-xa-hoi.json"),
];

fn catalog() -> &'static (CatalogSnapshot, SearchIndex) {
    static CATALOG: OnceLock<(CatalogSnapshot, SearchIndex)> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut fields: Vec<FieldRef> = Vec::new();
        let mut entries = Vec::new();
        for file in SEED {
            let records: Vec<Value> = serde_json::from_str(file).expect("seed catalog");
            for r in records {
                let text = |key: &str| r[key].as_str().unwrap_or_default().to_owned();
                let slug = text("field");
                let field = fields.iter().position(|f| f.slug == slug).unwrap_or_else(|| {
                    fields.push(FieldRef { slug: slug.clone(), name: slug.clone(), name_en: slug.clone() });
                    fields.len() - 1
                });
                let level: Level = serde_json::from_value(r["level"].clone()).expect("level");
                let mode: OnlineMode = serde_json::from_value(r["online_mode"].clone()).expect("online mode");
                let keywords = r["keywords"]
                    .as_array()
                    .map(|k| k.iter().filter_map(|w| w.as_str().map(str::to_owned)).collect())
                    .unwrap_or_default();
                let fee = (entries.len() as u64 % 4) * 25_000;
                entries.push(CatalogEntry {
                    code: format!("{}.000.00.00.H00", text("code")),
                    base: text("code"),
                    name: text("name"),
                    field: field as u16,
                    agency: (entries.len() % 2) as u16,
                    level,
                    mode,
                    fee,
                    days: 5,
                    has_fee: fee > 0,
                    keywords,
                });
            }
        }
        let agency =
            |id: &str, level| AgencyRef { id: id.into(), name: id.into(), short: id.into(), level, parent: None };
        let snapshot = CatalogSnapshot {
            version: "fuzz".into(),
            province: "Tỉnh".into(),
            portal_name: "Cổng".into(),
            hotline: None,
            fields,
            agencies: vec![agency("000.00.00.H00", Level::Province), agency("001.00.00.H00", Level::Commune)],
            entries,
        };
        let index = SearchIndex::from_snapshot(&snapshot);
        (snapshot, index)
    })
}

fuzz_target!(|data: &[u8]| {
    // The first bytes choose filters and page; the rest is what was typed.
    let (choice, typed) = data.split_at(data.len().min(4));
    let Ok(query) = std::str::from_utf8(typed) else { return };
    let pick = |i: usize| choice.get(i).copied().unwrap_or(0);
    let (snapshot, index) = catalog();
    let levels = [None, Some(Level::Province), Some(Level::Commune)];
    let modes = [None, Some(OnlineMode::Full), Some(OnlineMode::Partial), Some(OnlineMode::InPersonOnly)];
    let filters = Filters {
        field: (pick(0) & 1 == 1).then_some(u16::from(pick(0) >> 1) % 5),
        agency: (pick(1) & 1 == 1).then_some(u16::from(pick(1) >> 1) % 3),
        level: levels[usize::from(pick(1) >> 2) % levels.len()],
        mode: modes[usize::from(pick(2)) % modes.len()],
        fee: [None, Some(true), Some(false)][usize::from(pick(2) >> 2) % 3],
    };
    let limit = usize::from(pick(3) % 60);
    let offset = usize::from(pick(3) >> 6) * 20;
    let result = index.search(&SearchRequest { query, filters, collapse: pick(0) & 0x80 != 0, offset, limit });
    assert!(result.hits.len() <= limit);
    assert!(result.hits.len() <= result.total.saturating_sub(offset));
    for hit in &result.hits {
        let name = &snapshot.entries[hit.doc as usize].name;
        assert!(hit.score.is_finite());
        for range in highlight(name, query) {
            assert!(range.start < range.end && range.end <= name.len(), "{name:?} {query:?} {range:?}");
            assert!(name.is_char_boundary(range.start) && name.is_char_boundary(range.end), "{name:?} {query:?}");
        }
    }
    let _ = dvc_core::fold_vietnamese(query);
});
