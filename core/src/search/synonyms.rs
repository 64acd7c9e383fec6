//! Everyday words citizens type, and the catalog wording they mean (docs/domain.md, "Search").
//!
//! At index time, a procedure whose folded name contains a `catalog` phrase also gets the
//! `everyday` phrases as searchable words, so "sổ đỏ" finds the land-use-right certificate
//! procedures and "làm giấy khai sinh" finds "Đăng ký khai sinh".

/// One entry: everyday phrases (as people write them) → a phrase of the catalog's legal
/// wording (folded).
pub struct Synonym {
    pub everyday: &'static [&'static str],
    pub catalog: &'static str,
    /// The everyday words name this wording loosely (a related procedure, not the one meant).
    pub related: bool,
}

use crate::fold::fold_vietnamese;

pub const SYNONYMS: &[Synonym] = &[
    Synonym {
        everyday: &["sổ đỏ", "sổ hồng", "làm sổ đỏ", "bìa đỏ"],
        catalog: "giay chung nhan quyen su dung dat",
        related: false,
    },
    Synonym {
        everyday: &["sổ đỏ", "sổ hồng", "sang tên sổ đỏ", "sang tên"], catalog: "bien dong", related: true
    },
    Synonym {
        everyday: &["giấy khai sinh", "làm giấy khai sinh", "khai sinh cho con", "làm khai sinh"],
        catalog: "khai sinh",
        related: false,
    },
    Synonym { everyday: &["giấy chứng tử", "báo tử", "khai báo tử"], catalog: "khai tu", related: false },
    Synonym {
        everyday: &["giấy đăng ký kết hôn", "lấy vợ", "lấy chồng", "cưới"], catalog: "ket hon", related: false
    },
    Synonym {
        everyday: &["giấy xác nhận độc thân", "xác nhận độc thân", "độc thân"],
        catalog: "tinh trang hon nhan",
        related: false,
    },
    Synonym { everyday: &["hộ chiếu", "passport", "làm hộ chiếu"], catalog: "ho chieu", related: false },
    Synonym {
        everyday: &["đăng ký xe", "biển số xe", "biển số", "đăng ký xe máy", "cà vẹt", "cà vẹt"],
        catalog: "dang ky xe",
        related: false,
    },
    Synonym {
        everyday: &["bằng lái", "bằng lái xe", "đổi bằng lái", "làm bằng lái"],
        catalog: "giay phep lai xe",
        related: false,
    },
    Synonym {
        everyday: &["hộ khẩu", "nhập hộ khẩu", "chuyển hộ khẩu", "làm hộ khẩu"],
        catalog: "thuong tru",
        related: false,
    },
    Synonym {
        everyday: &["tạm trú", "đăng ký tạm trú", "sổ tạm trú"], catalog: "tam tru", related: false
    },
    Synonym {
        everyday: &["căn cước", "làm căn cước", "CCCD", "chứng minh thư", "CMND"],
        catalog: "can cuoc",
        related: false,
    },
    Synonym {
        everyday: &["công chứng", "photo công chứng", "sao y", "công chứng giấy tờ"],
        catalog: "chung thuc",
        related: false,
    },
    Synonym {
        everyday: &["mở công ty", "thành lập công ty", "lập công ty"],
        catalog: "thanh lap doanh nghiep",
        related: false,
    },
    Synonym {
        everyday: &["giấy phép kinh doanh", "mở cửa hàng", "đăng ký kinh doanh", "kinh doanh cá thể"],
        catalog: "ho kinh doanh",
        related: false,
    },
    Synonym {
        everyday: &["xin phép xây nhà", "xây nhà", "giấy phép xây nhà", "sửa nhà"],
        catalog: "giay phep xay dung",
        related: false,
    },
    Synonym {
        everyday: &["lý lịch tư pháp", "làm lý lịch", "phiếu lý lịch", "lý lịch số 2"],
        catalog: "ly lich tu phap",
        related: false,
    },
    Synonym {
        everyday: &["thất nghiệp", "tiền thất nghiệp", "bảo hiểm thất nghiệp"],
        catalog: "tro cap that nghiep",
        related: false,
    },
    Synonym {
        everyday: &["chuyển trường", "chuyển trường cho con"], catalog: "chuyen truong", related: false
    },
    Synonym { everyday: &["giấy phép lao động", "work permit"], catalog: "giay phep lao dong", related: false },
    Synonym { everyday: &["tách sổ", "chia đất", "tách đất"], catalog: "tach thua", related: false },
    Synonym { everyday: &["bán rượu", "giấy phép bán rượu"], catalog: "ruou", related: false },
    Synonym {
        everyday: &["vệ sinh an toàn thực phẩm", "giấy an toàn thực phẩm", "ATTP"],
        catalog: "an toan thuc pham",
        related: false,
    },
    Synonym { everyday: &["tiền mai táng", "ma chay"], catalog: "mai tang", related: false },
    Synonym {
        everyday: &["trợ cấp người già", "trợ cấp người khuyết tật", "tiền trợ cấp"],
        catalog: "tro cap xa hoi",
        related: false,
    },
    // Abbreviations people type for the commonest papers.
    Synonym { everyday: &["gplx"], catalog: "giay phep lai xe", related: false },
    Synonym { everyday: &["dkkd", "gpkd"], catalog: "dang ky doanh nghiep", related: false },
    Synonym { everyday: &["dkkd", "gpkd"], catalog: "thanh lap doanh nghiep", related: false },
    Synonym { everyday: &["dkkd", "gpkd"], catalog: "ho kinh doanh", related: false },
    Synonym { everyday: &["pccc"], catalog: "phong chay chua chay", related: false },
    Synonym { everyday: &["pccc"], catalog: "phong chay va chua chay", related: false },
    Synonym { everyday: &["htx"], catalog: "hop tac xa", related: false },
    Synonym { everyday: &["lltp"], catalog: "ly lich tu phap", related: false },
    Synonym { everyday: &["gpxd"], catalog: "giay phep xay dung", related: false },
    Synonym { everyday: &["cchn"], catalog: "chung chi hanh nghe", related: false },
    Synonym { everyday: &["đtm"], catalog: "danh gia tac dong moi truong", related: false },
    Synonym { everyday: &["gpmt"], catalog: "giay phep moi truong", related: false },
    Synonym { everyday: &["qsdđ", "qsdd"], catalog: "quyen su dung dat", related: false },
    Synonym { everyday: &["bhyt"], catalog: "bao hiem y te", related: false },
    Synonym { everyday: &["bhxh"], catalog: "bao hiem xa hoi", related: false },
];

