//! Attached files: what a file really is (by its first bytes, not its name), its size, how
//! many, and a safe name to keep it under.

use serde::{Deserialize, Serialize};

use super::Problem;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum FileKind {
    Pdf,
    Jpeg,
    Png,
    Heic,
}

impl FileKind {
    pub const ALL: [FileKind; 4] = [FileKind::Pdf, FileKind::Jpeg, FileKind::Png, FileKind::Heic];

    pub fn label(self) -> &'static str {
        match self {
            FileKind::Pdf => "PDF",
            FileKind::Jpeg => "JPEG",
            FileKind::Png => "PNG",
            FileKind::Heic => "HEIC",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
            FileKind::Heic => "image/heic",
        }
    }
}

/// What a document slot accepts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FileRules {
    pub accepted: Vec<FileKind>,
    pub max_bytes: u64,
    pub max_files: usize,
}

impl Default for FileRules {
    /// PDF, JPEG, PNG and HEIC up to 10 MB, at most 5 files.
    fn default() -> FileRules {
        FileRules { accepted: FileKind::ALL.to_vec(), max_bytes: 10 * 1024 * 1024, max_files: 5 }
    }
}

/// The kind of a file from its first bytes (16 are enough).
pub fn detect_file_kind(head: &[u8]) -> Option<FileKind> {
    if head.starts_with(b"%PDF-") {
        return Some(FileKind::Pdf);
    }
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(FileKind::Jpeg);
    }
    if head.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        return Some(FileKind::Png);
    }
    // ISO base media: a box size, then "ftyp" and a HEIF brand.
    if head.len() >= 12 && &head[4..8] == b"ftyp" {
        let brand = &head[8..12];
        if [b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"].iter().any(|b| brand == *b) {
            return Some(FileKind::Heic);
        }
    }
    None
}

/// Checks one file against a slot's rules, given its size and first bytes, and how many
/// files the slot already holds. Returns its kind.
pub fn validate_file(size: u64, head: &[u8], already: usize, rules: &FileRules) -> Result<FileKind, Problem> {
    if already >= rules.max_files {
        return Err(Problem::TooManyFiles { max: rules.max_files });
    }
    if size == 0 {
        return Err(Problem::FileEmpty);
    }
    if size > rules.max_bytes {
        return Err(Problem::FileTooBig { max_bytes: rules.max_bytes });
    }
    match detect_file_kind(head) {
        Some(kind) if rules.accepted.contains(&kind) => Ok(kind),
        _ => Err(Problem::FileType { accepted: rules.accepted.clone() }),
    }
}

/// A name safe to store and show: no folders (`../`), no control or reserved characters, not
/// hidden, at most 100 characters; letters with diacritics are kept.
pub fn sanitize_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let mut clean: String = base
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ' | '(' | ')') { c } else { '_' })
        .collect();
    clean = tidy(&clean);
    if clean.chars().count() > 100 {
        // Keep the extension; the cut may end the stem on a dot, which is trimmed again.
        let ext: String = clean.rsplit_once('.').map(|(_, e)| e.chars().take(10).collect()).unwrap_or_default();
        let stem = tidy(&clean.chars().take(100 - ext.chars().count() - 1).collect::<String>());
        clean = match (stem.is_empty(), ext.is_empty()) {
            (_, true) => stem,
            (true, false) => ext,
            (false, false) => format!("{stem}.{ext}"),
        };
    }
    if clean.is_empty() {
        "tep-dinh-kem".to_owned()
    } else {
        clean
    }
}

/// No dot or space at either end, and no ".." anywhere.
fn tidy(name: &str) -> String {
    let mut clean = name.trim_matches(|c: char| c == '.' || c == ' ').to_owned();
    while clean.contains("..") {
        clean = clean.replace("..", ".");
    }
    clean
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_files_by_their_first_bytes_not_their_names() {
        assert_eq!(detect_file_kind(b"%PDF-1.7\n%\xe2\xe3"), Some(FileKind::Pdf));
        assert_eq!(detect_file_kind(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 16]), Some(FileKind::Jpeg));
        assert_eq!(detect_file_kind(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0]), Some(FileKind::Png));
        assert_eq!(detect_file_kind(b"\0\0\0\x18ftypheic\0\0\0\0"), Some(FileKind::Heic));
        assert_eq!(detect_file_kind(b"\0\0\0\x18ftypmp42\0\0\0\0"), None, "an MP4 is not a HEIC");
        assert_eq!(detect_file_kind(b"MZ\x90\0"), None, "an executable renamed .pdf");
        assert_eq!(detect_file_kind(b""), None);
    }

    #[test]
    fn applies_the_slot_rules_in_the_order_a_citizen_can_act_on() {
        let rules = FileRules { accepted: vec![FileKind::Pdf, FileKind::Jpeg], max_bytes: 1024, max_files: 2 };
        assert_eq!(validate_file(100, b"%PDF-1.4", 0, &rules), Ok(FileKind::Pdf));
        assert_eq!(validate_file(100, b"%PDF-1.4", 2, &rules), Err(Problem::TooManyFiles { max: 2 }));
        assert_eq!(validate_file(0, b"", 0, &rules), Err(Problem::FileEmpty));
        assert_eq!(validate_file(2048, b"%PDF-1.4", 0, &rules), Err(Problem::FileTooBig { max_bytes: 1024 }));
        assert_eq!(
            validate_file(100, &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A], 0, &rules),
            Err(Problem::FileType { accepted: vec![FileKind::Pdf, FileKind::Jpeg] })
        );
    }

    #[test]
    fn file_names_lose_folders_and_dangerous_characters_but_keep_vietnamese() {
        assert_eq!(sanitize_file_name("../../etc/passwd"), "passwd");
        assert_eq!(sanitize_file_name("C:\\Users\\An\\Giấy khai sinh.pdf"), "Giấy khai sinh.pdf");
        assert_eq!(sanitize_file_name(".hidden"), "hidden");
        assert_eq!(sanitize_file_name("a<b>:c|d?.jpg"), "a_b__c_d_.jpg");
        assert_eq!(sanitize_file_name("x..pdf"), "x.pdf");
        assert_eq!(sanitize_file_name("..."), "tep-dinh-kem");
        assert_eq!(sanitize_file_name("tệp\u{0}\n.png"), "tệp__.png");
        let long = format!("{}.pdf", "a".repeat(300));
        let kept = sanitize_file_name(&long);
        assert_eq!(kept.chars().count(), 100);
        assert!(kept.ends_with(".pdf"));
        // Found by fuzzing: a cut that ends the stem on a dot must not leave "..".
        let cut_on_dot = format!("{}.{}.pdf", "x".repeat(95), "z".repeat(10));
        assert_eq!(sanitize_file_name(&cut_on_dot), format!("{}.pdf", "x".repeat(95)));
        let only_dots_left = format!("{}{}.pdf", ".".repeat(2), "é".repeat(200));
        assert!(!sanitize_file_name(&only_dots_left).contains(".."));
    }
}
