//! Checking a citizen's answers against a procedure's form: each problem at its path
//! (`applicant.phone`, `fields.ngay_sinh_tre`, `documents.giay_to_1`).

use std::collections::BTreeMap;

use super::{Answers, Applicant, FieldKind, FormDefinition, FormField};
use crate::catalog::ApplicantType;
use crate::date::Date;
use crate::validation::{
    normalize_phone, require, validate_birth_date, validate_cccd, validate_email, validate_tax_code, Problem,
};

/// One problem, at the path of the answer it concerns (`applicant.id_number`, `fields.ngay_sinh`).
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    pub path: String,
    pub problem: Problem,
}

const NAME_MAX: usize = 100;
const ADDRESS_MAX: usize = 200;
/// A province, district or commune name (the longest real ones are under 50 characters).
const AREA_MAX: usize = 100;

/// Every problem with the applicant section, in the order the form asks. `district_tier`:
/// whether the address must name a district ([`FormDefinition::district_tier`]).
pub fn validate_applicant(a: &Applicant, today: Date, district_tier: bool) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut check = |path: &str, result: Result<(), Problem>| {
        if let Err(problem) = result {
            errors.push(FieldError { path: format!("applicant.{path}"), problem });
        }
    };
    check("full_name", require(&a.full_name).and_then(|n| text(n, NAME_MAX, false)));
    match a.kind {
        ApplicantType::Citizen => {
            let birth = validate_birth_date(&a.birth_date, today);
            check("birth_date", birth.as_ref().map(|_| ()).map_err(Clone::clone));
            check("sex", a.sex.map(|_| ()).ok_or(Problem::Required));
            // The ID is checked against birth date and sex only when those are right.
            check("id_number", validate_cccd(&a.id_number, birth.ok(), a.sex).map(|_| ()));
        }
        ApplicantType::Organisation => check("id_number", validate_tax_code(&a.id_number).map(|_| ())),
    }
    check("phone", normalize_phone(&a.phone).map(|_| ()));
    if !a.email.trim().is_empty() {
        check("email", validate_email(&a.email).map(|_| ()));
    }
    check("address.province", require(&a.address.province).and_then(|s| text(s, AREA_MAX, false)));
    if district_tier {
        check("address.district", require(&a.address.district).and_then(|s| text(s, AREA_MAX, false)));
    } else {
        check("address.district", text(&a.address.district, AREA_MAX, false));
    }
    check("address.commune", require(&a.address.commune).and_then(|s| text(s, AREA_MAX, false)));
    check("address.street", require(&a.address.street).and_then(|s| text(s, ADDRESS_MAX, false)));
    errors
}

/// When any commune receives the procedure, the applicant's commune must be one of the
/// province's: the dossier goes there ([`FormDefinition::receiver`]).
pub fn check_receiver(form: &FormDefinition, applicant: &Applicant) -> Option<FieldError> {
    let commune = applicant.address.commune.trim();
    (!form.receivers.is_empty() && !commune.is_empty() && form.receiver(applicant).is_none())
        .then(|| FieldError { path: "applicant.address.commune".into(), problem: Problem::Choice })
}

/// The applicant step of this form: [`validate_applicant`] with the form's tiers, then where
/// the dossier goes ([`check_receiver`]).
pub fn validate_applicant_for(form: &FormDefinition, a: &Applicant, today: Date) -> Vec<FieldError> {
    let mut errors = validate_applicant(a, today, form.district_tier);
    errors.extend(check_receiver(form, a));
    errors
}

/// Every problem with a set of answers: the applicant, each field, each required document.
pub fn validate_answers(form: &FormDefinition, answers: &Answers, today: Date) -> Vec<FieldError> {
    let mut errors = validate_applicant_for(form, &answers.applicant, today);
    if !form.applicant_types.contains(&answers.applicant.kind) {
        errors.push(FieldError { path: "applicant.kind".into(), problem: Problem::Choice });
    }
    errors.extend(validate_fields(form, &answers.fields, today));
    errors.extend(validate_documents(form, &answers.documents, &answers.paper_copies));
    // Nothing the form does not ask is kept: an answer to no question is a mistake at its path.
    let unknown_fields =
        answers.fields.keys().filter(|id| !form.fields.iter().any(|f| &f.id == *id)).map(|id| format!("fields.{id}"));
    let slot_exists = |id: &String| form.documents.iter().any(|s| &s.id == id);
    let unknown_slots = answers
        .documents
        .keys()
        .chain(answers.paper_copies.iter())
        .filter(|id| !slot_exists(id))
        .map(|id| format!("documents.{id}"));
    let mut unknown: Vec<String> = unknown_fields.chain(unknown_slots).collect();
    unknown.dedup();
    errors.extend(unknown.into_iter().map(|path| FieldError { path, problem: Problem::NotInForm }));
    errors
}

