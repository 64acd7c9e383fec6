//! How people mistype: one-edit typos and leftovers of Telex/VNI input methods.

/// `a` and `b` differ by at most one insertion, deletion, substitution or swap of two
/// neighbouring letters (ASCII syllables, as folding leaves them).
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    match long.len() - short.len() {
        0 => {
            let diffs: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            match diffs.as_slice() {
                [_] => true,
                [i, j] => *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i],
                _ => false,
            }
        }
        1 => {
            let first_diff = (0..short.len()).find(|&i| short[i] != long[i]).unwrap_or(short.len());
            short[first_diff..] == long[first_diff + 1..]
        }
        _ => false,
    }
}

/// Typo tolerance applies to syllables of four letters or more: shorter ones have too many
/// one-edit neighbours ("ky" would match "ký", "kỳ", "ko", "y"…).
pub const MIN_TYPO_LEN: usize = 4;

/// `term` (from the catalog) is what `typed` would be without a one-edit typo. Typed
/// syllables of four letters or more may have any one edit; three-letter ones only a dropped
/// letter ("kai" for "khai") or two neighbours swapped ("hno" for "hon"), the commonest slips
/// on a phone keyboard.
pub fn is_typo_of(typed: &str, term: &str) -> bool {
    let fits = if typed.len() >= MIN_TYPO_LEN {
        term.len() + 1 >= MIN_TYPO_LEN
    } else {
        typed.len() == MIN_TYPO_LEN - 1
            && (term.len() == MIN_TYPO_LEN || (term.len() == typed.len() && is_swap(typed, term)))
    };
    fits && within_one_edit(typed, term)
}

/// `a` and `b` differ by two neighbouring letters swapped.
fn is_swap(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let diffs: Vec<usize> = (0..a.len().min(b.len())).filter(|&i| a[i] != b[i]).collect();
    a.len() == b.len() && matches!(diffs.as_slice(), [i, j] if *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i])
}

/// Undoes what a Telex or VNI keyboard leaves behind when it is off or misused:
/// "dduwowngf" → "duong", "khais" → "khai", "d9ang1" → "dang". Returns `None` when
/// nothing changes.
pub fn strip_input_method(syllable: &str) -> Option<String> {
    let mut s: String = syllable.chars().filter(|c| !c.is_ascii_digit()).collect();
    if s.is_empty() {
        return None;
    }
    for (from, to) in [("dd", "d"), ("aa", "a"), ("ee", "e"), ("oo", "o"), ("uw", "u"), ("ow", "o"), ("aw", "a")] {
        s = s.replace(from, to);
    }
    s.retain(|c| c != 'w');
    // A trailing tone key (s f r x j) after a vowel or a final consonant.
    if s.len() > 2 && matches!(s.as_bytes()[s.len() - 1], b's' | b'f' | b'r' | b'x' | b'j') {
        s.pop();
    }
    (s != syllable && !s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_covers_substitution_insertion_deletion_and_swap() {
        assert!(within_one_edit("sinh", "sinh"));
        assert!(within_one_edit("sinh", "xinh"));
        assert!(within_one_edit("sinh", "sinhh"));
        assert!(within_one_edit("sinh", "snh"));
        assert!(within_one_edit("khai", "khia"));
    }

    #[test]
    fn two_edits_are_too_many() {
        assert!(!within_one_edit("sinh", "xinhh"));
        assert!(!within_one_edit("khai", "ihka"));
        assert!(!within_one_edit("dang", "da"));
    }

    #[test]
    fn three_letter_syllables_forgive_only_a_dropped_letter() {
        assert!(is_typo_of("kai", "khai"));
        assert!(!is_typo_of("kai", "kao"), "a substitution in three letters is too loose");
        assert!(is_typo_of("hno", "hon"), "two neighbours swapped");
        assert!(!is_typo_of("hno", "ohn"), "a swap of letters apart is not one slip");
        assert!(!is_typo_of("ky", "kyy"));
        assert!(is_typo_of("sinhh", "sinh"));
    }

    #[test]
    fn telex_and_vni_leftovers_are_stripped() {
        assert_eq!(strip_input_method("khais").as_deref(), Some("khai"));
        assert_eq!(strip_input_method("ddawng").as_deref(), Some("dang"));
        assert_eq!(strip_input_method("dduwowngf").as_deref(), Some("duong"));
        assert_eq!(strip_input_method("d9ang1").as_deref(), Some("dang"));
        assert_eq!(strip_input_method("sinh"), None);
    }
}
