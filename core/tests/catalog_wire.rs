//! The snapshot's wire format: each repeated procedure once, entries rebuilt exactly.

use dvc_core::catalog::{AgencyRef, CatalogEntry, CatalogSnapshot, FieldRef, Level, OnlineMode};

fn agency(id: &str) -> AgencyRef {
    AgencyRef { id: id.into(), name: id.into(), short: id.into(), level: Level::Commune, parent: None }
}

fn entry(code: &str, agency: u16, fee: u64) -> CatalogEntry {
    CatalogEntry {
        code: code.into(),
        base: "1.001193".into(),
        name: "Đăng ký khai sinh".into(),
        field: 0,
        agency,
        level: Level::Commune,
        mode: OnlineMode::Full,
        fee,
        days: 1,
        has_fee: fee > 0,
        keywords: vec!["giấy khai sinh".into()],
    }
}

fn snapshot() -> CatalogSnapshot {
    CatalogSnapshot {
        version: "v1".into(),
        province: "Vĩnh Phúc".into(),
        portal_name: "Cổng".into(),
        hotline: Some("1022".into()),
        fields: vec![FieldRef { slug: "ho-tich".into(), name: "Hộ tịch".into(), name_en: "Civil status".into() }],
        agencies: vec![agency("001.01.00.H62"), agency("002.01.00.H62"), agency("003.01.00.H62")],
        entries: vec![
            entry("1.001193.001.01.00.H62", 0, 0),
            entry("1.001193.002.01.00.H62", 1, 0),
            // An agency that charges differently, and one whose code is not the usual one.
            entry("1.001193.003.01.00.H62", 2, 8_000),
            entry("1.001193.000.00.99.XXX", 0, 0),
        ],
    }
}

#[test]
fn repeated_procedures_are_sent_once_and_entries_come_back_identical() {
    let original = snapshot();
    let json = serde_json::to_value(&original).unwrap();
    assert_eq!(json["procedures"].as_array().unwrap().len(), 2, "the fee-charging variant is its own procedure");
    assert_eq!(json["placements"].as_array().unwrap().len(), 4);
    assert_eq!(json["codes"].as_array().unwrap().len(), 1, "only the unusual code is spelled out");
    let back: CatalogSnapshot = serde_json::from_value(json).unwrap();
    assert_eq!(back, original);
}

#[test]
fn placements_pointing_nowhere_are_dropped_not_a_panic() {
    let json = serde_json::json!({
        "version": "v", "province": "", "portal_name": "", "fields": [], "agencies": [],
        "procedures": [], "placements": [[3, 0]]
    });
    let s: CatalogSnapshot = serde_json::from_value(json).unwrap();
    assert!(s.entries.is_empty());
}

#[test]
fn the_main_channel_is_online_and_fees_are_payable_online_only_when_filed_online() {
    use dvc_core::catalog::{carries_fee, main_channel, payable_online, Channel, ChannelKind};
    let ch = |channel, fee| Channel {
        channel,
        days: 3,
        time: String::new(),
        fee,
        fee_text: String::new(),
        description: String::new(),
    };
    let both = [ch(ChannelKind::InPerson, 100_000), ch(ChannelKind::Online, 50_000)];
    assert_eq!(main_channel(&both).map(|c| c.fee), Some(50_000));
    assert_eq!(main_channel(&both[..1]).map(|c| c.channel), Some(ChannelKind::InPerson));
    assert!(carries_fee(&both));
    assert!(payable_online(&both, OnlineMode::Full));
    assert!(!payable_online(&both[..1], OnlineMode::InPersonOnly));
    assert!(!payable_online(&[ch(ChannelKind::Online, 0)], OnlineMode::Full));
}
