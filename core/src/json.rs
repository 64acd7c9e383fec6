//! A small JSON reader, for the app's pages that must stay light: a procedure's page reads
//! its record with it instead of serde_json, whose decoding code would weigh about four times
//! as much in that page's download. The API's JSON stays the one format on the wire; the
//! readers here ([`Procedure::from_json`](crate::catalog::Procedure::from_json)) are checked
//! against what serde writes, record by record, in the server's tests.

/// A parsed JSON value. Objects keep their members in order; numbers keep their text (the
/// records hold whole numbers only, and no float parsing code is needed to read them).
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// How deep arrays and objects may nest: no answer of the API comes near it.
const MAX_DEPTH: usize = 64;

impl Json {
    /// Parses a whole document; `None` when it is not JSON (or nests deeper than 64).
    pub fn parse(text: &str) -> Option<Json> {
        let mut reader = Reader { bytes: text.as_bytes(), at: 0 };
        let value = reader.value(0)?;
        reader.space();
        (reader.at == reader.bytes.len()).then_some(value)
    }

    /// A member of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// A whole number from 0, written as one (`8000`, not `8e3`).
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(n) => n.parse().ok(),
            _ => None,
        }
    }

    /// A whole number, written as one.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Number(n) => n.parse().ok(),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The string member `key`.
    pub fn text(&self, key: &str) -> Option<String> {
        self.get(key)?.as_str().map(str::to_owned)
    }

    /// The string member `key`, or `None` when it is missing or null.
    pub fn optional_text(&self, key: &str) -> Option<Option<String>> {
        match self.get(key) {
            None | Some(Json::Null) => Some(None),
            Some(v) => v.as_str().map(|s| Some(s.to_owned())),
        }
    }

    /// The array member `key`, each item read by `read`; `None` if any item does not read.
    pub fn list<T>(&self, key: &str, read: impl Fn(&Json) -> Option<T>) -> Option<Vec<T>> {
        self.get(key)?.as_array()?.iter().map(read).collect()
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn space(&mut self) {
        while self.bytes.get(self.at).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.space();
        let found = self.bytes.get(self.at) == Some(&byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn word(&mut self, word: &str, value: Json) -> Option<Json> {
        let end = self.at + word.len();
        (self.bytes.get(self.at..end)? == word.as_bytes()).then(|| {
            self.at = end;
            value
        })
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.space();
        match *self.bytes.get(self.at)? {
            b'n' => self.word("null", Json::Null),
            b't' => self.word("true", Json::Bool(true)),
            b'f' => self.word("false", Json::Bool(false)),
            b'"' => self.string().map(Json::String),
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                if self.eat(b']') {
                    return Some(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    if self.eat(b']') {
                        return Some(Json::Array(items));
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            b'{' => {
                self.at += 1;
                let mut members = Vec::new();
                if self.eat(b'}') {
                    return Some(Json::Object(members));
                }
                loop {
                    self.space();
                    let key = self.string()?;
                    if !self.eat(b':') {
                        return None;
                    }
                    members.push((key, self.value(depth + 1)?));
                    if self.eat(b'}') {
                        return Some(Json::Object(members));
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn number(&mut self) -> Option<Json> {
        let start = self.at;
        while self.bytes.get(self.at).is_some_and(|b| matches!(b, b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')) {
            self.at += 1;
        }
        let text = std::str::from_utf8(&self.bytes[start..self.at]).ok()?;
        json_number(text.as_bytes()).then(|| Json::Number(text.to_owned()))
    }

    /// A string, the reader on its opening quote.
    fn string(&mut self) -> Option<String> {
        if self.bytes.get(self.at) != Some(&b'"') {
            return None;
        }
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while self.bytes.get(self.at).is_some_and(|b| *b != b'"' && *b != b'\\' && *b >= 0x20) {
                self.at += 1;
            }
            out.push_str(std::str::from_utf8(&self.bytes[start..self.at]).ok()?);
            match *self.bytes.get(self.at)? {
                b'"' => {
                    self.at += 1;
                    return Some(out);
                }
                b'\\' => {
                    let escape = *self.bytes.get(self.at + 1)?;
                    self.at += 2;
                    out.push(match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode()?,
                        _ => return None,
                    });
                }
                _ => return None, // a control character
            }
        }
    }

    /// After `\u`: a code point, from a surrogate pair where it takes two.
    fn unicode(&mut self) -> Option<char> {
        let high = self.hex4()?;
        if !(0xD800..0xDC00).contains(&high) {
            return char::from_u32(high);
        }
        if self.bytes.get(self.at..self.at + 2)? != b"\\u" {
            return None;
        }
        self.at += 2;
        let low = self.hex4()?;
        if !(0xDC00..0xE000).contains(&low) {
            return None;
        }
        char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = std::str::from_utf8(self.bytes.get(self.at..self.at + 4)?).ok()?;
        self.at += 4;
        u32::from_str_radix(digits, 16).ok()
    }
}

/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
fn json_number(text: &[u8]) -> bool {
    let digits = |at: usize| text[at..].iter().take_while(|b| b.is_ascii_digit()).count();
    let mut at = usize::from(text.first() == Some(&b'-'));
    match digits(at) {
        0 => return false,
        n if n > 1 && text[at] == b'0' => return false,
        n => at += n,
    }
    if text.get(at) == Some(&b'.') {
        match digits(at + 1) {
            0 => return false,
            n => at += 1 + n,
        }
    }
    if matches!(text.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(text.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        match digits(at) {
            0 => return false,
            n => at += n,
        }
    }
    at == text.len()
}

#[cfg(test)]
mod tests {
    use super::Json;

    #[test]
    fn reads_what_serde_json_writes() {
        let value = serde_json::json!({
            "name": "Đăng ký khai sinh \"cho con\" \\ /\n\t\u{1}",
            "emoji": "😀 𝄞",
            "fee": 8000, "big": 9_007_199_254_740_992u64, "neg": -1.5e3, "zero": 0,
            "ok": true, "no": false, "none": null,
            "list": [[], {}, [1, [2, [3]]], ""],
        });
        let parsed = Json::parse(&serde_json::to_string_pretty(&value).unwrap()).expect("parses");
        assert_eq!(parsed.text("name").unwrap(), "Đăng ký khai sinh \"cho con\" \\ /\n\t\u{1}");
        assert_eq!(parsed.text("emoji").unwrap(), "😀 𝄞");
        assert_eq!(parsed.get("fee").and_then(Json::as_u64), Some(8000));
        assert_eq!(parsed.get("big").and_then(Json::as_u64), Some(9_007_199_254_740_992));
        assert_eq!(parsed.get("neg"), Some(&Json::Number("-1500.0".into())));
        assert_eq!(parsed.get("neg").and_then(Json::as_u64), None, "not a whole number from 0");
        assert_eq!(Json::parse("-42").and_then(|n| n.as_i64()), Some(-42));
        assert_eq!(parsed.get("fee").and_then(Json::as_i64), Some(8000));
        assert_eq!(parsed.get("ok").and_then(Json::as_bool), Some(true));
        assert_eq!(parsed.optional_text("none"), Some(None));
        assert_eq!(parsed.optional_text("missing"), Some(None));
        assert_eq!(parsed.optional_text("fee"), None, "a number is not text");
        assert_eq!(parsed.get("list").and_then(Json::as_array).map(<[Json]>::len), Some(4));
        // Escaped surrogate pairs, as other writers send them.
        assert_eq!(Json::parse(r#""\ud83d\ude00 \u0110""#), Some(Json::String("😀 Đ".into())));
    }

    #[test]
    fn refuses_what_is_not_json() {
        for text in [
            "",
            " ",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{a:1}",
            "[1 2]",
            "01",
            "+1",
            ".5",
            "1.",
            "-",
            "nul",
            "truth",
            "\"open",
            "\"bad \\x escape\"",
            "\"lone \\ud83d\"",
            "\"tab\tinside\"",
            "[1] 2",
            "NaN",
            "1.e5",
            "1e",
            "1e+",
            "--1",
            "0x10",
        ] {
            assert_eq!(Json::parse(text), None, "{text:?}");
        }
        assert_eq!(Json::parse(&"[".repeat(65).to_string()), None);
        let deep = format!("{}{}", "[".repeat(64), "]".repeat(64));
        assert!(Json::parse(&deep).is_some(), "64 levels are fine");
        let too_deep = format!("{}{}", "[".repeat(66), "]".repeat(66));
        assert_eq!(Json::parse(&too_deep), None);
    }
}
