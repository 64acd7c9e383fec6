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

/// The syllables of a text as written, each as a [`toned_key`]: the same syllables as
/// [`syllables`], in the same order, but keeping what the diacritics say.
pub fn toned_syllables(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || is_combining(c))).map(toned_key).filter(|s| !s.is_empty()).collect()
}

/// A syllable with its letters' vowel marks (ă â ê ô ơ ư đ) and its tone, wherever the
/// tone was placed ("hoà" and "hòa" alike): the base letters with their marks, then the
/// tone's number (1–5: huyền, sắc, hỏi, ngã, nặng) when there is one. A syllable typed
/// without diacritics gives back its folded self.
pub fn toned_key(syllable: &str) -> String {
    let mut out = String::with_capacity(syllable.len());
    let mut tone = 0;
    for c in syllable.chars() {
        match c {
            '\u{0300}' => tone = 1,
            '\u{0301}' => tone = 2,
            '\u{0309}' => tone = 3,
            '\u{0303}' => tone = 4,
            '\u{0323}' => tone = 5,
            // Breve, circumflex and horn typed as combining marks change the letter before.
            '\u{0306}' | '\u{0302}' | '\u{031B}' => {
                if let Some(last) = out.pop() {
                    out.push(with_mark(last, c));
                }
            }
            c if is_combining(c) => {}
            c => {
                let (letter, t) = split_tone(c);
                out.push(letter);
                if t > 0 {
                    tone = t;
                }
            }
        }
    }
    if tone > 0 {
        out.push(char::from(b'0' + tone));
    }
    out
}

fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// A letter, lower-cased, without its tone but with its vowel mark, and the tone (0: none).
fn split_tone(c: char) -> (char, u8) {
    let lower = if c == 'Đ' { 'đ' } else { c.to_lowercase().next().unwrap_or(c) };
    if lower == 'đ' {
        return ('đ', 0);
    }
    for (base, letters) in VIETNAMESE_LETTERS {
        if let Some(i) = letters.chars().position(|l| l == lower) {
            // Each row: the base letter's five tones, then per marked letter the bare
            // letter and its five tones.
            if i < 5 {
                return (*base, i as u8 + 1);
            }
            let (mark, tone) = ((i - 5) / 6, ((i - 5) % 6) as u8);
            let marked = letters.chars().nth(5 + mark * 6).unwrap_or(*base);
            return (marked, tone);
        }
    }
    (lower, 0)
}

/// `letter` with a combining vowel mark applied ("a" + breve → "ă").
fn with_mark(letter: char, mark: char) -> char {
    match (letter, mark) {
        ('a', '\u{0306}') => 'ă',
        ('a', '\u{0302}') => 'â',
        ('e', '\u{0302}') => 'ê',
        ('o', '\u{0302}') => 'ô',
        ('o', '\u{031B}') => 'ơ',
        ('u', '\u{031B}') => 'ư',
        _ => letter,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toned_keys_keep_marks_and_tone_wherever_it_sits() {
        assert_eq!(toned_key("chó"), "cho2");
        assert_eq!(toned_key("cho"), "cho");
        assert_eq!(toned_key("Đăng"), "đăng");
        assert_eq!(toned_key("trường"), "trương1");
        assert_eq!(toned_key("hoà"), toned_key("hòa"));
        assert_eq!(toned_key("thuỷ"), toned_key("thủy"));
        // Decomposed: "ặ" as a + breve + dot below.
        assert_eq!(toned_key("a\u{0306}\u{0323}"), "ă5");
        assert_eq!(toned_syllables("Đăng ký, khai-sinh"), ["đăng", "ky2", "khai", "sinh"]);
        assert_eq!(toned_syllables("Ho\u{0300}a"), ["hoa1"]);
    }

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
