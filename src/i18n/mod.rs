//! Every UI string, in Vietnamese (the default) and English, by area:
//!
//! - [`Texts`]: the shell, the search and words shared by several pages (`vi.rs`, `en.rs`);
//! - one file per area of pages, each with its struct and both languages side by side:
//!   `detail.rs` (a procedure), `apply.rs` (filing), `pay.rs`, `track.rs`, `mine.rs`,
//!   `drafts.rs`, `handoff.rs`, `stats.rs`, `scan.rs`, `read.rs`, `wallet.rs`. An area's texts are reached as `t.apply().title`,
//!   so they are linked into that area's page code and not into the first page's.
//!
//! Pages read the current [`Texts`] from context with [`use_texts`]. Adding a string touches
//! one struct and its two languages, in one file for an area. `scripts/unused-texts.py` fails
//! on a text no code uses.

pub mod apply;
pub mod detail;
pub mod drafts;
mod en;
pub mod handoff;
pub mod mine;
pub mod pay;
pub mod read;
pub mod scan;
pub mod stats;
pub mod track;
mod vi;
pub mod wallet;

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

/// The shell's, the search's and the shared texts of one language.
pub struct Texts {
    /// The language of these texts, for the words kept outside them (see [`upload_refused`]).
    pub lang: Lang,
    pub lang_switch_to: &'static str,
    pub skip_link: &'static str,
    pub app_name: &'static str,
    pub nav_label: &'static str,
    pub nav_search: &'static str,
    pub nav_stats: &'static str,
    pub nav_wallet: &'static str,
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
    pub no_results: fn(&str) -> String,
    pub no_results_tips: &'static str,
    pub no_results_where: &'static str,
    pub no_results_fields: &'static str,
    pub no_results_ask: &'static str,
    pub no_results_hotline: &'static str,
    pub filters_title: &'static str,
    pub filter_field: &'static str,
    pub filter_level: &'static str,
    pub filter_mode: &'static str,
    pub filter_fee: &'static str,
    pub filter_any: &'static str,
    pub filter_clear: &'static str,
    pub page_previous: &'static str,
    pub page_next: &'static str,
    pub page_of: fn(usize, usize) -> String,
    pub pagination_label: &'static str,

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
    pub channel_in_person: &'static str,
    pub channel_online: &'static str,
    pub channel_postal: &'static str,
    pub applicant_citizen: &'static str,
    pub applicant_organisation: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub apply_steps: &'static [&'static str],
    pub apply_step_of: fn(usize, usize) -> String,
    pub apply_progress_label: &'static str,
    pub error_summary_title: &'static str,
    pub error_title_prefix: &'static str,
    pub nav_drafts: &'static str,
    pub doc_uploading: fn(u32) -> String,
    pub doc_uploaded: &'static str,
    pub doc_failed_network: &'static str,
    pub pay_copy: &'static str,
    pub pay_copied: &'static str,
    pub pay_no_fee: &'static str,
    pub pay_not_now: &'static str,
    pub footer_nav_label: &'static str,
    pub kiosk_shared: &'static str,
    pub kiosk_end: &'static str,
    pub kiosk_idle_title: &'static str,
    pub kiosk_idle_text: fn(u32) -> String,
    pub kiosk_continue: &'static str,
    pub offline_notice: &'static str,
    pub update_ready: &'static str,
    pub update_reload: &'static str,
    pub nav_track: &'static str,
    pub nav_mine: &'static str,
    pub track_changed: fn(&str, &str) -> String,
    /// The header's link to the e-ID's login, and signing out.
    pub sign_in: &'static str,
    pub sign_out: &'static str,
    /// The account link's accessible name: the citizen's name and the e-ID's level.
    pub account_label: fn(&str, u8) -> String,

    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,
}

/// The texts of each area, in this language: `t.apply()`, `t.track()`… An area's texts are
/// linked into the code of the pages that use them, so the first page carries only the
/// shell's and the search's.
macro_rules! areas {
    ($($(#[$doc:meta])* $area:ident: $texts:ident,)*) => {
        impl Texts {
            $(
                $(#[$doc])*
                pub fn $area(&self) -> &'static $area::$texts {
                    match self.lang {
                        Lang::Vi => &$area::VI,
                        Lang::En => &$area::EN,
                    }
                }
            )*
        }
    };
}

areas! {
    /// The texts of filing a dossier: the steps, documents, check and submit, confirmation.
    apply: ApplyTexts,
    /// The texts of following a dossier: lookup, status, supplements, withdrawal, rating.
    track: TrackTexts,
    /// The texts of a procedure's page.
    detail: DetailTexts,
    /// The texts of paying a fee.
    pay: PayTexts,
    /// The texts of the statistics page.
    stats: StatsTexts,
    /// The texts of the drafts kept on this device.
    drafts: DraftsTexts,
    /// The texts of the dossiers of this device.
    mine: MineTexts,
    /// The texts of continuing on the phone.
    handoff: HandoffTexts,
    /// The texts of scanning a QR code and of a result's verification.
    scan: ScanTexts,
    /// The texts of reading a page aloud.
    read: ReadTexts,
    /// The texts of the wallet's page.
    wallet: WalletTexts,
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

/// Why the API refused a file, by its error code. Outside [`Texts`], so its words load with
/// the pages that upload, not with the first page.
pub fn upload_refused(lang: Lang, code: &str) -> &'static str {
    match lang {
        Lang::Vi => vi::upload_refused(code),
        Lang::En => en::upload_refused(code),
    }
}
