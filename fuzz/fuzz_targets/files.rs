//! An uploaded file: the kind is read from its first bytes, the size and count are checked,
//! and the name it came with becomes one safe to store and show.
#![no_main]

use dvc_core::validation::{detect_file_kind, sanitize_file_name, validate_file, FileRules};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let kind = detect_file_kind(data);
    let rules = FileRules::default();
    let checked = validate_file(data.len() as u64, data, 0, &rules);
    if let Ok(k) = checked {
        assert_eq!(Some(k), kind, "accepted as one kind, detected as another");
    }
    assert!(validate_file(rules.max_bytes + 1, data, 0, &rules).is_err());
    assert!(validate_file(data.len() as u64, data, rules.max_files, &rules).is_err());
    let name = sanitize_file_name(&String::from_utf8_lossy(data));
    assert!(!name.is_empty() && name.chars().count() <= 100, "{name:?}");
    assert!(!name.contains(['/', '\\']) && !name.contains(".."), "{name:?}");
    assert!(!name.starts_with('.') && !name.chars().any(char::is_control), "{name:?}");
});
