//! Vietnamese folding for matching (docs/domain.md, "Search").
//!
//! đ/Đ map to d before anything else (đ has no decomposition), tone and vowel marks are
//! dropped, and the text is lower-cased. Precomposed letters are mapped by a table of the
//! Vietnamese alphabet instead of a full Unicode NFD: the table is a few hundred bytes in
//! the WASM bundle where normalisation tables would cost tens of kilobytes. Combining marks
//! (U+0300–U+036F), which text typed in NFD form carries, are dropped too, so "hoà", "hòa"
//! and their decomposed spellings all fold to "hoa".

/// Each row: the base letter, then every precomposed Vietnamese letter that folds to it
/// (lower case; upper case is lower-cased first).
const VIETNAMESE_LETTERS: &[(char, &str)] = &[
    ('a', "àáảãạăằắẳẵặâầấẩẫậ"),
    ('e', "èéẻẽẹêềếểễệ"),
    ('i', "ìíỉĩị"),
    ('o', "òóỏõọôồốổỗộơờớởỡợ"),
    ('u', "ùúủũụưừứửữự"),
    ('y', "ỳýỷỹỵ"),
    ('d', "đ"),
];

/// Folds one character; `None` means it is dropped (a combining mark).
pub fn fold_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    if ('\u{0300}'..='\u{036F}').contains(&c) {
        return None;
    }
    // đ first: Đ lower-cases to đ, which no decomposition would reach.
    let lower = if c == 'Đ' { 'đ' } else { c.to_lowercase().next().unwrap_or(c) };
    for (base, letters) in VIETNAMESE_LETTERS {
        if letters.contains(lower) {
            return Some(*base);
        }
    }
    Some(lower)
}

/// "Đăng ký khai sinh" → "dang ky khai sinh".
pub fn fold_vietnamese(text: &str) -> String {
    text.chars().filter_map(fold_char).collect()
}

/// The syllables of a text, folded: runs of letters and digits, everything else separates.
pub fn syllables(text: &str) -> Vec<String> {
    let folded = fold_vietnamese(text);
    folded.split(|c: char| !c.is_alphanumeric()).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_the_domain_example() {
        assert_eq!(fold_vietnamese("Đăng ký khai sinh"), "dang ky khai sinh");
    }

    #[test]
    fn old_and_new_tone_placement_fold_alike() {
        assert_eq!(fold_vietnamese("hoà"), "hoa");
        assert_eq!(fold_vietnamese("hòa"), "hoa");
        assert_eq!(fold_vietnamese("thuỷ"), fold_vietnamese("thủy"));
    }

    #[test]
    fn decomposed_input_folds_like_precomposed() {
        // "Hòa" typed as H o + combining grave + a.
        assert_eq!(fold_vietnamese("Ho\u{0300}a"), "hoa");
        // "đ" has no decomposition; its upper case must still reach d.
        assert_eq!(fold_vietnamese("ĐĐđ"), "ddd");
    }

    #[test]
    fn every_vietnamese_vowel_with_marks_folds_to_its_base() {
        let upper = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ";
        let folded = fold_vietnamese(upper);
        assert_eq!(folded, "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyy");
    }

    #[test]
    fn splits_syllables_on_punctuation_and_spaces() {
        assert_eq!(
            syllables("Cấp Giấy chứng nhận (sổ đỏ) - lần đầu"),
            vec!["cap", "giay", "chung", "nhan", "so", "do", "lan", "dau"]
        );
    }
}
