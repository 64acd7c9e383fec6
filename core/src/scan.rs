//! What a scanned QR code means to the app. A citizen points the phone at a paper: the
//! confirmation printed after filing (its QR is the dossier's tracking address), a digitised
//! result (its QR is the result's verification address) or a receipt. Any other code is not
//! followed: a VietQR payment code is recognised and explained (paying is the banking app's
//! job, and a code stuck over a real one is a known fraud), anything else is shown as text.
//!
//! Only the path of an address is read, never its host: the app opens its own page for the
//! code it finds, so a code printed by another site cannot send the citizen there.

use crate::dossier::parse_dossier_code;
use crate::vietqr::{self, VietQr};

/// The tracking page's path, as the QR codes of the confirmation and of the printed receipt
/// carry it: `/tra-cuu/<code>`.
pub const TRACK_PATH: &str = "/tra-cuu/";
/// The app's verification page of a result.
pub const VERIFY_PAGE_PATH: &str = "/xac-thuc/";
/// The API's verification address of a result, as results printed before the page existed carry it.
const VERIFY_API_PATH: &str = "/api/v1/results/";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scanned {
    /// A dossier's code: open its tracking page.
    Dossier(String),
    /// A digitised result's id: open its verification page.
    Result(String),
    /// A bank transfer code: explain it, do not follow it.
    Payment(VietQr),
    /// Anything else, as read.
    Unknown(String),
}

/// Reads what a QR code carries.
pub fn classify(text: &str) -> Scanned {
    let text = text.trim();
    if let Ok(payment) = vietqr::decode(text) {
        return Scanned::Payment(payment);
    }
    if parse_dossier_code(text).is_some() {
        return Scanned::Dossier(text.to_owned());
    }
    let path = path_of(text);
    if let Some(code) = path.and_then(|p| p.strip_prefix(TRACK_PATH)).map(|c| c.trim_end_matches('/')) {
        if parse_dossier_code(code).is_some() {
            return Scanned::Dossier(code.to_owned());
        }
    }
    let result = path.and_then(|p| {
        p.strip_prefix(VERIFY_PAGE_PATH)
            .map(|id| id.trim_end_matches('/'))
            .or_else(|| p.strip_prefix(VERIFY_API_PATH)?.strip_suffix("/verify"))
    });
    match result {
        Some(id) if is_result_id(id) => Scanned::Result(id.to_ascii_lowercase()),
        _ => Scanned::Unknown(text.to_owned()),
    }
}

/// A result's id: 32 hex digits, random (see the server's results).
pub fn is_result_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The path of an `http(s)://host/path?query#fragment` address (without query or fragment), or
/// of a bare `/path`.
fn path_of(text: &str) -> Option<&str> {
    let rest = if text.starts_with('/') {
        text
    } else {
        let scheme_less = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://"))?;
        &scheme_less[scheme_less.find('/')?..]
    };
    Some(rest.split(['?', '#']).next().unwrap_or(rest))
}

/// The name of a bank by its NAPAS BIN, for the banks most citizens use; `None` for others
/// (the app then shows the BIN).
pub fn bank_name(bin: &str) -> Option<&'static str> {
    Some(match bin {
        "970436" => "Vietcombank",
        "970415" => "VietinBank",
        "970418" => "BIDV",
        "970405" => "Agribank",
        "970416" => "ACB",
        "970407" => "Techcombank",
        "970422" => "MB",
        "970423" => "TPBank",
        "970432" => "VPBank",
        "970403" => "Sacombank",
        "970437" => "HDBank",
        "970441" => "VIB",
        "970443" => "SHB",
        "970448" => "OCB",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vietqr::{encode, Service};

    #[test]
    fn a_confirmations_tracking_address_opens_the_dossier_whatever_its_host() {
        let code = "000.00.01.H62-270205-0001";
        for text in [
            format!("https://dichvucong.vinhphuc.gov.vn/tra-cuu/{code}"),
            format!("http://127.0.0.1:8080/tra-cuu/{code}/"),
            format!("https://elsewhere.example/tra-cuu/{code}?utm=x#top"),
            format!("/tra-cuu/{code}"),
            format!("  {code}\n"),
        ] {
            assert_eq!(classify(&text), Scanned::Dossier(code.to_owned()), "{text}");
        }
        // A path that only looks like one.
        for text in [
            "https://x.example/tra-cuu/",
            "https://x.example/tra-cuu/abc",
            "https://x.example/khac/000.00.01.H62-270205-0001",
        ] {
            assert!(matches!(classify(text), Scanned::Unknown(_)), "{text}");
        }
    }

    #[test]
    fn a_results_verification_address_opens_its_verification_page() {
        let id = "0123456789abcdef0123456789ABCDEF";
        let lower = id.to_ascii_lowercase();
        for text in [
            format!("https://dichvucong.vinhphuc.gov.vn/api/v1/results/{id}/verify"),
            format!("https://dichvucong.vinhphuc.gov.vn/xac-thuc/{id}"),
        ] {
            assert_eq!(classify(&text), Scanned::Result(lower.clone()), "{text}");
        }
        for text in [
            format!("https://x.example/api/v1/results/{id}"),
            "https://x.example/xac-thuc/0123".to_owned(),
            format!("https://x.example/xac-thuc/{}", "g".repeat(32)),
        ] {
            assert!(matches!(classify(&text), Scanned::Unknown(_)), "{text}");
        }
    }

    #[test]
    fn a_payment_code_is_read_as_a_payment_and_nothing_else_is() {
        let qr = VietQr {
            bin: "970436".into(),
            account: "0011001932418".into(),
            service: Some(Service::ToAccount),
            amount: Some(40_000),
            bill_number: Some("HD123".into()),
            purpose: Some("HD123 le phi".into()),
            ..VietQr::default()
        };
        let payload = encode(&qr).unwrap();
        assert_eq!(classify(&payload), Scanned::Payment(qr));
        // One character changed: the checksum fails, so it is not read as a payment.
        let forged = payload.replacen("40000", "90000", 1);
        assert!(matches!(classify(&forged), Scanned::Unknown(_)));
        assert_eq!(classify("xin chào"), Scanned::Unknown("xin chào".into()));
        assert_eq!(bank_name("970436"), Some("Vietcombank"));
        assert_eq!(bank_name("970999"), None);
    }
}
