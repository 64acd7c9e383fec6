//! Search behaviour over a small catalog of real procedure names.

use dvc_core::catalog::{AgencyRef, CatalogEntry, CatalogSnapshot, FieldRef, Level, OnlineMode};
use dvc_core::search::{Filters, IndexBuilder, SearchIndex, SearchRequest};

fn field(slug: &str, name: &str) -> FieldRef {
    FieldRef { slug: slug.into(), name: name.into(), name_en: slug.into() }
}

fn agency(id: &str, short: &str, level: Level) -> AgencyRef {
    AgencyRef { id: id.into(), name: short.into(), short: short.into(), level, parent: None }
}

#[allow(clippy::too_many_arguments)] // a test fixture: one line per catalog entry reads best
fn entry(
    code: &str,
    name: &str,
    field: u16,
    agency: u16,
    level: Level,
    mode: OnlineMode,
    fee: u64,
    keywords: &[&str],
) -> CatalogEntry {
    CatalogEntry {
        code: code.into(),
        base: code.split('.').take(2).collect::<Vec<_>>().join("."),
        name: name.into(),
        field,
        agency,
        level,
        mode,
        fee,
        days: 3,
        has_fee: fee > 0,
        keywords: keywords.iter().map(|k| k.to_string()).collect(),
    }
}

fn snapshot() -> CatalogSnapshot {
    use Level::*;
    use OnlineMode::*;
    CatalogSnapshot {
        version: "test".into(),
        province: "Vĩnh Phúc".into(),
        portal_name: "Cổng Dịch vụ công".into(),
        hotline: None,
        fields: vec![field("ho-tich", "Hộ tịch"), field("dat-dai", "Đất đai"), field("cu-tru", "Cư trú"), field("giao-thong", "Giao thông vận tải")],
        agencies: vec![
            agency("000.01.00.H62", "UBND TP Vĩnh Yên", District),
            agency("001.01.00.H62", "UBND phường Tích Sơn", Commune),
            agency("002.01.00.H62", "UBND phường Liên Bảo", Commune),
            agency("000.00.10.H62", "Sở Tài nguyên và Môi trường", Province),
        ],
        entries: vec![
            entry("1.001193.001.01.00.H62", "Thủ tục đăng ký khai sinh", 0, 1, Commune, Full, 0, &[]),
            entry("1.001193.002.01.00.H62", "Thủ tục đăng ký khai sinh", 0, 2, Commune, Full, 0, &[]),
            entry("1.000894.001.01.00.H62", "Thủ tục đăng ký kết hôn", 0, 1, Commune, Partial, 0, &[]),
            entry("1.004884.001.01.00.H62", "Thủ tục đăng ký lại khai sinh", 0, 1, Commune, Partial, 0, &[]),
            entry("2.000889.000.01.00.H62", "Đăng ký khai sinh có yếu tố nước ngoài", 0, 0, District, Partial, 0, &[]),
            entry("1.001990.000.00.10.H62", "Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất lần đầu", 1, 3, Province, Partial, 100_000, &[]),
            entry("1.004227.000.00.10.H62", "Đăng ký biến động quyền sử dụng đất do chuyển nhượng, tặng cho", 1, 3, Province, Partial, 30_000, &[]),
            entry("1.004194.001.01.00.H62", "Đăng ký thường trú", 2, 1, Commune, Full, 20_000, &["nhập khẩu"]),
            entry("1.004222.000.00.10.H62", "Thủ tục thẩm định hồ sơ điều chỉnh giấy phép khai thác khoáng sản", 1, 3, Province, InPersonOnly, 0, &[]),
            entry("1.002809.000.00.10.H62", "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp", 3, 3, Province, Full, 135_000, &[]),
        ],
    }
}

fn names(index: &SearchIndex, snap: &CatalogSnapshot, query: &str) -> Vec<String> {
    let result = index.search(&SearchRequest { query, limit: 20, ..Default::default() });
    result.hits.iter().map(|h| snap.entries[h.doc as usize].name.clone()).collect()
}

fn first(index: &SearchIndex, snap: &CatalogSnapshot, query: &str) -> String {
    names(index, snap, query).into_iter().next().unwrap_or_else(|| panic!("no result for {query:?}"))
}

#[test]
fn finds_birth_registration_typed_without_diacritics() {
    let snap = snapshot();
    let index = SearchIndex::from_snapshot(&snap);
    assert_eq!(first(&index, &snap, "dang ky khai sinh"), "Thủ tục đăng ký khai sinh");
}

#[test]
fn whole_phrase_in_the_name_ranks_above_scattered_words() {
    let snap = snapshot();
    let index = SearchIndex::from_snapshot(&snap);
    let found = names(&index, &snap, "dang ky khai sinh");
    let lai = found.iter().position(|n| n == "Thủ tục đăng ký lại khai sinh").expect("re-registration found");
    assert!(lai > 0, "phrase match must come first: {found:?}");
}