/// The everyday phrases that apply to a folded name, each with whether it is only related.
pub fn everyday_words_for(folded_name: &str) -> impl Iterator<Item = (&'static str, bool)> + '_ {
    SYNONYMS
        .iter()
        .filter(move |s| contains_phrase(folded_name, s.catalog))
        .flat_map(|s| s.everyday.iter().map(move |e| (*e, s.related)))
}

/// The everyday phrase a citizen typed for a procedure whose folded name carries its legal
/// wording: "so do" for "Cấp Giấy chứng nhận quyền sử dụng đất…" gives "sổ đỏ", to show
/// beside the legal name. The typed phrase may still be incomplete ("so d").
pub fn everyday_phrase_typed(folded_name: &str, typed: &str) -> Option<&'static str> {
    let typed = fold_vietnamese(typed).split_whitespace().collect::<Vec<_>>().join(" ");
    if typed.is_empty() {
        return None;
    }
    SYNONYMS
        .iter()
        .filter(|s| !s.related && contains_phrase(folded_name, s.catalog) && !contains_phrase(folded_name, &typed))
        .flat_map(|s| s.everyday.iter().copied())
        .find(|e| {
            let e_folded = fold_vietnamese(e);
            e_folded == typed || (e_folded.starts_with(&typed) && typed.len() >= 3) || typed.contains(&e_folded)
        })
}

/// `phrase` occurs in `text` on syllable boundaries.
fn contains_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(start, _)| {
        let end = start + phrase.len();
        let before_ok = start == 0 || !text.as_bytes()[start - 1].is_ascii_alphanumeric();
        let after_ok = end == text.len() || !text.as_bytes()[end].is_ascii_alphanumeric();
        before_ok && after_ok
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn land_certificate_names_gain_so_do() {
        let words: Vec<_> = everyday_words_for("cap giay chung nhan quyen su dung dat lan dau").collect();
        assert!(words.contains(&("sổ đỏ", false)), "{words:?}");
    }

    #[test]
    fn phrases_match_only_on_syllable_boundaries() {
        // "khai sinh" inside a longer syllable must not count.
        assert!(!contains_phrase("khai sinhx", "khai sinh"));
        assert!(contains_phrase("dang ky khai sinh", "khai sinh"));
    }

    #[test]
    fn catalog_wording_is_stored_folded() {
        for s in SYNONYMS {
            assert_eq!(fold_vietnamese(s.catalog), s.catalog);
        }
    }

    #[test]
    fn the_everyday_phrase_typed_is_given_back_with_its_diacritics() {
        let name = "cap giay chung nhan quyen su dung dat lan dau";
        assert_eq!(everyday_phrase_typed(name, "so do"), Some("sổ đỏ"));
        assert_eq!(everyday_phrase_typed(name, "Sổ đỏ "), Some("sổ đỏ"));
        assert_eq!(everyday_phrase_typed(name, "cach lam so do"), Some("sổ đỏ"));
        // Typing the legal wording itself needs no hint; unrelated words get none.
        assert_eq!(everyday_phrase_typed(name, "giay chung nhan"), None);
        assert_eq!(everyday_phrase_typed(name, "ket hon"), None);
    }
}
