//! Configuration from the environment (and `--port`), with defaults that run the demo.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use dvc_core::payment::Beneficiary;

/// Which browser origins may call the API from elsewhere (CORS).
#[derive(Clone, Debug, Default, PartialEq)]
pub enum CorsOrigins {
    /// Same origin only: no CORS headers at all (the default).
    #[default]
    None,
    /// Any `http://127.0.0.1:<port>` or `http://localhost:<port>`: for browser tests whose
    /// runner serves the page from another port.
    Local,
    /// Exactly these origins.
    List(Vec<String>),
}

#[derive(Clone, Debug)]
pub struct Config {
    pub addr: SocketAddr,
    /// The SQLite file, created and migrated on first start.
    pub db_path: PathBuf,
    /// The built app to serve (`dist/`); `None` serves the API alone.
    pub static_dir: Option<PathBuf>,
    /// The catalog data (`server/data` by default).
    pub data_dir: PathBuf,
    pub cors: CorsOrigins,
    /// Where uploaded files are kept, and the largest accepted.
    pub uploads: UploadConfig,
    pub payments: PaymentConfig,
    /// `DVC_OFFICER_TOKEN`: the bearer token of `/api/v1/officer/…` (unset: refused).
    pub officer_token: Option<String>,
    /// `DVC_DEMO_PROGRESS=on`: the demo's clerk moves new dossiers along by itself.
    pub demo_progress: bool,
    /// `DVC_TRUSTED_PROXIES`: the reverse proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: crate::clients::Networks,
    /// `DVC_KIOSK_NETWORKS`: service centres' LANs, with a larger lookup budget.
    pub kiosk_networks: crate::clients::Networks,
    /// `DVC_UPLOADS_PER_HOUR`: files a client may upload in an hour.
    pub uploads_per_hour: u32,
    /// `DVC_PUBLIC_URL`: where citizens reach this deployment (`https://dichvucong.example.vn`),
    /// as printed on results and receipts; unset, `http://<DVC_HOST>:<DVC_PORT>`.
    pub public_url: String,
    /// `DVC_CLOCK=2027-02-05T09:00:00+07:00`: the clock starts at this instant (seconds since
    /// 1970) and runs on, for tests and demos of a given day; unset, the system's time.
    pub clock_start: Option<i64>,
}

/// Where fees are paid, how long a code is offered, and the secret bank notifications are
/// signed with.
#[derive(Clone, Debug)]
pub struct PaymentConfig {
    pub beneficiary: Beneficiary,
    /// HMAC-SHA256 key of `X-Signature` on bank notifications.
    pub secret: String,
    /// Minutes a QR code is offered before the app asks for a fresh one.
    pub minutes: i64,
    /// The test bank (`/api/v1/test-bank`): on in the demo, off once a real secret is set.
    pub test_bank: bool,
}

impl PaymentConfig {
    /// The demo: a made-up account, a secret drawn at start-up, the test bank on.
    pub fn demo() -> PaymentConfig {
        PaymentConfig {
            beneficiary: Beneficiary {
                bank_bin: "970436".into(),
                bank_name: "Vietcombank".into(),
                account: "0011000999999".into(),
                account_name: "VAN PHONG UBND TINH VINH PHUC".into(),
            },
            secret: crate::random::token(),
            minutes: 15,
            test_bank: true,
        }
    }
}

#[derive(Clone, Debug)]
pub struct UploadConfig {
    pub dir: PathBuf,
    pub max_bytes: u64,
}

impl UploadConfig {
    /// 10 MB a file by default.
    pub const DEFAULT_MAX_BYTES: u64 = 10 * 1024 * 1024;
    /// The largest `DVC_MAX_UPLOAD_MB` taken.
    pub const MAX_MB: u64 = 1024;
}

impl Config {
    /// `DVC_HOST` (127.0.0.1), `DVC_PORT` or `--port` (8080), `DVC_DB` (var/dichvucong.sqlite),
    /// `DVC_STATIC` (dist), `DVC_DATA` (the crate's data folder), `DVC_CORS_ORIGINS`
    /// (`local`, or a comma-separated list of origins), `DVC_UPLOADS` (var/uploads),
    /// `DVC_MAX_UPLOAD_MB` (10); for fees `DVC_BANK_BIN`, `DVC_BANK_NAME`, `DVC_BANK_ACCOUNT`,
    /// `DVC_BANK_ACCOUNT_NAME` (ASCII), `DVC_BANK_SECRET`, `DVC_PAYMENT_MINUTES` (15) and
    /// `DVC_TEST_BANK` (`on`/`off`; on by default only while no secret is set); `DVC_CLOCK` (an
    /// RFC 3339 instant the clock starts at; unset, the system's time).
    pub fn from_env_and_args() -> Result<Config, String> {
        Config::from_lookup(|k| std::env::var(k).ok(), std::env::args().skip(1).collect())
    }

