//! A scanned VietQR payload: decoding never panics, and whatever decodes and encodes again
//! decodes to the same thing.
#![no_main]

use dvc_core::vietqr::{crc16, decode, encode, transfer_note, NOTE_MAX};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = crc16(data);
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(qr) = decode(text) {
        if let Ok(again) = encode(&qr) {
            assert_eq!(decode(&again).as_ref(), Ok(&qr), "{text:?} → {again:?}");
        }
    }
    let note = transfer_note(text);
    assert!(note.chars().count() <= NOTE_MAX, "{note:?}");
    assert!(note.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' '), "{note:?}");
    assert!(!note.contains("  "), "{note:?}");
});
