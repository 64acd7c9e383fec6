//! Strict query-string parsing: broken percent-encoding or invalid UTF-8 is an error the
//! client hears about (400), not something silently replaced.

use crate::error::ApiError;

/// Longest query string we read at all.
pub const MAX_QUERY_STRING: usize = 4096;

/// `a=1&b=x%20y` → [("a", "1"), ("b", "x y")]. `+` is a space.
pub fn parse(raw: Option<&str>) -> Result<Vec<(String, String)>, ApiError> {
    let Some(raw) = raw else { return Ok(Vec::new()) };
    if raw.len() > MAX_QUERY_STRING {
        return Err(ApiError::invalid("query", "Yêu cầu quá dài."));
    }
    raw.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let key = decode(k).ok_or_else(|| ApiError::InvalidEncoding { field: "query".into() })?;
            let value = decode(v).ok_or_else(|| ApiError::InvalidEncoding { field: key.clone() })?;
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
                if !hex.iter().all(u8::is_ascii_hexdigit) {
                    return None;
                }
                out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
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
        assert!(parse(Some("q=%E")).is_err());
        assert!(parse(Some("q=%zz")).is_err());
        assert!(parse(Some("q=%+1")).is_err());
        assert!(parse(Some("q=%C3%28")).is_err());
    }
}
