//! Following a dossier after filing (`GET /dossiers/{code}`): what the citizen sees, what
//! they may do in each status, and how their name is shown to whoever holds the code.

use serde::{Deserialize, Serialize};

use crate::dossier::DossierStatus;

/// What verifying a digitised result says (`GET /results/{id}/verify`): whoever holds the
/// paper learns that the system issued it, to whom (the name masked) and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Verification {
    pub genuine: bool,
    pub result_id: String,
    pub title: String,
    pub dossier_code: String,
    /// The holder's name, masked as [`mask_name`] does.
    pub holder: String,
    /// dd/mm/yyyy.
    pub issued_on: String,
    pub issuer: String,
}

/// One step of a dossier's history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusEvent {
    pub status: u8,
    pub status_name: String,
    /// dd/mm/yyyy HH:MM, Vietnam time.
    pub at: String,
    /// The processing unit.
    pub unit: String,
    #[serde(default)]
    pub note: String,
    /// `unit` when the system wrote it (not an office): the app shows it in the UI's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_code: Option<SystemText>,
    /// `note` when the system wrote it (an officer's note is free text, and has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_code: Option<SystemText>,
}

/// The words the system itself writes on a dossier's steps, where an office would write its
/// name or a note. Stored in Vietnamese, as the national synchronisation takes them; the API
/// also gives their code, so the app can show them in the UI's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum SystemText {
    /// The note of the first step of a dossier filed in this app.
    FiledOnline,
    /// The note of the step a paid fee makes.
    FeePaid,
    /// The note of the step a citizen's supplement makes.
    Supplemented,
    /// The unit of the step a paid fee makes.
    PaymentSystem,
    /// The unit of the step a citizen makes (a withdrawal).
    Citizen,
}

impl SystemText {
    pub const ALL: [SystemText; 5] = [
        SystemText::FiledOnline,
        SystemText::FeePaid,
        SystemText::Supplemented,
        SystemText::PaymentSystem,
        SystemText::Citizen,
    ];

    pub fn vi(self) -> &'static str {
        match self {
            SystemText::FiledOnline => "Nộp trực tuyến",
            SystemText::FeePaid => "Đã nộp phí, lệ phí",
            SystemText::Supplemented => "Công dân đã bổ sung giấy tờ",
            SystemText::PaymentSystem => "Hệ thống thanh toán",
            SystemText::Citizen => "Công dân",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            SystemText::FiledOnline => "Filed online",
            SystemText::FeePaid => "Fee paid",
            SystemText::Supplemented => "Documents added by the citizen",
            SystemText::PaymentSystem => "Payment system",
            SystemText::Citizen => "Citizen",
        }
    }

    /// The system's words a stored text is, if it is one.
    pub fn from_vi(text: &str) -> Option<SystemText> {
        SystemText::ALL.into_iter().find(|s| s.vi() == text)
    }
}

/// Documents the office asked for (status 5).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupplementRequest {
    pub documents: Vec<String>,
    /// dd/mm/yyyy.
    pub deadline: String,
    pub note: String,
}

/// The fee's state, as the dossier page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeeState {
    pub amount: u64,
    pub status: crate::payment::PaymentStatus,
    #[serde(default)]
    pub receipt_number: Option<String>,
}

/// The digitised result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultDocument {
    pub id: String,
    pub title: String,
    /// dd/mm/yyyy.
    pub issued_on: String,
    pub issuer: String,
}

/// What a citizen may do with a dossier now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Actions {
    pub supplement: bool,
    pub withdraw: bool,
    pub pay: bool,
    pub rate: bool,
}

/// Something a citizen does to a dossier, each allowed or not by [`Actions`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Send the documents the office asked for.
    Supplement,
    /// Ask to withdraw the dossier.
    Withdraw,
    /// Open (or renew) the bill of its fee.
    Pay,
    /// Rate the service once the result is returned.
    Rate,
}

impl Action {
    pub const ALL: [Action; 4] = [Action::Supplement, Action::Withdraw, Action::Pay, Action::Rate];
}

impl Actions {
    /// What the applicant may do in `status`, rated already or not, with a fee still to pay or
    /// not. The API refuses whatever this does not allow, and the app offers only this.
    pub fn for_dossier(status: DossierStatus, rated: bool, fee_unpaid: bool) -> Actions {
        Actions {
            supplement: status == DossierStatus::SupplementRequested,
            withdraw: status.move_to(DossierStatus::WithdrawalRequested).is_ok(),
            // A fee is paid while the dossier is alive: from filing (online fees are paid with
            // the dossier) until it is finished or withdrawn.
            pay: fee_unpaid && !status.is_finished() && status != DossierStatus::WithdrawalRequested,
            rate: status == DossierStatus::ResultReturned && !rated,
        }
    }

