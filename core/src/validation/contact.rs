//! Mobile phone numbers and e-mail addresses.

use super::Problem;

/// A Vietnamese mobile number (docs/domain.md, "Identity numbers"): 10 digits, `0` or
/// `+84`/`84`, then 3, 5, 7, 8 or 9, then 8 digits. Spaces, dots and dashes between digits are
/// allowed. Returns the number as `0xxxxxxxxx`. (The widely copied unanchored regex with `|`
/// inside a character class accepts far too much; this does not use it.)
pub fn normalize_phone(text: &str) -> Result<String, Problem> {
    let compact: String = text.chars().filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')')).collect();
    if compact.is_empty() {
        return Err(Problem::Required);
    }
    let national = if let Some(rest) = compact.strip_prefix("+84") {
        rest.to_owned()
    } else if compact.len() == 11 && compact.starts_with("84") {
        compact[2..].to_owned()
    } else if let Some(rest) = compact.strip_prefix('0') {
        rest.to_owned()
    } else {
        return Err(Problem::Phone);
    };
    let ok = national.len() == 9
        && national.bytes().all(|b| b.is_ascii_digit())
        && matches!(national.as_bytes()[0], b'3' | b'5' | b'7' | b'8' | b'9');
    if ok {
        Ok(format!("0{national}"))
    } else {
        Err(Problem::Phone)
    }
}

/// An e-mail address of the usual shape: `local@domain.tld`, no spaces, a dot in the domain,
/// no empty labels. Returns it trimmed.
pub fn validate_email(text: &str) -> Result<String, Problem> {
    let email = text.trim();
    if email.is_empty() {
        return Err(Problem::Required);
    }
    let Some((local, domain)) = email.rsplit_once('@') else { return Err(Problem::Email) };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && domain.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    if local_ok && domain_ok && email.len() <= 254 {
        Ok(email.to_owned())
    } else {
        Err(Problem::Email)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_mobile_numbers_in_the_forms_people_write() {
        for (typed, normal) in [
            ("0912345678", "0912345678"),
            ("091 234 5678", "0912345678"),
            ("0912.345.678", "0912345678"),
            ("+84912345678", "0912345678"),
            ("84 912 345 678", "0912345678"),
            ("0387654321", "0387654321"),
            ("0569999999", "0569999999"),
            ("0701234567", "0701234567"),
            ("0812345678", "0812345678"),
        ] {
            assert_eq!(normalize_phone(typed), Ok(normal.to_owned()), "{typed}");
        }
    }

    #[test]
    fn rejects_what_the_copied_regex_would_let_through() {
        for typed in [
            "0212345678",    // landline prefix 02
            "0112345678",    // 01x no longer exists
            "091234567",     // 9 digits
            "09123456789",   // 11 digits
            "849123456789",  // 84 then 10 digits
            "x0912345678",   // junk before
            "0912345678abc", // junk after
            "|912345678",    // '|' matched by the class [3|5|7|8|9]
            "0|12345678",
        ] {
            assert_eq!(normalize_phone(typed), Err(Problem::Phone), "{typed}");
        }
        assert_eq!(normalize_phone(" "), Err(Problem::Required));
    }

    #[test]
    fn checks_the_shape_of_email_addresses() {
        assert_eq!(validate_email(" nguyen.van.a@vinhphuc.gov.vn "), Ok("nguyen.van.a@vinhphuc.gov.vn".into()));
        assert!(validate_email("a+tag@example.vn").is_ok());
        for bad in [
            "nguyenvana",
            "a@b",
            "a@@b.vn",
            "a b@c.vn",
            ".a@b.vn",
            "a..b@c.vn",
            "a@-b.vn",
            "a@b.v",
            "a@b..vn",
            "a@b.123",
        ] {
            assert_eq!(validate_email(bad), Err(Problem::Email), "{bad}");
        }
    }
}
