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
}