    pub fn allows(self, action: Action) -> bool {
        match action {
            Action::Supplement => self.supplement,
            Action::Withdraw => self.withdraw,
            Action::Pay => self.pay,
            Action::Rate => self.rate,
        }
    }

    /// Only what reading the dossier allows: nothing that changes it (an applicant known by
    /// phone alone, see the API's tracking rules).
    pub fn none() -> Actions {
        Actions::default()
    }
}

/// A dossier as its applicant follows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DossierView {
    pub code: String,
    pub procedure_code: String,
    pub procedure_name: String,
    pub agency: String,
    /// "Nguyễn T** L**": enough to recognise, not to learn a stranger's name.
    pub applicant: String,
    pub received_on: String,
    pub appointment_on: String,
    pub overdue: bool,
    pub status: u8,
    pub status_name: String,
    pub events: Vec<StatusEvent>,
    #[serde(default)]
    pub supplement: Option<SupplementRequest>,
    #[serde(default)]
    pub fee: Option<FeeState>,
    #[serde(default)]
    pub result: Option<ResultDocument>,
    #[serde(default)]
    pub rating: Option<u8>,
    pub actions: Actions,
    /// Looked up by phone: the dossier can be read, but changing it (supplement, withdraw,
    /// rate, pay) needs the ID number given when filing, which a stranger is less likely to
    /// hold than a phone number.
    #[serde(default)]
    pub read_only: bool,
}

/// The family name whole, then each other word's first letter and stars.
pub fn mask_name(name: &str) -> String {
    let mut words = name.split_whitespace();
    let Some(first) = words.next() else { return String::new() };
    let rest: Vec<String> = words
        .map(|w| {
            let mut chars = w.chars();
            let initial = chars.next().map(String::from).unwrap_or_default();
            format!("{initial}{}", "*".repeat(chars.count().max(1)))
        })
        .collect();
    std::iter::once(first.to_owned()).chain(rest).collect::<Vec<_>>().join(" ")
}

/// A rating: 1–5 stars, a comment of at most 500 characters.
pub fn validate_rating(stars: u8, comment: &str) -> Result<(), crate::validation::Problem> {
    if !(1..=5).contains(&stars) {
        return Err(crate::validation::Problem::NumberRange { min: 1, max: 5 });
    }
    if comment.chars().count() > 500 {
        return Err(crate::validation::Problem::TooLong { max: 500 });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_systems_own_words_are_recognised_in_what_was_stored_and_have_english() {
        for text in SystemText::ALL {
            assert_eq!(SystemText::from_vi(text.vi()), Some(text));
            assert!(!text.en().is_empty() && text.en() != text.vi());
        }
        assert_eq!(SystemText::from_vi("Hồ sơ đầy đủ, chuyển xử lý"), None, "an officer's note is not the system's");
    }

    use super::*;

    #[test]
    fn names_show_the_family_name_and_initials_only() {
        assert_eq!(mask_name("Nguyễn Thị Lan"), "Nguyễn T** L**");
        assert_eq!(mask_name("  Đỗ   Văn Nam "), "Đỗ V** N**");
        assert_eq!(mask_name("Ê"), "Ê");
        assert_eq!(mask_name(""), "");
    }

    #[test]
    fn actions_follow_the_status() {
        use DossierStatus::*;
        assert_eq!(
            Actions::for_dossier(SupplementRequested, false, false),
            Actions { supplement: true, withdraw: true, pay: false, rate: false }
        );
        assert_eq!(Actions::for_dossier(FeeRequired, false, true), Actions { pay: true, ..Actions::default() });
        assert_eq!(Actions::for_dossier(FeeRequired, false, false), Actions::default(), "paid already");
        assert_eq!(Actions::for_dossier(ResultReturned, false, false), Actions { rate: true, ..Actions::default() });
        assert_eq!(Actions::for_dossier(ResultReturned, true, false), Actions::default(), "rated once");
        assert!(Actions::for_dossier(NewlyRegistered, false, false).withdraw);
        assert!(Actions::for_dossier(NewlyRegistered, false, true).pay, "an online fee is paid with the dossier");
        assert!(!Actions::for_dossier(Processed, false, false).withdraw);
        for finished in [Rejected, Stopped, Processed, ResultReturned, WithdrawalRequested] {
            assert!(!Actions::for_dossier(finished, false, true).pay, "{finished:?}");
        }
        let all = Actions { supplement: true, withdraw: true, pay: true, rate: true };
        assert!(Action::ALL.iter().all(|a| all.allows(*a)) && !Action::ALL.iter().any(|a| Actions::none().allows(*a)));
    }

    #[test]
    fn ratings_are_one_to_five_stars() {
        assert!(validate_rating(5, "Nhanh, chu đáo").is_ok());
        assert!(validate_rating(0, "").is_err());
        assert!(validate_rating(6, "").is_err());
        assert!(validate_rating(3, &"a".repeat(501)).is_err());
    }
}
