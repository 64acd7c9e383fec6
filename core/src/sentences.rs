//! Cutting a page's text into sentences for "Đọc cho tôi nghe": the app queues one utterance a
//! sentence, so the sentence being read can be highlighted, and pausing or stopping takes
//! effect at once (speech engines also cut off long utterances).
//!
//! A sentence ends at `.`, `!`, `?`, `…`, `;` or `:` followed by white space, or at a line
//! break. Numbers keep their dots (`40.000 ₫`, `1.001193`, `02/12/2026`: no space follows).

use std::ops::Range;

/// The byte ranges of the sentences of `text`, trimmed, in order; none is empty.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_is_space = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
        let end = match c {
            '\n' | '\r' => Some(i),
            '.' | '!' | '?' | '…' | ';' | ':' if next_is_space => Some(i + c.len_utf8()),
            _ => None,
        };
        if let Some(end) = end {
            push_trimmed(text, start..end, &mut out);
            start = end;
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let part = &text[range.clone()];
    let lead = part.len() - part.trim_start().len();
    let trimmed = part.trim();
    if !trimmed.is_empty() {
        let start = range.start + lead;
        out.push(start..start + trimmed.len());
    }
}

/// A sentence as it is spoken: white space runs made one space.
pub fn spoken(sentence: &str) -> String {
    sentence.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn sentences_end_at_their_marks_and_numbers_keep_their_dots() {
        assert_eq!(
            cut("Lệ phí: 40.000 ₫. Thời hạn giải quyết 03 ngày làm việc! Nộp ở đâu? Tại UBND xã…  Xong"),
            vec!["Lệ phí:", "40.000 ₫.", "Thời hạn giải quyết 03 ngày làm việc!", "Nộp ở đâu?", "Tại UBND xã…", "Xong"]
        );
        assert_eq!(cut("Mã 1.001193, ngày 02/12/2026."), vec!["Mã 1.001193, ngày 02/12/2026."]);
        assert_eq!(cut("Dòng một\n\n  Dòng hai  "), vec!["Dòng một", "Dòng hai"]);
        assert!(cut("  \n . ").iter().all(|s| *s == "."), "no empty sentence");
        assert!(sentences("").is_empty());
    }

    #[test]
    fn ranges_point_into_the_text_and_speech_collapses_space() {
        let text = "  Bước 1.   Điền   tờ khai.";
        let ranges = sentences(text);
        let second = text.find("Điền").unwrap();
        assert_eq!(ranges, vec![2..text.find(".   ").unwrap() + 1, second..text.len()]);
        assert_eq!(spoken(&text[ranges[1].clone()]), "Điền tờ khai.");
    }
}
