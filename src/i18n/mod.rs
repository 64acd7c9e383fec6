//! Every UI string, once per language: `vi.rs` (the default) and `en.rs`.
//! Pages read the current [`Texts`] from context with [`use_texts`].

mod en;
mod vi;

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Vi => &vi::TEXTS,
            Lang::En => &en::TEXTS,
        }
    }
}

/// The UI language, shared by every page.
#[derive(Clone, Copy)]
pub struct LangContext(pub RwSignal<Lang>);

/// The texts of the current language, tracked: views re-render when the language changes.
pub fn use_texts() -> Signal<&'static Texts> {
    let lang = use_context::<LangContext>().map(|c| c.0);
    Signal::derive(move || lang.map_or(Lang::Vi, |l| l.get()).texts())
}

pub struct Texts {
    pub lang_switch_label: &'static str,
    pub lang_switch_to: &'static str,
    pub skip_link: &'static str,
    pub app_name: &'static str,
    pub nav_label: &'static str,
    pub nav_search: &'static str,
    pub nav_stats: &'static str,
    pub footer: &'static str,

    pub home_title: &'static str,
    pub home_lead: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub search_button: &'static str,
    pub popular_title: &'static str,
    /// Services most citizens come for: (national base code, what people call it).
    pub popular: &'static [(&'static str, &'static str)],
    pub fields_title: &'static str,
    pub see_all_results: fn(usize) -> String,
    pub procedures_in_field: fn(u32) -> String,

    pub results_title: &'static str,
    pub results_count: fn(usize, &str) -> String,
    pub results_all: fn(usize) -> String,
    pub no_results: fn(&str) -> String,
    pub no_results_tips: &'static str,
    pub filters_title: &'static str,
    pub filter_field: &'static str,
    pub filter_level: &'static str,
    pub filter_mode: &'static str,
    pub filter_fee: &'static str,
    pub filter_any: &'static str,
    pub filter_clear: &'static str,
    pub fee_yes: &'static str,
    pub fee_no: &'static str,
    pub page_previous: &'static str,
    pub page_next: &'static str,
    pub page_of: fn(usize, usize) -> String,
    pub pagination_label: &'static str,

    pub level_province: &'static str,
    pub level_district: &'static str,
    pub level_commune: &'static str,
    pub mode_full: &'static str,
    pub mode_partial: &'static str,
    pub mode_offline: &'static str,
    pub fee_amount: fn(&str) -> String,
    pub fee_none: &'static str,
    pub days: fn(u16) -> String,
    pub same_day: &'static str,
    pub variants: fn(u32) -> String,
    pub known_as: fn(&str) -> String,

    pub loading_catalog: &'static str,
    pub catalog_error: &'static str,
    pub retry: &'static str,
    pub loading: &'static str,
    pub load_error: &'static str,

    pub detail_summary: &'static str,
    pub detail_more: &'static str,
    pub detail_code: &'static str,
    pub detail_field: &'static str,
    pub detail_level: &'static str,
    pub detail_mode: &'static str,
    pub detail_agency: &'static str,
    pub detail_choose_agency: &'static str,
    pub detail_apply_online: &'static str,
    pub detail_offline_title: &'static str,
    pub detail_offline_where: &'static str,
    pub detail_documents: &'static str,
    pub detail_document_name: &'static str,
    pub detail_document_form: &'static str,
    pub detail_document_quantity: &'static str,
    pub detail_channels: &'static str,
    pub detail_channel: &'static str,
    pub detail_time: &'static str,
    pub detail_fee: &'static str,
    pub detail_description: &'static str,
    pub channel_in_person: &'static str,
    pub channel_online: &'static str,
    pub channel_postal: &'static str,
    pub detail_steps: &'static str,
    pub detail_applicants: &'static str,
    pub applicant_citizen: &'static str,
    pub applicant_organisation: &'static str,
    pub detail_implementing: &'static str,
    pub detail_competent: &'static str,
    pub detail_where: &'static str,
    pub detail_result: &'static str,
    pub detail_legal: &'static str,
    pub detail_legal_number: &'static str,
    pub detail_legal_summary: &'static str,
    pub detail_legal_date: &'static str,
    pub detail_legal_issuer: &'static str,
    pub detail_conditions: &'static str,
    pub detail_decision: &'static str,
    pub detail_kind: &'static str,
    pub detail_national_portal: &'static str,
    pub detail_pay_online: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub not_found_procedure: &'static str,

