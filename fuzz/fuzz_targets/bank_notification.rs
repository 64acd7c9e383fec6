//! A bank gateway's transfer notification, as the API reads it once the signature holds:
//! JSON, its bounds, the bill number in the note, and how it settles a bill. Nothing panics
//! and no settlement loses or invents money.
#![no_main]

use dvc_core::payment::{find_bill_number, settle, BankNotification, Outcome, PaymentStatus, MAX_TRANSFER};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(notification) = serde_json::from_slice::<BankNotification>(data) else { return };
    let Ok(n) = notification.checked() else { return };
    assert!((1..=MAX_TRANSFER).contains(&n.amount));
    assert!(!n.transaction_id.is_empty() && n.transaction_id.trim() == n.transaction_id);
    if let Some(bill) = find_bill_number(&n.note) {
        assert!(bill.starts_with("HP") && (bill.len() == 13 || bill.len() == 14), "{bill}");
        assert!(n.note.to_ascii_uppercase().contains(&bill));
    }
    // A bill of some due amount, with some received before, in each state.
    let due = n.amount.rotate_left(7) % MAX_TRANSFER + 1;
    let before = n.amount.rotate_right(3) % (due + 1);
    for status in [PaymentStatus::Pending, PaymentStatus::Underpaid, PaymentStatus::Paid] {
        let received = if status == PaymentStatus::Pending { 0 } else { before };
        match settle(due, received, status, n.amount) {
            Outcome::Duplicate { refund } => assert!(status == PaymentStatus::Paid && refund == n.amount),
            Outcome::Paid => assert_eq!(received + n.amount, due),
            Outcome::Underpaid { remaining } => assert_eq!(received + n.amount + remaining, due),
            Outcome::Overpaid { excess } => assert_eq!(received + n.amount, due + excess),
            Outcome::Unmatched => panic!("a bill was given"),
        }
    }
});
