//! Everyday words citizens type, and the catalog wording they mean (DOMAIN.md §6).
//!
//! At index time, a procedure whose folded name contains a `catalog` phrase also gets the
//! `everyday` phrases as searchable words, so "sổ đỏ" finds the land-use-right certificate
//! procedures and "làm giấy khai sinh" finds "Đăng ký khai sinh".

/// One entry: everyday phrases → a phrase of the catalog's legal wording (all folded).
pub struct Synonym {
    pub everyday: &'static [&'static str],
    pub catalog: &'static str,
    /// The everyday words name this wording loosely (a related procedure, not the one meant).
    pub related: bool,
}

pub const SYNONYMS: &[Synonym] = &[
    Synonym { everyday: &["so do", "so hong", "lam so do", "bia do"], catalog: "giay chung nhan quyen su dung dat", related: false },
    Synonym { everyday: &["so do", "so hong", "sang ten so do", "sang ten"], catalog: "bien dong", related: true },
    Synonym { everyday: &["giay khai sinh", "lam giay khai sinh", "khai sinh cho con", "lam khai sinh"], catalog: "khai sinh", related: false },
    Synonym { everyday: &["giay chung tu", "bao tu", "khai bao tu"], catalog: "khai tu", related: false },
    Synonym { everyday: &["giay dang ky ket hon", "lay vo", "lay chong", "cuoi"], catalog: "ket hon", related: false },
    Synonym { everyday: &["giay xac nhan doc than", "xac nhan doc than", "doc than"], catalog: "tinh trang hon nhan", related: false },
    Synonym { everyday: &["ho chieu", "passport", "lam ho chieu"], catalog: "ho chieu", related: false },
    Synonym { everyday: &["dang ky xe", "bien so xe", "bien so", "dang ky xe may", "cavet", "ca vet"], catalog: "dang ky xe", related: false },
    Synonym { everyday: &["bang lai", "bang lai xe", "doi bang lai", "lam bang lai"], catalog: "giay phep lai xe", related: false },
    Synonym { everyday: &["ho khau", "nhap ho khau", "chuyen ho khau", "lam ho khau"], catalog: "thuong tru", related: false },
    Synonym { everyday: &["tam tru", "dang ky tam tru", "so tam tru"], catalog: "tam tru", related: false },
    Synonym { everyday: &["can cuoc", "lam can cuoc", "cccd", "chung minh thu", "cmnd"], catalog: "can cuoc", related: false },
    Synonym { everyday: &["cong chung", "photo cong chung", "sao y", "cong chung giay to"], catalog: "chung thuc", related: false },
    Synonym { everyday: &["mo cong ty", "thanh lap cong ty", "lap cong ty"], catalog: "thanh lap doanh nghiep", related: false },
    Synonym { everyday: &["giay phep kinh doanh", "mo cua hang", "dang ky kinh doanh", "kinh doanh ca the"], catalog: "ho kinh doanh", related: false },
    Synonym { everyday: &["xin phep xay nha", "xay nha", "giay phep xay nha", "sua nha"], catalog: "giay phep xay dung", related: false },
    Synonym { everyday: &["ly lich tu phap", "lam ly lich", "phieu ly lich", "ly lich so 2"], catalog: "ly lich tu phap", related: false },
    Synonym { everyday: &["that nghiep", "tien that nghiep", "bao hiem that nghiep"], catalog: "tro cap that nghiep", related: false },
    Synonym { everyday: &["chuyen truong", "chuyen truong cho con"], catalog: "chuyen truong", related: false },
    Synonym { everyday: &["giay phep lao dong", "work permit"], catalog: "giay phep lao dong", related: false },
    Synonym { everyday: &["tach so", "chia dat", "tach dat"], catalog: "tach thua", related: false },
    Synonym { everyday: &["ban ruou", "giay phep ban ruou"], catalog: "ruou", related: false },
    Synonym { everyday: &["ve sinh an toan thuc pham", "giay an toan thuc pham", "attp"], catalog: "an toan thuc pham", related: false },
    Synonym { everyday: &["tien mai tang", "ma chay"], catalog: "mai tang", related: false },
    Synonym { everyday: &["tro cap nguoi gia", "tro cap nguoi khuyet tat", "tien tro cap"], catalog: "tro cap xa hoi", related: false },
];

/// The everyday phrases that apply to a folded name, each with whether it is only related.
pub fn everyday_words_for(folded_name: &str) -> impl Iterator<Item = (&'static str, bool)> + '_ {
    SYNONYMS
        .iter()
        .filter(move |s| contains_phrase(folded_name, s.catalog))
        .flat_map(|s| s.everyday.iter().map(move |e| (*e, s.related)))
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
        assert!(words.contains(&("so do", false)), "{words:?}");
    }

    #[test]
    fn phrases_match_only_on_syllable_boundaries() {
        // "khai sinh" inside a longer syllable must not count.
        assert!(!contains_phrase("khai sinhx", "khai sinh"));
        assert!(contains_phrase("dang ky khai sinh", "khai sinh"));
    }

    #[test]
    fn every_table_entry_is_already_folded() {
        for s in SYNONYMS {
            assert_eq!(crate::fold_vietnamese(s.catalog), s.catalog);
            for e in s.everyday {
                assert_eq!(crate::fold_vietnamese(e), *e);
            }
        }
    }
}
