//! Words that carry no meaning for search (docs/domain.md, "Search: the relevance floor").
//!
//! Two kinds, both folded:
//! - incidental phrases of the catalog's legal wording ("trường hợp", "đối với"): their
//!   syllables are not indexed, so "chuyển trường" does not find "… trong trường hợp chuyển
//!   nhượng …";
//! - filler words of the way people ask ("tôi muốn", "cách làm", "ở đâu", "bao lâu"): they are
//!   dropped from a query before it is matched, because they say how, not what.

/// Phrases of legal wording that are never what a citizen looks for.
pub const INCIDENTAL: &[&str] = &[
    "trong truong hop",
    "truong hop",
    "doi voi",
    "theo quy dinh",
    "co lien quan",
    "tren dia ban",
    "thuoc tham quyen",
    "theo yeu cau",
];

/// Single syllables of the way people ask, dropped from queries. Folding loses diacritics, so
/// a syllable is here only when no catalog word folds to it too: "làm" is not ("lâm nghiệp"),
/// nor "cho" ("chó"), "của" ("cửa"), "căn" ("căn cước"), "đâu" ("đầu tư") or "thẻ" ("thẻ tạm trú").
pub const FILLER: &[&str] = &[
    "a", "ah", "cach", "em", "gap", "gi", "giup", "khong", "lau", "muon", "nao", "nhe", "nhieu", "nhu", "oi", "online",
    "phai", "toi", "xin",
];

/// Whether a folded syllable is a filler word of a query.
pub fn is_filler(syllable: &str) -> bool {
    FILLER.binary_search(&syllable).is_ok()
}

/// The positions of `syllables` that belong to an incidental phrase.
pub fn incidental_positions(syllables: &[String]) -> Vec<bool> {
    let mut skip = vec![false; syllables.len()];
    for phrase in INCIDENTAL {
        let words: Vec<&str> = phrase.split(' ').collect();
        if words.len() > syllables.len() {
            continue;
        }
        for start in 0..=syllables.len() - words.len() {
            if words.iter().enumerate().all(|(k, w)| syllables[start + k] == *w) {
                skip[start..start + words.len()].iter_mut().for_each(|s| *s = true);
            }
        }
    }
    skip
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::{fold_vietnamese, syllables};

    #[test]
    fn filler_is_sorted_and_folded_for_binary_search() {
        assert!(FILLER.windows(2).all(|w| w[0] < w[1]), "FILLER must stay sorted");
        for w in FILLER.iter().chain(INCIDENTAL) {
            assert_eq!(fold_vietnamese(w), *w);
        }
        assert!(is_filler("toi") && is_filler("muon") && !is_filler("khai"));
    }

    #[test]
    fn incidental_phrases_are_found_on_syllable_boundaries() {
        let s = syllables("Đăng ký biến động trong trường hợp chuyển nhượng đối với hộ gia đình");
        let skip = incidental_positions(&s);
        let kept: Vec<&str> = s.iter().zip(&skip).filter(|(_, k)| !**k).map(|(w, _)| w.as_str()).collect();
        assert_eq!(kept, ["dang", "ky", "bien", "dong", "chuyen", "nhuong", "ho", "gia", "dinh"]);
        // "trường" alone (a school) is kept.
        assert_eq!(incidental_positions(&syllables("chuyển trường")), [false, false]);
    }
}
