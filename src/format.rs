//! Words for the core's values in the current language.

use dvc_core::catalog::{ChannelKind, Level, OnlineMode};
use dvc_core::dossier::DossierStatus;
use dvc_core::tracking::SystemText;

use crate::i18n::{Lang, Texts};

pub fn level(t: &Texts, level: Level) -> &'static str {
    match t.lang {
        Lang::Vi => level.name_vi(),
        Lang::En => level.name_en(),
    }
}

pub fn mode(t: &Texts, mode: OnlineMode) -> &'static str {
    match t.lang {
        Lang::Vi => mode.name_vi(),
        Lang::En => mode.name_en(),
    }
}

/// The fee filter's value: with a fee, or free.
pub fn fee_facet(t: &Texts, has_fee: bool) -> &'static str {
    match t.lang {
        Lang::Vi => dvc_core::catalog::fee_name_vi(has_fee),
        Lang::En => dvc_core::catalog::fee_name_en(has_fee),
    }
}

pub fn channel(t: &Texts, kind: ChannelKind) -> &'static str {
    match kind {
        ChannelKind::InPerson => t.channel_in_person,
        ChannelKind::Online => t.channel_online,
        ChannelKind::Postal => t.channel_postal,
    }
}

/// A national dossier status in the UI's language, by its code; the API's own name for a code
/// this app does not know.
pub fn status(t: &Texts, code: u8, api_name: &str) -> String {
    let name = match t.lang {
        Lang::Vi => DossierStatus::name_vi,
        Lang::En => DossierStatus::name_en,
    };
    DossierStatus::from_code(code).map_or_else(|| api_name.to_owned(), |s| name(s).to_owned())
}

/// The system's own words on a dossier's step, in the UI's language.
pub fn system_text(t: &Texts, text: SystemText) -> &'static str {
    match t.lang {
        Lang::Vi => text.vi(),
        Lang::En => text.en(),
    }
}

pub fn fee(t: &Texts, amount: u64) -> String {
    if amount == 0 {
        t.fee_none.to_owned()
    } else {
        (t.fee_amount)(&dvc_core::format_vnd(amount))
    }
}

pub fn days(t: &Texts, days: u16) -> String {
    if days == 0 {
        t.same_day.to_owned()
    } else {
        (t.days)(days)
    }
}

/// `/tim-kiem?q=…&field=…`, with values percent-encoded and empty ones left out.
pub fn search_href(params: &[(&str, &str)]) -> String {
    let query: Vec<String> = params
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", String::from(js_sys::encode_uri_component(v))))
        .collect();
    crate::routes::search(&query.join("&"))
}

/// A file size as people read it: "850 KB", "1,2 MB" (Vietnamese decimal comma in both languages' digits).
pub fn file_size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes < MB {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        let tenths = (bytes * 10 + MB / 2) / MB;
        if tenths.is_multiple_of(10) {
            format!("{} MB", tenths / 10)
        } else {
            format!("{},{} MB", tenths / 10, tenths % 10)
        }
    }
}
