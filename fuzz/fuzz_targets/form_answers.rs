//! A dossier's answers as the API receives them (JSON), checked against the demo catalog's
//! real forms. Nothing panics, every mistake sits at a path of the form with a message in
//! both languages, and what a draft keeps on a form's new version then has no unknown part.
#![no_main]

use std::collections::BTreeMap;
use std::sync::OnceLock;

use dvc_core::catalog::ApplicantType;
use dvc_core::date::Date;
use dvc_core::form::{keep_what_fits, validate_answers, Answers, DocumentSlot, FormDefinition, FormField, Receiver};
use dvc_core::validation::{FileRules, Problem};
use libfuzzer_sys::fuzz_target;

#[derive(serde::Deserialize)]
struct Stored {
    fields: Vec<FormField>,
}

fn forms() -> &'static [FormDefinition] {
    static FORMS: OnceLock<Vec<FormDefinition>> = OnceLock::new();
    FORMS.get_or_init(|| {
        let stored: BTreeMap<String, Stored> =
            serde_json::from_str(include_str!("../../server/data/forms.json")).expect("forms");
        // Every other form as in a two-tier province: no district, and any commune receives it.
        let receivers: Vec<Receiver> = ["Phường Việt Trì", "Xã Tam Sơn", "Đặc khu Cô Tô"]
            .iter()
            .enumerate()
            .map(|(i, name)| Receiver { id: format!("G25.X0000{i}"), name: (*name).into() })
            .collect();
        stored
            .into_iter()
            .enumerate()
            .map(|(i, (code, form))| FormDefinition {
                procedure_code: code.clone(),
                procedure_name: code,
                version: "fuzz".into(),
                applicant_types: vec![ApplicantType::Citizen, ApplicantType::Organisation],
                eid_level: 1,
                district_tier: i % 2 == 0,
                receivers: if i % 2 == 0 { Vec::new() } else { receivers.clone() },
                fields: form.fields,
                documents: (1..=2)
                    .map(|i| DocumentSlot {
                        id: format!("giay_to_{i}"),
                        name: format!("Giấy tờ {i}"),
                        required: i == 1,
                        quantity: "1 bản chính".into(),
                        rules: FileRules::default(),
                    })
                    .collect(),
            })
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(answers) = serde_json::from_slice::<Answers>(data) else { return };
    let today = Date::new(2027, 2, 5).unwrap();
    for form in forms() {
        for error in validate_answers(form, &answers, today) {
            let path = &error.path;
            assert!(["applicant.", "fields.", "documents."].iter().any(|p| path.starts_with(p)), "{path}");
            assert!(!error.problem.vi().is_empty() && !error.problem.en().is_empty());
        }
        // Where any commune receives it, a dossier that passes goes to one of them.
        if !form.receivers.is_empty() && validate_answers(form, &answers, today).is_empty() {
            assert!(form.receiver(&answers.applicant).is_some(), "{:?}", answers.applicant.address);
        }
        let (mut fields, mut documents, mut paper) =
            (answers.fields.clone(), answers.documents.clone(), answers.paper_copies.clone());
        keep_what_fits(form, &mut fields, &mut documents, &mut paper);
        let kept = Answers { applicant: answers.applicant.clone(), fields, documents, paper_copies: paper };
        let left = validate_answers(form, &kept, today);
        assert!(!left.iter().any(|e| e.problem == Problem::NotInForm), "{:?}", left);
    }
});
