//! Strict query-string parsing: broken percent-encoding or invalid UTF-8 is an error the
//! caller reports, never something silently replaced. The server reads every query with it.

/// Longest query string read at all.
pub const MAX_QUERY_STRING: usize = 4096;

/// Why a query string was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryError {
    /// Longer than [`MAX_QUERY_STRING`].
    TooLong,
    /// A broken `%` escape or bytes that are not UTF-8, in the pair named by `key` (or in a
    /// key itself: `None`).
    Encoding { key: Option<String> },
}

/// `a=1&b=x%20y` → [("a", "1"), ("b", "x y")]. `+` is a space; empty pairs are skipped.
pub fn parse(raw: Option<&str>) -> Result<Vec<(String, String)>, QueryError> {
    let Some(raw) = raw else { return Ok(Vec::new()) };
    if raw.len() > MAX_QUERY_STRING {
        return Err(QueryError::TooLong);
    }
    raw.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let key = decode(k).ok_or(QueryError::Encoding { key: None })?;
            let value = decode(v).ok_or_else(|| QueryError::Encoding { key: Some(key.clone()) })?;
            Ok((key, value))
        })
        .collect()
}

/// Strict percent-decoding (`+` is a space): `None` for a broken escape or invalid UTF-8.
pub fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                out.push(hex_value(hex[0])? << 4 | hex_value(hex[1])?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// The inverse of [`decode`]: letters, digits and `-._~` stay, a space becomes `+`, every
/// other byte `%XX`.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
        }
    }
    out
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_percent_and_plus() {
        let pairs = parse(Some("q=%C4%91%C4%83ng+k%C3%BD&page=2")).unwrap();
        assert_eq!(pairs, vec![("q".into(), "đăng ký".into()), ("page".into(), "2".into())]);
    }

    #[test]
    fn rejects_truncated_escapes_and_invalid_utf8() {
        assert_eq!(parse(Some("q=%E")), Err(QueryError::Encoding { key: Some("q".into()) }));
        assert!(parse(Some("q=%zz")).is_err());
        assert!(parse(Some("q=%+1")).is_err());
        assert!(parse(Some("q=%C3%28")).is_err());
        assert_eq!(parse(Some("%FF=1")), Err(QueryError::Encoding { key: None }));
        assert_eq!(parse(Some(&"a".repeat(MAX_QUERY_STRING + 1))), Err(QueryError::TooLong));
    }

    #[test]
    fn encoding_then_decoding_gives_the_text_back() {
        for text in ["đăng ký khai sinh", "a+b=c&d", "100%", "", "~._-", "\u{202e}x"] {
            assert_eq!(decode(&encode(text)).as_deref(), Some(text));
        }
    }
}