#[test]
fn one_letter_typo_still_finds_the_procedure() {
    let snap = snapshot();
    let index = SearchIndex::from_snapshot(&snap);
    assert_eq!(first(&index, &snap, "dang ky khai sinhh "), "Thủ tục đăng ký khai sinh");
    assert_eq!(first(&index, &snap, "dang ky kahi sinh "), "Thủ tục đăng ký khai sinh");
    assert_eq!(first(&index, &snap, "dang ky ket hno "), "Thủ tục đăng ký kết hôn");
}

#[test]
fn a_letter_dropped_from_a_three_letter_syllable_is_forgiven() {
    let mut snap = snapshot();
    // Without "khai", "dang ky … sinh" would prefer this one.
    snap.entries.push(entry(
        "1.001055.001.01.00.H62",
        "Thủ tục đăng ký sinh hoạt tôn giáo tập trung",
        0,
        1,
        Level::Commune,
        OnlineMode::Partial,
        0,
        &[],
    ));
    let index = SearchIndex::from_snapshot(&snap);
    assert_eq!(first(&index, &snap, "dang ky kai sinh"), "Thủ tục đăng ký khai sinh");
}

#[test]
fn telex_leftovers_still_find_the_procedure() {
    let snap = snapshot();
    let index = SearchIndex::from_snapshot(&snap);
    assert_eq!(first(&index, &snap, "ddawng kys khai sinh"), "Thủ tục đăng ký khai sinh");
}

#[test]
fn the_word_being_typed_matches_by_prefix() {
    let snap = snapshot();
    let index = SearchIndex::from_snapshot(&snap);
    assert_eq!(first(&index, &snap, "ket h"), "Thủ tục đăng ký kết hôn");
    // Once a space follows, the word is complete: "h" alone matches nothing, and is dropped.
    assert!(names(&index, &snap, "thuong tr").contains(&"Đăng ký thường trú".to_string()));
}

#[test]
fn everyday_words_reach_the_legal_wording() {
    let snap = snapshot();
    let index = SearchIndex::from_snapshot(&snap);
    let so_do = names(&index, &snap, "so do");
    assert!(so_do[0].contains("Giấy chứng nhận quyền sử dụng đất"), "{so_do:?}");
    assert!(so_do.iter().any(|n| n.starts_with("Đăng ký biến động")), "{so_do:?}");
    assert_eq!(first(&index, &snap, "làm giấy khai sinh"), "Thủ tục đăng ký khai sinh");
    assert_eq!(first(&index, &snap, "bang lai xe"), "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp");
    assert_eq!(first(&index, &snap, "nhap ho khau"), "Đăng ký thường trú");
}

#[test]
fn an_everyday_phrase_outranks_its_syllables_scattered_in_a_name() {
    let mut snap = snapshot();
    // "sở" and "do" both occur in this name, apart: weaker than the phrase "sổ đỏ" itself.
    snap.entries.push(entry(
        "1.012818.000.00.10.H62",
        "Thu hồi đất do người sử dụng đất chuyển đi nơi khác, thuộc sở hữu nhà nước",
        1,
        3,
        Level::Province,
        OnlineMode::InPersonOnly,
        0,
        &[],
    ));
    let index = SearchIndex::from_snapshot(&snap);
    let found = names(&index, &snap, "so do");
    assert!(found[0].contains("Giấy chứng nhận quyền sử dụng đất"), "{found:?}");
}

#[test]
fn words_that_match_nothing_are_ignored() {
    let snap = snapshot();
    let index = SearchIndex::from_snapshot(&snap);
    assert_eq!(
        first(&index, &snap, "cach lam so do"),
        "Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất lần đầu"
    );
}

#[test]
fn nonsense_finds_nothing() {
    let snap = snapshot();
    let index = SearchIndex::from_snapshot(&snap);
    assert!(names(&index, &snap, "qqqqzzz").is_empty());
}

#[test]
fn filters_narrow_and_facets_count_with_the_other_filters() {
    let snap = snapshot();
    let index = SearchIndex::from_snapshot(&snap);
    let req = SearchRequest {
        query: "dang ky",
        filters: Filters { level: Some(Level::Commune), ..Default::default() },
        limit: 50,
        ..Default::default()
    };
    let result = index.search(&req);
    assert!(result.hits.iter().all(|h| snap.entries[h.doc as usize].level == Level::Commune));
    assert_eq!(result.total, 5);
    // The level facet ignores the level filter itself, so other levels stay visible with counts.
    let province = result.facets.level.iter().find(|(l, _)| *l == Level::Province).map(|(_, c)| *c);
    assert_eq!(province, Some(2));
    let fee_yes = result.facets.fee.iter().find(|(f, _)| *f).map(|(_, c)| *c);
    assert_eq!(fee_yes, Some(1), "only thường trú carries a fee among commune matches");
}

#[test]
fn fee_and_mode_filters() {
    let snap = snapshot();
    let index = SearchIndex::from_snapshot(&snap);
    let with_fee = index.search(&SearchRequest {
        query: "",
        filters: Filters { fee: Some(true), ..Default::default() },
        limit: 50,
        ..Default::default()
    });
    assert_eq!(with_fee.total, 4);
    let offline = index.search(&SearchRequest {
        query: "",
        filters: Filters { mode: Some(OnlineMode::InPersonOnly), ..Default::default() },
        limit: 50,
        ..Default::default()
    });
    assert_eq!(offline.total, 1);
}