/// The procedure's own questions (the "Thông tin hồ sơ" step), at `fields.<id>`.
pub fn validate_fields(form: &FormDefinition, fields: &BTreeMap<String, String>, today: Date) -> Vec<FieldError> {
    form.fields
        .iter()
        .filter_map(|field| {
            let value = fields.get(&field.id).map(String::as_str).unwrap_or("");
            validate_field(field, value, today)
                .err()
                .map(|problem| FieldError { path: format!("fields.{}", field.id), problem })
        })
        .collect()
}

/// The attachments (the "Giấy tờ" step), at `documents.<slot>`: each required slot has a file
/// or is marked as handed in on paper, and no slot holds more files than it takes.
pub fn validate_documents(
    form: &FormDefinition,
    documents: &BTreeMap<String, Vec<String>>,
    paper_copies: &[String],
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for slot in &form.documents {
        let files = documents.get(&slot.id).map_or(0, Vec::len);
        let on_paper = paper_copies.contains(&slot.id);
        if slot.required && files == 0 && !on_paper {
            errors.push(FieldError { path: format!("documents.{}", slot.id), problem: Problem::DocumentRequired });
        } else if files > slot.rules.max_files {
            errors.push(FieldError {
                path: format!("documents.{}", slot.id),
                problem: Problem::TooManyFiles { max: slot.rules.max_files },
            });
        }
    }
    errors
}

/// What a draft made on an older version of a form loses on the current one: answers to
/// questions that are gone or whose choice no longer exists, and slots that are gone. Whatever
/// still fits is kept; the rest is removed from `fields`, `documents` and `paper_copies`, and
/// the ids removed are returned so the citizen can be told.
pub fn keep_what_fits(
    form: &FormDefinition,
    fields: &mut BTreeMap<String, String>,
    documents: &mut BTreeMap<String, Vec<String>>,
    paper_copies: &mut Vec<String>,
) -> Vec<String> {
    let mut dropped = Vec::new();
    fields.retain(|id, value| {
        let fits = form.fields.iter().find(|f| &f.id == id).is_some_and(|f| {
            f.kind != FieldKind::Select || value.trim().is_empty() || f.options.iter().any(|o| o.value == value.trim())
        });
        if !fits {
            dropped.push(format!("fields.{id}"));
        }
        fits
    });
    let slot_exists = |id: &String| form.documents.iter().any(|s| &s.id == id);
    documents.retain(|id, files| {
        let fits = slot_exists(id);
        if !fits && !files.is_empty() {
            dropped.push(format!("documents.{id}"));
        }
        fits
    });
    paper_copies.retain(slot_exists);
    dropped
}

/// One field's answer.
pub fn validate_field(field: &FormField, value: &str, today: Date) -> Result<(), Problem> {
    let v = value.trim();
    if v.is_empty() || (field.kind == FieldKind::Checkbox && v != "true") {
        return if field.required { Err(Problem::Required) } else { Ok(()) };
    }
    match field.kind {
        FieldKind::Text | FieldKind::LongText => {
            let long = field.kind == FieldKind::LongText;
            text(v, field.max_length.unwrap_or(if long { 2000 } else { 200 }), long)
        }
        FieldKind::Date => {
            let date = Date::parse_dmy(v)?;
            if date > today {
                Err(Problem::DateInFuture)
            } else {
                Ok(())
            }
        }
        FieldKind::Number => {
            let n: i64 = v.parse().map_err(|_| Problem::Number)?;
            let (min, max) = (field.min.unwrap_or(i64::MIN), field.max.unwrap_or(i64::MAX));
            if n < min || n > max {
                Err(Problem::NumberRange { min, max })
            } else {
                Ok(())
            }
        }
        FieldKind::Select => field.options.iter().any(|o| o.value == v).then_some(()).ok_or(Problem::Choice),
        FieldKind::CitizenId => validate_cccd(v, None, None).map(|_| ()),
        FieldKind::Checkbox => Ok(()),
    }
}

/// Typed text: at most `max` characters, and [`plain_text`].
fn text(value: &str, max: usize, multiline: bool) -> Result<(), Problem> {
    max_len(value, max)?;
    crate::validation::plain_text(value, multiline)
}

