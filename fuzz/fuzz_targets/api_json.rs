//! What the app reads from the network without serde: the small JSON reader, a bill, a
//! procedure's record, an error body, and the packed catalog. Nothing panics, and a bill
//! read this way reads the same once serde has written it again.
#![no_main]

use dvc_core::api::ErrorBody;
use dvc_core::catalog::Procedure;
use dvc_core::catalog_pack;
use dvc_core::json::Json;
use dvc_core::payment::Payment;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = Json::parse(text);
    if let Some(bill) = Payment::from_json(text) {
        let again = serde_json::to_string(&bill).expect("a bill serialises");
        assert_eq!(Payment::from_json(&again).as_ref(), Some(&bill));
    }
    if let Some(procedure) = Procedure::from_json(text) {
        let again = serde_json::to_string(&procedure).expect("a record serialises");
        assert_eq!(Procedure::from_json(&again).as_ref(), Some(&procedure));
    }
    let _ = ErrorBody::from_json(text);
    let _ = catalog_pack::decode(text);
});