#[test]
fn collapse_keeps_one_entry_per_base_procedure_and_counts_the_others() {
    let snap = snapshot();
    let index = SearchIndex::from_snapshot(&snap);
    let result = index.search(&SearchRequest { query: "khai sinh", collapse: true, limit: 50, ..Default::default() });
    let births: Vec<_> = result.hits.iter().filter(|h| snap.entries[h.doc as usize].base == "1.001193").collect();
    assert_eq!(births.len(), 1);
    assert_eq!(births[0].variants, 2);
    assert_eq!(result.total, 3);
}

#[test]
fn paging_returns_the_requested_slice_of_the_same_order() {
    let snap = snapshot();
    let index = SearchIndex::from_snapshot(&snap);
    let all = index.search(&SearchRequest { query: "dang ky", limit: 50, ..Default::default() });
    let page2 = index.search(&SearchRequest { query: "dang ky", offset: 2, limit: 2, ..Default::default() });
    assert_eq!(page2.total, all.total);
    assert_eq!(page2.hits, all.hits[2..4].to_vec());
}

#[test]
fn agency_name_narrows_by_place() {
    let snap = snapshot();
    let index = SearchIndex::from_snapshot(&snap);
    let result = index.search(&SearchRequest { query: "khai sinh lien bao", limit: 5, ..Default::default() });
    assert_eq!(snap.entries[result.hits[0].doc as usize].code, "1.001193.002.01.00.H62");
}

#[test]
fn an_index_built_a_few_entries_at_a_time_answers_as_one_built_at_once() {
    let snap = snapshot();
    let whole = SearchIndex::from_snapshot(&snap);
    let mut builder = IndexBuilder::new(&snap);
    let mut slices = 1;
    while builder.add_next(2) {
        slices += 1;
    }
    assert!(slices > 2, "built in {slices} slices");
    let sliced = builder.finish();
    for query in ["khai sinh", "so do", "dang ky", "giay phep lai xe", "xyz", "dang ky kinh doanh ho"] {
        assert_eq!(names(&sliced, &snap, query), names(&whole, &snap, query), "{query}");
    }
    assert_eq!(sliced.len(), snap.entries.len());
}

#[test]
fn incidental_legal_wording_is_no_answer_and_the_closest_fields_are_suggested() {
    let mut snap = snapshot();
    snap.entries.push(entry(
        "1.013831.000.00.10.H62",
        "Đăng ký biến động quyền sử dụng đất trong các trường hợp chuyển đổi, chuyển nhượng",
        1,
        3,
        Level::Province,
        OnlineMode::Partial,
        0,
        &[],
    ));
    let index = SearchIndex::from_snapshot(&snap);
    let result =
        index.search(&SearchRequest { query: "chuyen truong", collapse: true, limit: 5, ..Default::default() });
    assert_eq!(result.total, 0, "“trường” of “trường hợp” is no school: {:?}", result.hits);
    assert!(result.suggested_fields.contains(&1), "the land field came closest: {:?}", result.suggested_fields);
    // The words that are really there still find it.
    assert!(names(&index, &snap, "chuyen nhuong dat").iter().any(|n| n.contains("chuyển nhượng")));
}

#[test]
fn a_word_typed_with_diacritics_is_that_word_only() {
    let mut snap = snapshot();
    snap.entries.push(entry(
        "1.004941.001.01.00.H62",
        "Đăng ký nhận chăm sóc thay thế cho trẻ em",
        0,
        1,
        Level::Commune,
        OnlineMode::Partial,
        0,
        &[],
    ));
    let index = SearchIndex::from_snapshot(&snap);
    // "chó" (a dog) is not "cho" (for): nothing in the catalog is about dogs.
    assert!(names(&index, &snap, "đăng ký nuôi chó").is_empty());
    // Without diacritics the citizen may mean either, and the child-care one is found.
    assert!(names(&index, &snap, "nhan cham soc thay the cho tre").iter().any(|n| n.contains("chăm sóc")));
    // A word still being typed only has to begin a catalog word: "kh" of "khai".
    assert_eq!(first(&index, &snap, "đăng ký kh"), "Thủ tục đăng ký khai sinh");
}

#[test]
fn filler_words_and_the_other_i_y_spelling_do_not_get_in_the_way() {
    let snap = snapshot();
    let index = SearchIndex::from_snapshot(&snap);
    assert_eq!(first(&index, &snap, "tôi muốn đăng ký kết hôn"), "Thủ tục đăng ký kết hôn");
    assert_eq!(first(&index, &snap, "dang ki ket hon"), "Thủ tục đăng ký kết hôn");
    // Letters outside Vietnamese, and a control character, are just text that matches nothing.
    assert!(names(&index, &snap, "\u{0}så%⒍\u{89}q\u{fb5ff}").is_empty());
    // A word found nowhere in the catalog is part of what was asked: no half answers.
    assert!(names(&index, &snap, "dang ky ket hon xe buyt").is_empty());
}