    pub apply_title: &'static str,
    pub apply_soon: &'static str,
    pub apply_back: &'static str,
    pub apply_steps: &'static [&'static str],
    pub apply_step_of: fn(usize, usize) -> String,
    pub apply_progress_label: &'static str,
    pub apply_applicant_title: &'static str,
    pub apply_kind: &'static str,
    pub apply_full_name: &'static str,
    pub apply_org_name: &'static str,
    pub apply_cccd: &'static str,
    pub apply_cccd_hint: &'static str,
    pub apply_tax_code: &'static str,
    pub apply_birth_date: &'static str,
    pub apply_date_hint: &'static str,
    pub apply_sex: &'static str,
    pub apply_male: &'static str,
    pub apply_female: &'static str,
    pub apply_phone: &'static str,
    pub apply_phone_hint: &'static str,
    pub apply_email: &'static str,
    pub apply_address: &'static str,
    pub apply_province: &'static str,
    pub apply_district: &'static str,
    pub apply_commune: &'static str,
    pub apply_street: &'static str,
    pub apply_choose: &'static str,
    pub apply_continue: &'static str,
    pub apply_saved: &'static str,
    pub apply_next_soon: &'static str,
    pub error_summary_title: &'static str,
    pub error_title_prefix: &'static str,
    pub apply_offline: &'static str,
    pub nav_drafts: &'static str,
    pub apply_details_title: &'static str,
    pub apply_documents_title: &'static str,
    pub apply_review_title: &'static str,
    pub apply_done_title: &'static str,
    pub apply_optional: &'static str,
    pub apply_edit: &'static str,
    pub apply_form_changed: &'static str,
    pub apply_form_dropped: fn(usize) -> String,
    pub apply_save_failed: &'static str,
    pub doc_rules: fn(&str, &str, usize) -> String,
    pub doc_choose: &'static str,
    pub doc_camera: &'static str,
    pub doc_drop: &'static str,
    pub doc_paper: &'static str,
    pub doc_uploading: fn(u32) -> String,
    pub doc_uploaded: &'static str,
    pub doc_waiting: &'static str,
    pub doc_failed_network: &'static str,
    pub doc_cancelled: &'static str,
    pub doc_missing_local: &'static str,
    pub doc_cancel: &'static str,
    pub doc_retry: &'static str,
    pub doc_remove: &'static str,
    pub doc_view: &'static str,
    pub doc_wait_uploads: &'static str,
    pub doc_none: &'static str,
    pub doc_on_paper: &'static str,
    pub review_declaration_title: &'static str,
    pub review_declaration: &'static str,
    pub review_declaration_required: &'static str,
    pub review_submit: &'static str,
    pub review_submitting: &'static str,
    pub review_network: &'static str,
    pub review_failed: &'static str,
    pub done_code: &'static str,
    pub done_receipt: &'static str,
    pub done_received: &'static str,
    pub done_appointment: &'static str,
    pub done_agency: &'static str,
    pub done_status: &'static str,
    pub done_next_title: &'static str,
    pub done_next: &'static [&'static str],
    pub done_qr_caption: &'static str,
    pub done_print: &'static str,
    pub drafts_title: &'static str,
    pub drafts_lead: &'static str,
    pub drafts_empty: &'static str,
    pub drafts_resume: &'static str,
    pub drafts_delete: &'static str,
    pub drafts_saved_at: fn(&str) -> String,
    pub pay_title: &'static str,
    pub pay_now: &'static str,
    pub pay_fee_due: fn(&str) -> String,
    pub pay_for: &'static str,
    pub pay_amount: &'static str,
    pub pay_remaining: &'static str,
    pub pay_scan: &'static str,
    pub pay_qr_label: &'static str,
    pub pay_download: &'static str,
    pub pay_or_transfer: &'static str,
    pub pay_bank: &'static str,
    pub pay_account: &'static str,
    pub pay_account_name: &'static str,
    pub pay_note: &'static str,
    pub pay_note_hint: &'static str,
    pub pay_copy: &'static str,
    pub pay_copied: &'static str,
    pub pay_expires_in: fn(i64) -> String,
    pub pay_expired: &'static str,
    pub pay_refresh: &'static str,
    pub pay_waiting: &'static str,
    pub pay_underpaid: fn(&str, &str) -> String,
    pub pay_paid: &'static str,
    pub pay_receipt: &'static str,
    pub pay_receipt_number: &'static str,
    pub pay_payer: &'static str,
    pub pay_reason: &'static str,
    pub pay_in_words: &'static str,
    pub pay_paid_at: &'static str,
    pub pay_collector: &'static str,
    pub pay_print_receipt: &'static str,
    pub pay_test_bank: &'static str,
    pub pay_no_fee: &'static str,

    pub stats_title: &'static str,
    pub stats_lead: &'static str,
    pub stats_figure: &'static str,
    pub stats_value: &'static str,
    pub stats_procedures: &'static str,
    pub stats_fully_online: &'static str,
    pub stats_partially_online: &'static str,
    pub stats_offline: &'static str,
    pub stats_with_fee: &'static str,
    pub stats_payable_online: &'static str,
    pub stats_on_portal: &'static str,
    pub stats_services_note: &'static str,
    pub stats_chart_title: &'static str,
    pub stats_by_level: &'static str,
    pub stats_source: &'static str,

    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,
}

/// The current language, tracked.
pub fn use_lang() -> Signal<Lang> {
    let lang = use_context::<LangContext>().map(|c| c.0);
    Signal::derive(move || lang.map_or(Lang::Vi, |l| l.get()))
}

/// A text of the current language, for a view or an attribute, that follows language
/// switches. Every call returns the same closure type, so the WASM holds one compiled copy
/// of it instead of one per text (a distinct `move || …` per text costs kilobytes each).
pub fn tr(pick: fn(&Texts) -> &'static str) -> impl Fn() -> &'static str + Clone + Send + Sync + 'static {
    let texts = use_texts();
    move || pick(texts.get())
}