    /// [`Config::from_env_and_args`] with the variables from `lookup`: a wrong setting is a
    /// message naming it, never a panic later.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>, args: Vec<String>) -> Result<Config, String> {
        let env = |k: &str| lookup(k).filter(|v| !v.trim().is_empty());
        let host: IpAddr = match env("DVC_HOST") {
            Some(h) => h.parse().map_err(|_| format!("DVC_HOST is not an IP address: {h}"))?,
            None => IpAddr::V4(Ipv4Addr::LOCALHOST),
        };
        let mut port: u16 = match env("DVC_PORT") {
            Some(p) => p.parse().map_err(|_| format!("DVC_PORT is not a port number: {p}"))?,
            None => 8080,
        };
        let mut i = 0;
        while i < args.len() {
            match args[i].as_str() {
                "--port" => {
                    let p = args.get(i + 1).ok_or("--port needs a number")?;
                    port = p.parse().map_err(|_| format!("--port is not a port number: {p}"))?;
                    i += 2;
                }
                other => return Err(format!("unknown argument {other}; use --port N or the DVC_* variables")),
            }
        }
        let static_dir = env("DVC_STATIC").unwrap_or_else(|| "dist".into());
        let mut payments = PaymentConfig::demo();
        let b = &mut payments.beneficiary;
        for (key, slot) in [
            ("DVC_BANK_BIN", &mut b.bank_bin),
            ("DVC_BANK_NAME", &mut b.bank_name),
            ("DVC_BANK_ACCOUNT", &mut b.account),
            ("DVC_BANK_ACCOUNT_NAME", &mut b.account_name),
        ] {
            if let Some(v) = env(key) {
                *slot = v;
            }
        }
        if !b.account_name.is_ascii() {
            return Err("DVC_BANK_ACCOUNT_NAME must be ASCII, as bank apps show it (no diacritics)".into());
        }
        if let Some(secret) = env("DVC_BANK_SECRET") {
            payments.secret = secret;
            payments.test_bank = false;
        }
        if let Some(minutes) = env("DVC_PAYMENT_MINUTES") {
            payments.minutes = minutes
                .parse()
                .ok()
                .filter(|m| *m > 0)
                .ok_or_else(|| format!("DVC_PAYMENT_MINUTES is not a number of minutes: {minutes}"))?;
        }
        match env("DVC_TEST_BANK").as_deref() {
            None => {}
            Some("on") => payments.test_bank = true,
            Some("off") => payments.test_bank = false,
            Some(other) => return Err(format!("DVC_TEST_BANK is on or off, not {other}")),
        }
        // The test bank signs notifications with the secret: beside a real gateway's secret it
        // would let anyone mark bills paid. Only a secret named as a test one may have it.
        if payments.test_bank && env("DVC_BANK_SECRET").is_some_and(|s| !s.starts_with(TEST_SECRET_PREFIX)) {
            return Err(format!(
                "DVC_TEST_BANK=on cannot run with a real DVC_BANK_SECRET (anyone could mark bills paid); unset one of them, or give a test secret starting with {TEST_SECRET_PREFIX}"
            ));
        }
        let addr = SocketAddr::new(host, port);
        let networks = |name: &str| {
            crate::clients::Networks::parse(&env(name).unwrap_or_default()).map_err(|e| format!("{name}: {e}"))
        };
        Ok(Config {
            addr,
            trusted_proxies: networks("DVC_TRUSTED_PROXIES")?,
            uploads_per_hour: match env("DVC_UPLOADS_PER_HOUR") {
                Some(n) => n
                    .trim()
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("DVC_UPLOADS_PER_HOUR is a number of files, not {n}"))?,
                None => crate::uploads::UPLOADS_PER_HOUR,
            },
            kiosk_networks: networks("DVC_KIOSK_NETWORKS")?,
            public_url: match env("DVC_PUBLIC_URL") {
                Some(url) => origin(url.trim().trim_end_matches('/')).map_err(|_| {
                    format!("DVC_PUBLIC_URL is an address such as https://dichvucong.example.vn, not {url}")
                })?,
                None => format!("http://{addr}"),
            },
            db_path: env("DVC_DB").unwrap_or_else(|| "var/dichvucong.sqlite".into()).into(),
            static_dir: (static_dir != "none").then(|| static_dir.into()),
            data_dir: env("DVC_DATA").map(PathBuf::from).unwrap_or_else(default_data_dir),
            uploads: UploadConfig {
                dir: env("DVC_UPLOADS").unwrap_or_else(|| "var/uploads".into()).into(),
                max_bytes: match env("DVC_MAX_UPLOAD_MB") {
                    Some(mb) => {
                        mb.trim().parse::<u64>().ok().filter(|mb| (1..=UploadConfig::MAX_MB).contains(mb)).ok_or_else(
                            || {
                                format!(
                                    "DVC_MAX_UPLOAD_MB is a number of megabytes from 1 to {}, not {mb}",
                                    UploadConfig::MAX_MB
                                )
                            },
                        )? * 1024
                            * 1024
                    }
                    None => UploadConfig::DEFAULT_MAX_BYTES,
                },
            },
            payments,
            officer_token: env("DVC_OFFICER_TOKEN"),
            clock_start: match env("DVC_CLOCK") {
                None => None,
                Some(text) => {
                    Some(dvc_core::date::parse_rfc3339(&text).ok_or_else(|| {
                        format!("DVC_CLOCK is an instant such as 2027-02-05T09:00:00+07:00, not {text}")
                    })?)
                }
            },
            demo_progress: match env("DVC_DEMO_PROGRESS").as_deref() {
                None | Some("off") => false,
                Some("on") => true,
                Some(other) => return Err(format!("DVC_DEMO_PROGRESS is on or off, not {other}")),
            },
            cors: match env("DVC_CORS_ORIGINS").as_deref() {
                None => CorsOrigins::None,
                Some("local") => CorsOrigins::Local,
                Some(list) => CorsOrigins::List(
                    list.split(',')
                        .map(|s| s.trim())
                        .filter(|s| !s.is_empty())
                        .map(origin)
                        .collect::<Result<_, _>>()?,
                ),
            },
        })
    }
}

