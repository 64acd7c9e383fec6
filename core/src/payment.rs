//! Paying a dossier's fee by bank transfer to a VietQR code: the bill number the transfer
//! note carries, how a bank's transfer notification settles a bill, and the shapes the API
//! and the app exchange. The rules of matching live here, once.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::json::Json;
use crate::vietqr::NOTE_MAX;

/// Where a bill stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PaymentStatus {
    /// Nothing received yet.
    Pending,
    /// Part received; the rest is still due on the same bill.
    Underpaid,
    Paid,
}

impl PaymentStatus {
    pub fn code(self) -> &'static str {
        match self {
            PaymentStatus::Pending => "pending",
            PaymentStatus::Underpaid => "underpaid",
            PaymentStatus::Paid => "paid",
        }
    }

    pub fn from_code(code: &str) -> Option<PaymentStatus> {
        [PaymentStatus::Pending, PaymentStatus::Underpaid, PaymentStatus::Paid].into_iter().find(|s| s.code() == code)
    }
}

/// What one transfer did to the bill it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Outcome {
    /// The bill is paid exactly.
    Paid,
    /// Still open for `remaining`.
    Underpaid { remaining: u64 },
    /// Paid, with `excess` to refund.
    Overpaid { excess: u64 },
    /// The bill was already paid: the whole transfer is to be refunded.
    Duplicate { refund: u64 },
    /// No bill matches the note: kept for the finance office to resolve.
    Unmatched,
}

impl Outcome {
    /// The bill's status after this transfer (none for a transfer that matched no bill).
    pub fn status(self) -> Option<PaymentStatus> {
        match self {
            Outcome::Paid | Outcome::Overpaid { .. } | Outcome::Duplicate { .. } => Some(PaymentStatus::Paid),
            Outcome::Underpaid { .. } => Some(PaymentStatus::Underpaid),
            Outcome::Unmatched => None,
        }
    }

    /// What must be given back to the payer.
    pub fn refund(self) -> u64 {
        match self {
            Outcome::Overpaid { excess } => excess,
            Outcome::Duplicate { refund } => refund,
            _ => 0,
        }
    }
}

/// The largest transfer a bank notification may report, in đồng: 10^12 (a thousand billion),
/// far above any fee, and small enough that no sum of transfers a ledger will ever see leaves
/// a signed 64-bit integer.
pub const MAX_TRANSFER: u64 = 1_000_000_000_000;

/// Whether a notified transfer amount can be taken: 1 đồng to [`MAX_TRANSFER`].
pub fn transfer_amount_ok(amount: u64) -> bool {
    (1..=MAX_TRANSFER).contains(&amount)
}

/// How a transfer of `transfer` đồng settles a bill of `due` of which `received` came before.
/// A bill already paid is never paid twice.
pub fn settle(due: u64, received: u64, status: PaymentStatus, transfer: u64) -> Outcome {
    if status == PaymentStatus::Paid {
        return Outcome::Duplicate { refund: transfer };
    }
    let total = received.saturating_add(transfer);
    match total.cmp(&due) {
        std::cmp::Ordering::Equal => Outcome::Paid,
        std::cmp::Ordering::Less => Outcome::Underpaid { remaining: due - total },
        std::cmp::Ordering::Greater => Outcome::Overpaid { excess: total - due },
    }
}

const BILL_PREFIX: &str = "HP";
const BILL_DIGITS: usize = 11;

/// The most bills one day can number.
pub const MAX_BILLS_A_DAY: u32 = 999_999;

/// "HP" + yyMMdd + the day's sequence in at least 5 digits: `HP26112700001`; from the
/// 100,000th bill of a day, 6 digits (`HP261127100000`). `None` beyond [`MAX_BILLS_A_DAY`].
pub fn bill_number(day: Date, sequence: u32) -> Option<String> {
    (sequence > 0 && sequence <= MAX_BILLS_A_DAY)
        .then(|| format!("{BILL_PREFIX}{:02}{:02}{:02}{sequence:05}", day.year % 100, day.month, day.day))
}

