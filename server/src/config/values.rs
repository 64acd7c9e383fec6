//! Reading one setting's value: each parser says, on a wrong value, which `DVC_*` setting it
//! was and what it takes.

use super::{CorsOrigins, UploadConfig};

/// A value read with `FromStr`; a message naming the setting and what it takes otherwise.
pub(super) fn parse_with<T: std::str::FromStr>(
    name: &'static str,
    what: &'static str,
) -> impl Fn(&str) -> Result<T, String> + Clone {
    move |text| text.trim().parse().map_err(|_| format!("{name} is {what}, not {text}"))
}

/// Where PostgreSQL is. Its password stays out of logs and debug output.
#[derive(Clone)]
pub struct DatabaseUrl(pub String);

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("postgres://…")
    }
}

/// `postgres://…` or `postgresql://…`: the only store a URL can name.
pub(super) fn parse_database_url(text: &str) -> Result<DatabaseUrl, String> {
    let text = text.trim();
    if text.starts_with("postgres://") || text.starts_with("postgresql://") {
        Ok(DatabaseUrl(text.to_owned()))
    } else {
        Err("DVC_DATABASE_URL names a PostgreSQL database (postgres://user@host:port/database); leave it unset for SQLite (DVC_DB)".into())
    }
}

/// A number above zero.
pub(super) fn positive<T: std::str::FromStr + PartialOrd + Default>(
    name: &'static str,
    what: &'static str,
) -> impl Fn(&str) -> Result<T, String> + Clone {
    move |text| {
        parse_with::<T>(name, what)(text)
            .ok()
            .filter(|n| *n > T::default())
            .ok_or_else(|| format!("{name} is {what} above zero, not {text}"))
    }
}

/// `on` or `off`.
pub(super) fn switch(name: &'static str) -> impl Fn(&str) -> Result<bool, String> + Clone {
    move |text| match text.trim() {
        "on" => Ok(true),
        "off" => Ok(false),
        other => Err(format!("{name} is on or off, not {other}")),
    }
}

pub(super) fn networks(name: &'static str) -> impl Fn(&str) -> Result<crate::clients::Networks, String> + Clone {
    move |text| crate::clients::Networks::parse(text).map_err(|e| format!("{name}: {e}"))
}

pub(super) fn upload_megabytes(text: &str) -> Result<u64, String> {
    text.trim().parse::<u64>().ok().filter(|mb| (1..=UploadConfig::MAX_MB).contains(mb)).ok_or_else(|| {
        format!("DVC_MAX_UPLOAD_MB is a number of megabytes from 1 to {}, not {text}", UploadConfig::MAX_MB)
    })
}

pub(super) fn public_url(text: &str) -> Result<String, String> {
    origin(text.trim().trim_end_matches('/'))
        .map_err(|_| format!("DVC_PUBLIC_URL is an address such as https://dichvucong.example.vn, not {text}"))
}

pub(super) fn clock(text: &str) -> Result<i64, String> {
    dvc_core::date::parse_rfc3339(text.trim())
        .ok_or_else(|| format!("DVC_CLOCK is an instant such as 2027-02-05T09:00:00+07:00, not {text}"))
}

pub(super) fn cors_origins(text: &str) -> Result<CorsOrigins, String> {
    match text.trim() {
        "local" => Ok(CorsOrigins::Local),
        list => Ok(CorsOrigins::List(
            list.split(',').map(str::trim).filter(|s| !s.is_empty()).map(origin).collect::<Result<_, _>>()?,
        )),
    }
}

/// One origin of `DVC_CORS_ORIGINS`: `scheme://host[:port]`, nothing else (no `*`: whoever
/// holds a dossier code and an ID number must not be able to read it from any site).
pub(super) fn origin(text: &str) -> Result<String, String> {
    let rest = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://"));
    let ok = rest.is_some_and(|host| {
        !host.is_empty() && host.bytes().all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
    });
    if ok {
        Ok(text.to_owned())
    } else {
        Err(format!("DVC_CORS_ORIGINS takes `local` or origins such as https://dichvucong.example.vn, comma-separated; not {text}"))
    }
}
