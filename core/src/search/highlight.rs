//! Which parts of a shown text match what the citizen typed, for `<mark>`.

use std::ops::Range;

use crate::fold::{fold_char, syllables};

use super::typing::{is_typo_of, strip_input_method};

/// Byte ranges of `text` whose syllables match a syllable of `query`: exactly, through an
/// input-method leftover, by prefix for the word being typed, or within one edit.
pub fn highlight(text: &str, query: &str) -> Vec<Range<usize>> {
    let typed = syllables(query);
    if typed.is_empty() {
        return Vec::new();
    }
    let typing_last = !query.ends_with(|c: char| c.is_whitespace());
    let stripped: Vec<Option<String>> = typed.iter().map(|s| strip_input_method(s)).collect();
    let matches = |syll: &str| {
        typed.iter().enumerate().any(|(i, q)| {
            q == syll
                || stripped[i].as_deref() == Some(syll)
                || (typing_last && i + 1 == typed.len() && syll.starts_with(q.as_str()))
                || is_typo_of(q, syll)
        })
    };

    let mut ranges = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    let flush = |current: &mut String, range: Range<usize>, ranges: &mut Vec<Range<usize>>| {
        if !current.is_empty() && matches(current) {
            ranges.push(range);
        }
        current.clear();
    };
    for (pos, c) in text.char_indices() {
        match fold_char(c) {
            Some(f) if f.is_alphanumeric() => {
                if current.is_empty() {
                    start = pos;
                }
                current.push(f);
            }
            None => {} // a combining mark belongs to the syllable it follows
            Some(_) => flush(&mut current, start..pos, &mut ranges),
        }
    }
    flush(&mut current, start..text.len(), &mut ranges);
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str, query: &str) -> Vec<String> {
        highlight(text, query).into_iter().map(|r| text[r].to_owned()).collect()
    }

    #[test]
    fn marks_the_original_accented_syllables() {
        assert_eq!(marked("Đăng ký khai sinh", "dang ky"), vec!["Đăng", "ký"]);
    }

    #[test]
    fn marks_the_prefix_being_typed_and_typos() {
        assert_eq!(marked("Đăng ký khai sinh", "khai si"), vec!["khai", "sinh"]);
        assert_eq!(marked("Đăng ký khai sinh", "khai xinh "), vec!["khai", "sinh"]);
    }

    #[test]
    fn nothing_to_mark_for_an_empty_query() {
        assert!(highlight("Đăng ký khai sinh", "  ").is_empty());
    }
}