fn max_len(value: &str, max: usize) -> Result<(), Problem> {
    if value.chars().count() > max {
        Err(Problem::TooLong { max })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::{Address, ChoiceOption, DocumentSlot, Receiver};
    use crate::validation::{FileRules, Sex};

    fn today() -> Date {
        Date::new(2026, 11, 27).unwrap()
    }

    fn citizen() -> Applicant {
        Applicant {
            kind: ApplicantType::Citizen,
            full_name: "Nguyễn Thị Lan".into(),
            id_number: "026190012345".into(),
            birth_date: "12/03/1990".into(),
            sex: Some(Sex::Female),
            phone: "0912 345 678".into(),
            email: "".into(),
            address: Address {
                province: "Vĩnh Phúc".into(),
                district: "Vĩnh Yên".into(),
                commune: "Tích Sơn".into(),
                street: "Số 5, đường Nguyễn Tất Thành".into(),
            },
        }
    }

    fn birth_form() -> FormDefinition {
        let field = |id: &str, kind, required| FormField {
            id: id.into(),
            label: id.into(),
            label_en: id.into(),
            kind,
            required,
            help: None,
            max_length: None,
            min: None,
            max: None,
            options: vec![],
        };
        let mut sex = field("gioi_tinh_tre", FieldKind::Select, true);
        sex.options = vec![
            ChoiceOption { value: "nam".into(), label: "Nam".into(), label_en: "Male".into() },
            ChoiceOption { value: "nu".into(), label: "Nữ".into(), label_en: "Female".into() },
        ];
        let mut weight = field("can_nang_gram", FieldKind::Number, false);
        (weight.min, weight.max) = (Some(300), Some(7000));
        FormDefinition {
            procedure_code: "1.001193".into(),
            procedure_name: "Đăng ký khai sinh".into(),
            version: "1".into(),
            applicant_types: vec![ApplicantType::Citizen],
            eid_level: 1,
            district_tier: true,
            receivers: vec![],
            fields: vec![
                field("ho_ten_tre", FieldKind::Text, true),
                field("ngay_sinh_tre", FieldKind::Date, true),
                sex,
                weight,
            ],
            documents: vec![
                DocumentSlot {
                    id: "giay_chung_sinh".into(),
                    name: "Giấy chứng sinh".into(),
                    required: true,
                    quantity: "1 bản chính".into(),
                    rules: FileRules::default(),
                },
                DocumentSlot {
                    id: "uy_quyen".into(),
                    name: "Văn bản ủy quyền (nếu có)".into(),
                    required: false,
                    quantity: "1 bản chính".into(),
                    rules: FileRules::default(),
                },
            ],
        }
    }

    fn answers() -> Answers {
        Answers {
            applicant: citizen(),
            fields: [
                ("ho_ten_tre", "Nguyễn Minh An"),
                ("ngay_sinh_tre", "20/11/2026"),
                ("gioi_tinh_tre", "nam"),
                ("can_nang_gram", "3200"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
            documents: [("giay_chung_sinh".to_owned(), vec!["u1".to_owned()])].into_iter().collect(),
            paper_copies: vec![],
        }
    }

    fn paths(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.path.as_str()).collect()
    }

    #[test]
    fn a_complete_birth_registration_has_no_problems() {
        assert_eq!(validate_answers(&birth_form(), &answers(), today()), vec![]);
    }

    #[test]
    fn each_mistake_is_reported_at_its_path() {
        let mut a = answers();
        a.applicant.phone = "0212345678".into();
        a.applicant.id_number = "02619001234".into();
        a.fields.insert("ngay_sinh_tre".into(), "30/02/2026".into());
        a.fields.insert("gioi_tinh_tre".into(), "khac".into());
        a.fields.insert("can_nang_gram".into(), "32 00".into());
        a.fields.remove("ho_ten_tre");
        a.documents.clear();
        let errors = validate_answers(&birth_form(), &a, today());
        assert_eq!(
            paths(&errors),
            vec![
                "applicant.id_number",
                "applicant.phone",
                "fields.ho_ten_tre",
                "fields.ngay_sinh_tre",
                "fields.gioi_tinh_tre",
                "fields.can_nang_gram",
                "documents.giay_chung_sinh"
            ]
        );
        assert_eq!(errors[0].problem, Problem::CccdLength { got: 11 });
        assert_eq!(errors[3].problem, Problem::DateNoSuchDay);
        assert_eq!(errors[6].problem, Problem::DocumentRequired);
    }

    #[test]
    fn the_id_number_is_checked_against_the_birth_date_and_sex_entered() {
        let mut a = answers();
        a.applicant.sex = Some(Sex::Male);
        let errors = validate_answers(&birth_form(), &a, today());
        assert_eq!(
            errors,
            vec![FieldError {
                path: "applicant.id_number".into(),
                problem: Problem::CccdSex { entered: Sex::Male, expected_digit: 0 }
            }]
        );
    }

    #[test]
    fn a_paper_copy_stands_in_for_a_required_upload_and_optional_slots_may_stay_empty() {
        let mut a = answers();
        a.documents.clear();
        a.paper_copies.push("giay_chung_sinh".into());
        assert_eq!(validate_answers(&birth_form(), &a, today()), vec![]);
    }

    #[test]
    fn numbers_dates_and_lengths_have_their_limits() {
        let form = birth_form();
        let weight = &form.fields[3];
        assert_eq!(validate_field(weight, "100", today()), Err(Problem::NumberRange { min: 300, max: 7000 }));
        assert_eq!(validate_field(weight, "", today()), Ok(()), "optional");
        assert_eq!(validate_field(&form.fields[1], "28/11/2026", today()), Err(Problem::DateInFuture));
        assert_eq!(validate_field(&form.fields[0], &"a".repeat(201), today()), Err(Problem::TooLong { max: 200 }));
    }

    #[test]
    fn a_draft_on_an_older_form_keeps_the_answers_that_still_fit() {
        let mut form = birth_form();
        form.fields.retain(|f| f.id != "can_nang_gram");
        form.fields[2].options.retain(|o| o.value != "nu");
        form.documents.retain(|d| d.id != "uy_quyen");
        let mut a = answers();
        a.fields.insert("gioi_tinh_tre".into(), "nu".into());
        a.documents.insert("uy_quyen".into(), vec!["u2".into()]);
        a.paper_copies.push("uy_quyen".into());
        let dropped = keep_what_fits(&form, &mut a.fields, &mut a.documents, &mut a.paper_copies);
        assert_eq!(dropped, vec!["fields.can_nang_gram", "fields.gioi_tinh_tre", "documents.uy_quyen"]);
        assert_eq!(a.fields.keys().collect::<Vec<_>>(), vec!["ho_ten_tre", "ngay_sinh_tre"]);
        assert_eq!(a.documents.keys().collect::<Vec<_>>(), vec!["giay_chung_sinh"]);
        assert!(a.paper_copies.is_empty());
    }

    #[test]
    fn each_step_checks_only_its_own_answers() {
        let form = birth_form();
        let a = answers();
        assert_eq!(validate_fields(&form, &BTreeMap::new(), today()).len(), 3, "three required questions");
        assert_eq!(validate_fields(&form, &a.fields, today()), vec![]);
        assert_eq!(paths(&validate_documents(&form, &BTreeMap::new(), &[])), vec!["documents.giay_chung_sinh"]);
        assert_eq!(validate_documents(&form, &a.documents, &[]), vec![]);
    }

    #[test]
    fn with_two_tiers_an_address_names_no_district() {
        let mut a = citizen();
        a.address.district = String::new();
        assert_eq!(paths(&validate_applicant(&a, today(), true)), vec!["applicant.address.district"]);
        assert_eq!(validate_applicant(&a, today(), false), vec![]);
        // A district typed before the reform is kept, as long as it is plain text.
        a.address.district = "Huyện Lập Thạch".into();
        assert_eq!(validate_applicant(&a, today(), false), vec![]);
    }

    #[test]
    fn received_by_any_commune_the_dossier_goes_to_the_applicant_s_own() {
        let mut form = birth_form();
        form.district_tier = false;
        form.receivers = ["Phường Việt Trì", "Xã Tam Sơn"]
            .iter()
            .enumerate()
            .map(|(i, name)| Receiver { id: format!("000.{i}.00.G25"), name: (*name).into() })
            .collect();
        let mut answers = answers();
        answers.applicant.address.district = String::new();
        answers.applicant.address.commune = " Xã Tam Sơn ".into();
        assert_eq!(form.receiver(&answers.applicant).map(|r| r.id.as_str()), Some("000.1.00.G25"));
        assert_eq!(validate_answers(&form, &answers, today()), vec![]);
        // A commune of before the reform, or of another province: no commune to receive it.
        answers.applicant.address.commune = "Phường Tích Sơn".into();
        assert_eq!(form.receiver(&answers.applicant), None);
        assert_eq!(paths(&validate_answers(&form, &answers, today())), vec!["applicant.address.commune"]);
        // No commune yet: the one problem is that it is missing.
        answers.applicant.address.commune = String::new();
        let errors = validate_answers(&form, &answers, today());
        assert_eq!(errors, vec![FieldError { path: "applicant.address.commune".into(), problem: Problem::Required }]);
        // The procedure's own agency receives it: any commune will do.
        form.receivers.clear();
        answers.applicant.address.commune = "Phường Tích Sơn".into();
        assert_eq!(validate_answers(&form, &answers, today()), vec![]);
    }

    #[test]
    fn organisations_give_a_tax_code_and_no_birth_date() {
        let mut a = citizen();
        a.kind = ApplicantType::Organisation;
        a.id_number = "2500150335".into();
        a.birth_date = String::new();
        a.sex = None;
        assert_eq!(validate_applicant(&a, today(), true), vec![]);
        a.id_number = "026190012345".into();
        assert_eq!(paths(&validate_applicant(&a, today(), true)), vec!["applicant.id_number"]);
    }
}
