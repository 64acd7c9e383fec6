//! Money as citizens read it: "40.000 ₫" (dot thousands separator, ₫ after).

/// Formats an amount in đồng: `format_vnd(40000)` is "40.000 ₫".
pub fn format_vnd(amount: u64) -> String {
    format!("{} ₫", group_thousands(amount))
}

/// "1234567" → "1.234.567".
pub fn group_thousands(amount: u64) -> String {
    let digits = amount.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// An amount in words, as receipts state it: `amount_in_words(40000)` is "Bốn mươi nghìn đồng".
pub fn amount_in_words(amount: u64) -> String {
    const SCALES: [&str; 7] = ["", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ", "tỷ tỷ"];
    let words = if amount == 0 {
        "không".to_owned()
    } else {
        let mut groups = Vec::new();
        let mut n = amount;
        while n > 0 {
            groups.push((n % 1000) as u16);
            n /= 1000;
        }
        let top = groups.len() - 1;
        let mut parts: Vec<String> = Vec::new();
        for (i, group) in groups.iter().enumerate().rev() {
            if *group == 0 {
                continue;
            }
            parts.push(group_in_words(*group, i == top));
            if !SCALES[i].is_empty() {
                parts.push(SCALES[i].to_owned());
            }
        }
        parts.join(" ")
    };
    let mut chars = words.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
    format!("{first}{} đồng", chars.as_str())
}

/// One group of three digits. A group after the first says its hundreds and its "lẻ" even
/// when they are zero: 1.005.000 is "một triệu không trăm lẻ năm nghìn".
fn group_in_words(n: u16, leading: bool) -> String {
    const DIGITS: [&str; 10] = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];
    let (h, t, u) = (usize::from(n / 100), usize::from(n / 10 % 10), usize::from(n % 10));
    let mut words: Vec<&str> = Vec::new();
    if h > 0 || !leading {
        words.extend([DIGITS[h], "trăm"]);
    }
    match t {
        0 if u > 0 && !words.is_empty() => words.push("lẻ"),
        0 => {}
        1 => words.push("mười"),
        _ => words.extend([DIGITS[t], "mươi"]),
    }
    match u {
        0 => {}
        1 if t > 1 => words.push("mốt"),
        5 if t > 0 => words.push("lăm"),
        _ => words.push(DIGITS[u]),
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_dot_separators_and_dong_sign_after() {
        assert_eq!(format_vnd(40_000), "40.000 ₫");
        assert_eq!(format_vnd(0), "0 ₫");
        assert_eq!(format_vnd(999), "999 ₫");
        assert_eq!(format_vnd(1_000), "1.000 ₫");
        assert_eq!(format_vnd(4_700_000_000), "4.700.000.000 ₫");
    }

    #[test]
    fn amounts_in_words_as_receipts_state_them() {
        assert_eq!(amount_in_words(0), "Không đồng");
        assert_eq!(amount_in_words(1_000), "Một nghìn đồng");
        assert_eq!(amount_in_words(15_000), "Mười lăm nghìn đồng");
        assert_eq!(amount_in_words(40_000), "Bốn mươi nghìn đồng");
        assert_eq!(amount_in_words(1_250_000), "Một triệu hai trăm năm mươi nghìn đồng");
        assert_eq!(amount_in_words(1_000_000_000), "Một tỷ đồng");
    }

    #[test]
    fn words_say_le_mot_and_lam_where_vietnamese_does() {
        assert_eq!(amount_in_words(105), "Một trăm lẻ năm đồng");
        assert_eq!(amount_in_words(21), "Hai mươi mốt đồng");
        assert_eq!(amount_in_words(11), "Mười một đồng");
        assert_eq!(amount_in_words(25), "Hai mươi lăm đồng");
        assert_eq!(amount_in_words(1_005_000), "Một triệu không trăm lẻ năm nghìn đồng");
        assert_eq!(amount_in_words(2_050_000), "Hai triệu không trăm năm mươi nghìn đồng");
        assert_eq!(amount_in_words(300_000), "Ba trăm nghìn đồng");
    }
}