/// The bill number in a transfer note, wherever the bank put it and whatever case it kept:
/// "HP" and exactly 11 or 12 digits (a day's 100,000th bill on has a 6-digit sequence).
pub fn find_bill_number(note: &str) -> Option<String> {
    let upper = note.to_ascii_uppercase();
    let bytes = upper.as_bytes();
    let mut from = 0;
    while let Some(at) = upper[from..].find(BILL_PREFIX).map(|i| i + from) {
        let digits = &bytes[at + 2..];
        let run = digits.iter().take_while(|b| b.is_ascii_digit()).count();
        let starts_clean = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
        // A 6-digit sequence never starts with 0: "HP261127000012" is no bill.
        let long_ok = run == BILL_DIGITS + 1 && digits[6] != b'0';
        if (run == BILL_DIGITS || long_ok) && starts_clean {
            return Some(upper[at..at + 2 + run].to_owned());
        }
        from = at + 2;
    }
    None
}

/// The transfer note: the bill number first (it must survive any cut), then the reason
/// without diacritics, at most [`NOTE_MAX`] characters.
pub fn payment_note(bill: &str, reason: &str) -> String {
    let mut note = format!("{bill} {}", crate::vietqr::transfer_note(reason));
    note.truncate(NOTE_MAX);
    note.trim_end().to_owned()
}

/// The account the fees go to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Beneficiary {
    pub bank_bin: String,
    pub bank_name: String,
    pub account: String,
    pub account_name: String,
}

/// A bill and how it stands (`POST /dossiers/{code}/payment`, `GET /payments/{id}`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Payment {
    /// 32 random hex digits: the only key to the bill, its event stream and its receipt
    /// (the bill number is sequential and printed in every transfer note, so it opens nothing).
    pub id: String,
    pub dossier_code: String,
    pub procedure_name: String,
    pub bill_number: String,
    /// In đồng.
    pub amount: u64,
    pub received: u64,
    /// Still due (0 once paid).
    pub remaining: u64,
    pub currency: String,
    pub status: PaymentStatus,
    pub beneficiary: Beneficiary,
    /// The transfer note the code carries.
    pub purpose: String,
    /// Seconds since 1970 (UTC) after which the app offers a fresh code; a late transfer
    /// still settles the bill.
    pub expires_at: i64,
    /// Seconds from the answer until `expires_at`, by the server's clock: what a countdown
    /// counts from, so a device whose clock is wrong still shows the right time left.
    #[serde(default)]
    pub expires_in: i64,
    /// The text of the VietQR code.
    pub qr_payload: String,
    #[serde(default)]
    pub receipt: Option<Receipt>,
    /// In a demo deployment, where to "pay" without a real bank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test_bank_url: Option<String>,
}

/// The electronic receipt of a paid bill: whole in its bill (`GET /payments/{id}`), and with
/// the payer's name masked to whoever checks it by its verification code
/// (`GET /receipts/{verification}`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Receipt {
    pub number: String,
    pub payer: String,
    /// What was paid for: the procedure and the dossier code.
    pub reason: String,
    pub amount: u64,
    pub amount_in_words: String,
    /// dd/mm/yyyy HH:MM, Vietnam time.
    pub paid_at: String,
    pub collecting_agency: String,
    pub bill_number: String,
    pub dossier_code: String,
    /// 32 random hex digits printed on the receipt: checking it at `/receipts/{verification}`
    /// proves it was issued here.
    #[serde(default)]
    pub verification: String,
}

