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
    /// 10 MB a file, as the issue asks by default.
    pub const DEFAULT_MAX_BYTES: u64 = 10 * 1024 * 1024;
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
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        let host: IpAddr = match env("DVC_HOST") {
            Some(h) => h.parse().map_err(|_| format!("DVC_HOST is not an IP address: {h}"))?,
            None => IpAddr::V4(Ipv4Addr::LOCALHOST),
        };
        let mut port: u16 = match env("DVC_PORT") {
            Some(p) => p.parse().map_err(|_| format!("DVC_PORT is not a port number: {p}"))?,
            None => 8080,
        };
        let args: Vec<String> = std::env::args().skip(1).collect();
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
        for (key, slot) in [("DVC_BANK_BIN", &mut b.bank_bin), ("DVC_BANK_NAME", &mut b.bank_name), ("DVC_BANK_ACCOUNT", &mut b.account), ("DVC_BANK_ACCOUNT_NAME", &mut b.account_name)] {
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
            payments.minutes = minutes.parse().ok().filter(|m| *m > 0).ok_or_else(|| format!("DVC_PAYMENT_MINUTES is not a number of minutes: {minutes}"))?;
        }
        match env("DVC_TEST_BANK").as_deref() {
            None => {}
            Some("on") => payments.test_bank = true,
            Some("off") => payments.test_bank = false,
            Some(other) => return Err(format!("DVC_TEST_BANK is on or off, not {other}")),
        }
        Ok(Config {
            addr: SocketAddr::new(host, port),
            db_path: env("DVC_DB").unwrap_or_else(|| "var/dichvucong.sqlite".into()).into(),
            static_dir: (static_dir != "none").then(|| static_dir.into()),
            data_dir: env("DVC_DATA").map(PathBuf::from).unwrap_or_else(default_data_dir),
            uploads: UploadConfig {
                dir: env("DVC_UPLOADS").unwrap_or_else(|| "var/uploads".into()).into(),
                max_bytes: match env("DVC_MAX_UPLOAD_MB") {
                    Some(mb) => mb.parse::<u64>().map_err(|_| format!("DVC_MAX_UPLOAD_MB is not a number: {mb}"))? * 1024 * 1024,
                    None => UploadConfig::DEFAULT_MAX_BYTES,
                },
            },
            payments,
            officer_token: env("DVC_OFFICER_TOKEN"),
            clock_start: match env("DVC_CLOCK") {
                None => None,
                Some(text) => Some(dvc_core::date::parse_rfc3339(&text).ok_or_else(|| format!("DVC_CLOCK is an instant such as 2027-02-05T09:00:00+07:00, not {text}"))?),
            },
            demo_progress: match env("DVC_DEMO_PROGRESS").as_deref() {
                None | Some("off") => false,
                Some("on") => true,
                Some(other) => return Err(format!("DVC_DEMO_PROGRESS is on or off, not {other}")),
            },
            cors: match env("DVC_CORS_ORIGINS").as_deref() {
                None => CorsOrigins::None,
                Some("local") => CorsOrigins::Local,
                Some(list) => CorsOrigins::List(list.split(',').map(|s| s.trim().to_owned()).collect()),
            },
        })
    }
}

/// The demo catalog shipped in the repository.
pub fn default_data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}