/// Bank secrets starting with this are test ones, which the test bank may run beside.
pub const TEST_SECRET_PREFIX: &str = "test-";

/// One origin of `DVC_CORS_ORIGINS`: `scheme://host[:port]`, nothing else (no `*`: whoever
/// holds a dossier code and an ID number must not be able to read it from any site).
fn origin(text: &str) -> Result<String, String> {
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

/// The demo catalog shipped in the repository.
pub fn default_data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(vars: &[(&str, &str)]) -> Result<Config, String> {
        let vars: Vec<(String, String)> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(move |k| vars.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()), Vec::new())
    }

    #[test]
    fn the_test_bank_cannot_run_beside_a_real_secret() {
        let error = config(&[("DVC_BANK_SECRET", "the-gateway-secret"), ("DVC_TEST_BANK", "on")]).unwrap_err();
        assert!(error.contains("DVC_TEST_BANK") && error.contains("DVC_BANK_SECRET"), "{error}");
        assert!(
            !config(&[("DVC_BANK_SECRET", "the-gateway-secret")]).unwrap().payments.test_bank,
            "off once a secret is set"
        );
        assert!(config(&[("DVC_BANK_SECRET", "test-e2e"), ("DVC_TEST_BANK", "on")]).unwrap().payments.test_bank);
        assert!(config(&[]).unwrap().payments.test_bank, "the demo: a drawn secret and the test bank");
    }

    #[test]
    fn a_wildcard_or_malformed_cors_origin_is_a_message_not_a_panic() {
        for bad in ["*", "example.org", "https://", "https://a.vn/path", "https://a.vn,*"] {
            let error = config(&[("DVC_CORS_ORIGINS", bad)]).unwrap_err();
            assert!(error.contains("DVC_CORS_ORIGINS"), "{bad}: {error}");
        }
        let ok = config(&[("DVC_CORS_ORIGINS", "https://dichvucong.example.vn, http://127.0.0.1:8000")]).unwrap();
        assert_eq!(
            ok.cors,
            CorsOrigins::List(vec!["https://dichvucong.example.vn".into(), "http://127.0.0.1:8000".into()])
        );
        // And the router takes what the configuration took.
        let _ = crate::web::cors_layer(&ok.cors);
    }

    #[test]
    fn the_public_url_is_configured_or_the_listening_address() {
        assert_eq!(
            config(&[("DVC_PUBLIC_URL", "https://dichvucong.example.vn/")]).unwrap().public_url,
            "https://dichvucong.example.vn"
        );
        assert_eq!(config(&[("DVC_PORT", "9000")]).unwrap().public_url, "http://127.0.0.1:9000");
        assert!(config(&[("DVC_PUBLIC_URL", "dichvucong.example.vn")]).unwrap_err().contains("DVC_PUBLIC_URL"));
    }

    #[test]
    fn an_upload_limit_that_would_overflow_is_refused() {
        for bad in ["18446744073709551615", "17592186044416", "0", "-1", "ten"] {
            let error = config(&[("DVC_MAX_UPLOAD_MB", bad)]).unwrap_err();
            assert!(error.contains("DVC_MAX_UPLOAD_MB"), "{bad}: {error}");
        }
        assert_eq!(config(&[("DVC_MAX_UPLOAD_MB", "25")]).unwrap().uploads.max_bytes, 25 * 1024 * 1024);
    }
}
