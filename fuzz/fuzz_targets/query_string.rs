//! Every query string the API reads: strict decoding never panics, and what the encoder
//! writes always reads back as it was.
#![no_main]

use dvc_core::query_string::{decode, encode, parse, MAX_QUERY_STRING};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(pairs) = parse(Some(text)) {
        assert!(text.len() <= MAX_QUERY_STRING);
        assert!(pairs.len() <= text.len());
    }
    let _ = decode(text);
    assert_eq!(decode(&encode(text)).as_deref(), Some(text));
    let middle = (0..=text.len() / 2).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let (key, value) = text.split_at(middle);
    let query = format!("{}={}", encode(key), encode(value));
    if query.len() <= MAX_QUERY_STRING {
        assert_eq!(parse(Some(&query)), Ok(vec![(key.to_owned(), value.to_owned())]));
    }
});