/// Reading a bill without serde (the app's payment page, see [`crate::json`]): the same
/// fields, names and values serde writes.
impl Payment {
    /// A bill as `POST /dossiers/{code}/payment`, `GET /payments/{id}` and its event stream
    /// send it; `None` if it is not one.
    pub fn from_json(text: &str) -> Option<Payment> {
        let j = Json::parse(text)?;
        let b = j.get("beneficiary")?;
        let receipt = match j.get("receipt") {
            None | Some(Json::Null) => None,
            Some(r) => Some(Receipt {
                number: r.text("number")?,
                payer: r.text("payer")?,
                reason: r.text("reason")?,
                amount: r.get("amount")?.as_u64()?,
                amount_in_words: r.text("amount_in_words")?,
                paid_at: r.text("paid_at")?,
                collecting_agency: r.text("collecting_agency")?,
                bill_number: r.text("bill_number")?,
                dossier_code: r.text("dossier_code")?,
                verification: r.optional_text("verification")?.unwrap_or_default(),
            }),
        };
        Some(Payment {
            id: j.text("id")?,
            dossier_code: j.text("dossier_code")?,
            procedure_name: j.text("procedure_name")?,
            bill_number: j.text("bill_number")?,
            amount: j.get("amount")?.as_u64()?,
            received: j.get("received")?.as_u64()?,
            remaining: j.get("remaining")?.as_u64()?,
            currency: j.text("currency")?,
            status: PaymentStatus::from_code(j.get("status")?.as_str()?)?,
            beneficiary: Beneficiary {
                bank_bin: b.text("bank_bin")?,
                bank_name: b.text("bank_name")?,
                account: b.text("account")?,
                account_name: b.text("account_name")?,
            },
            purpose: j.text("purpose")?,
            expires_at: j.get("expires_at")?.as_i64()?,
            expires_in: match j.get("expires_in") {
                None => 0,
                Some(n) => n.as_i64()?,
            },
            qr_payload: j.text("qr_payload")?,
            receipt,
            test_bank_url: j.optional_text("test_bank_url")?,
        })
    }
}

/// A transfer notification as a bank gateway sends it (`POST /bank-notifications`, signed).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BankNotification {
    pub transaction_id: String,
    pub amount: u64,
    /// The transfer note as the payer's bank passed it on.
    pub note: String,
    /// When the bank booked it (as the bank writes it).
    pub time: String,
}

/// The longest transaction id, note and bank time a notification may carry.
pub const MAX_TRANSACTION_ID: usize = 100;
pub const MAX_BANK_NOTE: usize = 500;
pub const MAX_BANK_TIME: usize = 100;

/// Why a notification cannot be taken: the field and what is wrong, in Vietnamese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotificationProblem {
    pub field: &'static str,
    pub message: String,
}

impl BankNotification {
    /// The notification as it will be kept (the transaction id trimmed), or why it cannot be:
    /// an empty or overlong id, an overlong note or time, an amount outside 1..=[`MAX_TRANSFER`].
    pub fn checked(mut self) -> Result<BankNotification, NotificationProblem> {
        let problem = |field, message: &str| Err(NotificationProblem { field, message: message.to_owned() });
        self.transaction_id = self.transaction_id.trim().to_owned();
        if self.transaction_id.is_empty() || self.transaction_id.len() > MAX_TRANSACTION_ID {
            return problem("transaction_id", "Mã giao dịch phải có từ 1 đến 100 ký tự.");
        }
        if self.note.len() > MAX_BANK_NOTE {
            return problem("note", "Nội dung chuyển khoản quá dài.");
        }
        if self.time.len() > MAX_BANK_TIME {
            return problem("time", "Thời điểm giao dịch quá dài.");
        }
        if !transfer_amount_ok(self.amount) {
            return Err(NotificationProblem {
                field: "amount",
                message: format!("Số tiền phải từ 1 đến {MAX_TRANSFER} đồng."),
            });
        }
        Ok(self)
    }
}

/// What the API made of a notification.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationResult {
    pub transaction_id: String,
    #[serde(flatten)]
    pub outcome: Outcome,
    #[serde(default)]
    pub bill_number: Option<String>,
    #[serde(default)]
    pub payment_id: Option<String>,
    /// This transaction id was seen before; nothing changed.
    pub replayed: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_transfer_settles_a_bill_exactly_partly_or_with_an_excess() {
        assert_eq!(settle(40_000, 0, PaymentStatus::Pending, 40_000), Outcome::Paid);
        assert_eq!(settle(40_000, 0, PaymentStatus::Pending, 30_000), Outcome::Underpaid { remaining: 10_000 });
        assert_eq!(settle(40_000, 30_000, PaymentStatus::Underpaid, 10_000), Outcome::Paid);
        assert_eq!(settle(40_000, 30_000, PaymentStatus::Underpaid, 20_000), Outcome::Overpaid { excess: 10_000 });
        assert_eq!(Outcome::Overpaid { excess: 10_000 }.status(), Some(PaymentStatus::Paid));
    }

    #[test]
    fn a_bill_already_paid_is_never_paid_twice() {
        let second = settle(40_000, 40_000, PaymentStatus::Paid, 40_000);
        assert_eq!(second, Outcome::Duplicate { refund: 40_000 });
        assert_eq!(second.refund(), 40_000);
    }

    #[test]
    fn bill_numbers_are_found_wherever_the_bank_put_them() {
        let day = Date::new(2026, 11, 27).unwrap();
        let bill = bill_number(day, 1).unwrap();
        assert_eq!(bill, "HP26112700001");
        assert_eq!(find_bill_number("HP26112700001 le phi ket hon").as_deref(), Some("HP26112700001"));
        assert_eq!(
            find_bill_number("MBVCB.123.hp26112700001.le phi").as_deref(),
            Some("HP26112700001"),
            "bank prefix, lower case"
        );
        assert_eq!(find_bill_number("chuyen tien HP2611270000"), None, "one digit short");
        assert_eq!(find_bill_number("HP261127000012"), None, "one digit too many");
        assert_eq!(find_bill_number("XHP26112700001"), None, "inside another word");
        let big = bill_number(day, 100_000).unwrap();
        assert_eq!(big, "HP261127100000", "the 100,000th bill of a day");
        assert_eq!(find_bill_number(&format!("{big} le phi")).as_deref(), Some(big.as_str()));
        assert_eq!(bill_number(day, MAX_BILLS_A_DAY).as_deref(), Some("HP261127999999"));
        assert_eq!(bill_number(day, MAX_BILLS_A_DAY + 1), None);
        assert_eq!(bill_number(day, 0), None);
    }

    #[test]
    fn the_note_starts_with_the_bill_and_fits_bank_apps() {
        let note = payment_note("HP26112700001", "Lệ phí đăng ký kết hôn");
        assert!(note.starts_with("HP26112700001 le phi"), "{note}");
        assert!(note.len() <= NOTE_MAX && note.is_ascii());
        assert_eq!(find_bill_number(&note).as_deref(), Some("HP26112700001"));
    }

    #[test]
    fn a_notification_is_bounded_before_it_is_kept() {
        let base = BankNotification {
            transaction_id: "  FT2606 ".into(),
            amount: 40_000,
            note: "HP26112700001".into(),
            time: "10/03/2027 09:40".into(),
        };
        assert_eq!(base.clone().checked().unwrap().transaction_id, "FT2606", "trimmed");
        let field = |n: BankNotification| n.checked().unwrap_err().field;
        assert_eq!(field(BankNotification { amount: 0, ..base.clone() }), "amount");
        assert_eq!(field(BankNotification { amount: MAX_TRANSFER + 1, ..base.clone() }), "amount");
        assert_eq!(field(BankNotification { amount: u64::MAX, ..base.clone() }), "amount");
        assert!(BankNotification { amount: MAX_TRANSFER, ..base.clone() }.checked().is_ok());
        assert_eq!(field(BankNotification { transaction_id: "   ".into(), ..base.clone() }), "transaction_id");
        assert_eq!(
            field(BankNotification { transaction_id: "x".repeat(MAX_TRANSACTION_ID + 1), ..base.clone() }),
            "transaction_id"
        );
        assert_eq!(field(BankNotification { note: "x".repeat(MAX_BANK_NOTE + 1), ..base.clone() }), "note");
        assert_eq!(field(BankNotification { time: "x".repeat(MAX_BANK_TIME + 1), ..base }), "time");
    }

    #[test]
    fn outcomes_serialize_with_their_name() {
        let json = serde_json::to_value(Outcome::Underpaid { remaining: 5 }).unwrap();
        assert_eq!(json, serde_json::json!({"outcome": "underpaid", "remaining": 5}));
    }
}
