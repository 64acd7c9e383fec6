//! Configuration from flags or `DVC_*` variables (one declarative list, [`Settings`]), with
//! defaults that run the demo.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use dvc_core::payment::Beneficiary;

mod values;
pub use values::DatabaseUrl;
use values::{
    clock, cors_origins, networks, parse_database_url, parse_with, positive, public_url, switch, upload_megabytes,
};

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
    /// PostgreSQL instead of the SQLite file (`DVC_DATABASE_URL`): several instances share it.
    pub database_url: Option<DatabaseUrl>,
    /// The built app to serve (`dist/`); `None` serves the API alone.
    pub static_dir: Option<PathBuf>,
    /// The catalog data (`server/data` by default).
    pub data_dir: PathBuf,
    /// `DVC_DATASET`: which province and local units of `data_dir` to seed.
    pub dataset: String,
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
    /// `DVC_OIDC_*`: signing in with the national e-ID; `None`, off.
    pub oidc: Option<crate::auth::oidc::OidcSettings>,
    /// `DVC_HOTLINE`: the help line offered when a search finds nothing; `None`, not offered.
    pub hotline: Option<String>,
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

/// The demo's made-up beneficiary account.
const DEMO_BANK_BIN: &str = "970436";
const DEMO_BANK_NAME: &str = "Vietcombank";
const DEMO_BANK_ACCOUNT: &str = "0011000999999";
const DEMO_BANK_ACCOUNT_NAME: &str = "VAN PHONG UBND TINH VINH PHUC";

impl PaymentConfig {
    /// The demo: a made-up account, a secret drawn at start-up, the test bank on.
    pub fn demo() -> PaymentConfig {
        PaymentConfig {
            beneficiary: Beneficiary {
                bank_bin: DEMO_BANK_BIN.into(),
                bank_name: DEMO_BANK_NAME.into(),
                account: DEMO_BANK_ACCOUNT.into(),
                account_name: DEMO_BANK_ACCOUNT_NAME.into(),
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

/// Every setting, from `--flag` or its `DVC_*` variable, with its default: `dvc-server --help`
/// prints them all. Checks that span settings are in [`Config::from_settings`].
#[derive(Clone, Debug, clap::Parser)]
#[command(
    name = "dvc-server",
    version,
    about = "The reference public-service API with the demo catalog, serving the app"
)]
pub struct Settings {
    /// Address to listen on.
    #[arg(long, env = "DVC_HOST", default_value = "127.0.0.1", value_parser = parse_with::<IpAddr>("DVC_HOST", "an IP address"))]
    pub host: IpAddr,
    #[arg(long, env = "DVC_PORT", default_value_t = 8080, value_parser = parse_with::<u16>("DVC_PORT", "a port number"))]
    pub port: u16,
    /// The SQLite file, created and migrated on first start.
    #[arg(long, env = "DVC_DB", default_value = "var/dichvucong.sqlite")]
    pub db: PathBuf,
    /// PostgreSQL instead of the SQLite file, for several instances behind a load balancer:
    /// `postgres://user:password@host:port/database`.
    #[arg(long, env = "DVC_DATABASE_URL", value_parser = parse_database_url)]
    pub database_url: Option<DatabaseUrl>,
    /// The built app to serve; `none` serves the API alone.
    #[arg(long = "static", env = "DVC_STATIC", default_value = "dist")]
    pub static_dir: String,
    /// The catalog data to seed from.
    #[arg(long, env = "DVC_DATA", default_value_os_t = default_data_dir())]
    pub data: PathBuf,
    /// The province and its local units (`<data>/datasets/<name>/`): `vinh-phuc-2023` (three
    /// tiers, the 2023 report's figures) or `phu-tho-2025` (two tiers, since 1 July 2025).
    #[arg(long, env = "DVC_DATASET", default_value = crate::seed::data::DEFAULT_DATASET)]
    pub dataset: String,
    /// Browser origins that may call the API from elsewhere: `local` (any 127.0.0.1 or
    /// localhost port, for browser tests) or a comma-separated list of origins.
    #[arg(long, env = "DVC_CORS_ORIGINS", value_parser = cors_origins)]
    pub cors_origins: Option<CorsOrigins>,
    /// Where uploaded files are kept.
    #[arg(long, env = "DVC_UPLOADS", default_value = "var/uploads")]
    pub uploads: PathBuf,
    /// The largest file accepted, in megabytes (1 to 1024).
    #[arg(long, env = "DVC_MAX_UPLOAD_MB", default_value_t = 10, value_parser = upload_megabytes)]
    pub max_upload_mb: u64,
    /// Files one client may upload in an hour.
    #[arg(long, env = "DVC_UPLOADS_PER_HOUR", default_value_t = crate::uploads::UPLOADS_PER_HOUR,
        value_parser = positive::<u32>("DVC_UPLOADS_PER_HOUR", "a number of files"))]
    pub uploads_per_hour: u32,
    /// The beneficiary bank's BIN (6 digits, the NAPAS code).
    #[arg(long, env = "DVC_BANK_BIN", default_value = DEMO_BANK_BIN)]
    pub bank_bin: String,
    #[arg(long, env = "DVC_BANK_NAME", default_value = DEMO_BANK_NAME)]
    pub bank_name: String,
    #[arg(long, env = "DVC_BANK_ACCOUNT", default_value = DEMO_BANK_ACCOUNT)]
    pub bank_account: String,
    /// The account holder as bank apps show it: ASCII, no diacritics.
    #[arg(long, env = "DVC_BANK_ACCOUNT_NAME", default_value = DEMO_BANK_ACCOUNT_NAME)]
    pub bank_account_name: String,
    /// HMAC-SHA256 key of `X-Signature` on bank notifications; unset, one is drawn at start-up.
    #[arg(long, env = "DVC_BANK_SECRET", hide_env_values = true)]
    pub bank_secret: Option<String>,
    /// Minutes a payment QR code is offered.
    #[arg(long, env = "DVC_PAYMENT_MINUTES", default_value_t = 15,
        value_parser = positive::<i64>("DVC_PAYMENT_MINUTES", "a number of minutes"))]
    pub payment_minutes: i64,
    /// The test bank (`/api/v1/test-bank`): on by default only while no bank secret is set.
    #[arg(long, env = "DVC_TEST_BANK", value_parser = switch("DVC_TEST_BANK"))]
    pub test_bank: Option<bool>,
    /// The bearer token of `/api/v1/officer/…`; unset, that endpoint refuses everyone.
    #[arg(long, env = "DVC_OFFICER_TOKEN", hide_env_values = true)]
    pub officer_token: Option<String>,
    /// `on`: the demo's clerk moves new dossiers along by itself.
    #[arg(long, env = "DVC_DEMO_PROGRESS", default_value = "off", value_parser = switch("DVC_DEMO_PROGRESS"),
        action = clap::ArgAction::Set)]
    pub demo_progress: bool,
    /// Reverse proxies whose `X-Forwarded-For` names the client (comma-separated IPs or CIDRs).
    #[arg(long, env = "DVC_TRUSTED_PROXIES", default_value = "", value_parser = networks("DVC_TRUSTED_PROXIES"))]
    pub trusted_proxies: crate::clients::Networks,
    /// Service centres' LANs, whose kiosks get a larger lookup budget.
    #[arg(long, env = "DVC_KIOSK_NETWORKS", default_value = "", value_parser = networks("DVC_KIOSK_NETWORKS"))]
    pub kiosk_networks: crate::clients::Networks,
    /// Where citizens reach this deployment, as printed on results and receipts
    /// (`https://dichvucong.example.vn`); unset, `http://<host>:<port>`.
    #[arg(long, env = "DVC_PUBLIC_URL", value_parser = public_url)]
    pub public_url: Option<String>,
    /// The clock starts at this instant and runs on (`2027-02-05T09:00:00+07:00`), for tests
    /// and demos of a given day; unset, the system's time.
    #[arg(long, env = "DVC_CLOCK", value_parser = clock)]
    pub clock: Option<i64>,
    /// The national e-ID's OpenID Connect issuer (`https://…`); unset, signing in is off.
    #[arg(long, env = "DVC_OIDC_ISSUER")]
    pub oidc_issuer: Option<String>,
    /// This deployment's client id at the identity provider.
    #[arg(long, env = "DVC_OIDC_CLIENT_ID")]
    pub oidc_client_id: Option<String>,
    #[arg(long, env = "DVC_OIDC_CLIENT_SECRET", hide_env_values = true)]
    pub oidc_client_secret: Option<String>,
    /// Scopes asked for besides `openid`, space- or comma-separated.
    #[arg(long, env = "DVC_OIDC_SCOPES", default_value = "openid profile phone email address")]
    pub oidc_scopes: String,
    /// The least identification level every login asks for (`acr_values`); a procedure that
    /// needs level 2 asks for it again.
    #[arg(long, env = "DVC_OIDC_ACR", default_value = "LoA1")]
    pub oidc_acr: String,
    /// The help line citizens may call when a search finds nothing (`1900 1234`); unset, none
    /// is offered.
    #[arg(long, env = "DVC_HOTLINE")]
    pub hotline: Option<String>,
}

impl Config {
    /// The settings from the command line and the `DVC_*` variables.
    pub fn from_env_and_args() -> Result<Config, String> {
        let settings = <Settings as clap::Parser>::try_parse().map_err(|e| e.to_string())?;
        Config::from_settings(settings)
    }

    /// The configuration of `settings`: a wrong setting is a message naming it, never a panic later.
    pub fn from_settings(s: Settings) -> Result<Config, String> {
        let public_url = s.public_url.clone().unwrap_or_else(|| format!("http://{}", SocketAddr::new(s.host, s.port)));
        let oidc = oidc_settings(&s, &public_url)?;
        if !s.bank_account_name.is_ascii() {
            return Err("DVC_BANK_ACCOUNT_NAME must be ASCII, as bank apps show it (no diacritics)".into());
        }
        // The test bank signs notifications with the secret: beside a real gateway's secret it
        // would let anyone mark bills paid. Only a secret named as a test one may have it.
        let real_secret = s.bank_secret.as_deref().is_some_and(|s| !s.starts_with(TEST_SECRET_PREFIX));
        let test_bank = s.test_bank.unwrap_or(s.bank_secret.is_none());
        if test_bank && real_secret {
            return Err(format!(
                "DVC_TEST_BANK=on cannot run with a real DVC_BANK_SECRET (anyone could mark bills paid); unset one of them, or give a test secret starting with {TEST_SECRET_PREFIX}"
            ));
        }
        let payments = PaymentConfig {
            beneficiary: Beneficiary {
                bank_bin: s.bank_bin,
                bank_name: s.bank_name,
                account: s.bank_account,
                account_name: s.bank_account_name,
            },
            secret: s.bank_secret.unwrap_or_else(crate::random::token),
            minutes: s.payment_minutes,
            test_bank,
        };
        let addr = SocketAddr::new(s.host, s.port);
        Ok(Config {
            addr,
            db_path: s.db,
            database_url: s.database_url,
            static_dir: (s.static_dir != "none").then(|| s.static_dir.into()),
            data_dir: s.data,
            dataset: s.dataset,
            cors: s.cors_origins.unwrap_or_default(),
            uploads: UploadConfig { dir: s.uploads, max_bytes: s.max_upload_mb * 1024 * 1024 },
            payments,
            officer_token: s.officer_token,
            demo_progress: s.demo_progress,
            trusted_proxies: s.trusted_proxies,
            kiosk_networks: s.kiosk_networks,
            uploads_per_hour: s.uploads_per_hour,
            public_url,
            clock_start: s.clock,
            hotline: s.hotline.as_deref().map(str::trim).filter(|h| !h.is_empty()).map(str::to_owned),
            oidc,
        })
    }
}

/// Bank secrets starting with this are test ones, which the test bank may run beside.
pub const TEST_SECRET_PREFIX: &str = "test-";

/// The demo catalog shipped in the repository.
pub fn default_data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// The dataset the tests seed: `DVC_DATASET` when set (to run the suite on another
/// province's structure), else the default.
pub fn test_dataset() -> String {
    std::env::var("DVC_DATASET").unwrap_or_else(|_| crate::seed::data::DEFAULT_DATASET.to_owned())
}

/// Signing in: all of issuer, client id and secret, or none of them.
fn oidc_settings(s: &Settings, public_url: &str) -> Result<Option<crate::auth::oidc::OidcSettings>, String> {
    let (issuer, id, secret) = (&s.oidc_issuer, &s.oidc_client_id, &s.oidc_client_secret);
    let (Some(issuer), Some(client_id), Some(client_secret)) = (issuer, id, secret) else {
        if issuer.is_some() || id.is_some() || secret.is_some() {
            return Err("DVC_OIDC_ISSUER, DVC_OIDC_CLIENT_ID and DVC_OIDC_CLIENT_SECRET go together: set all three, or none (signing in off)".into());
        }
        return Ok(None);
    };
    if dvc_core::eid::level_of_acr(&s.oidc_acr).is_none() {
        return Err(format!("DVC_OIDC_ACR: {:?} names no level (LoA1, LoA2)", s.oidc_acr));
    }
    let scopes: Vec<String> = s.oidc_scopes.split([' ', ',']).filter(|x| !x.is_empty()).map(str::to_owned).collect();
    Ok(Some(crate::auth::oidc::OidcSettings {
        issuer: issuer.clone(),
        client_id: client_id.clone(),
        client_secret: client_secret.clone(),
        scopes,
        acr: s.oidc_acr.clone(),
        public_url: public_url.to_owned(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The configuration of these settings, given as flags: `("DVC_BANK_SECRET", "x")` is
    /// `--bank-secret x` (each flag reads the variable of the same name).
    fn config(vars: &[(&str, &str)]) -> Result<Config, String> {
        let mut args = vec!["dvc-server".to_owned()];
        for (name, value) in vars {
            let flag = name.trim_start_matches("DVC_").to_lowercase().replace('_', "-");
            args.push(format!("--{flag}={value}"));
        }
        let settings = <Settings as clap::Parser>::try_parse_from(args).map_err(|e| e.to_string())?;
        Config::from_settings(settings)
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

    #[test]
    fn a_database_url_must_be_postgresql_and_its_password_is_not_printed() {
        let error = config(&[("DVC_DATABASE_URL", "mysql://root@db/dvc")]).unwrap_err();
        assert!(error.contains("DVC_DATABASE_URL"), "{error}");
        let scaled = config(&[("DVC_DATABASE_URL", "postgres://dvc:hunter2@db:5432/dvc")]).unwrap();
        assert_eq!(scaled.database_url.as_ref().map(|u| u.0.as_str()), Some("postgres://dvc:hunter2@db:5432/dvc"));
        assert!(!format!("{scaled:?}").contains("hunter2"));
        assert!(config(&[]).unwrap().database_url.is_none(), "SQLite unless a URL is given");
    }

    #[test]
    fn help_prints_every_setting_with_its_variable_and_default() {
        let help = <Settings as clap::CommandFactory>::command().render_long_help().to_string();
        for name in [
            "DVC_HOST",
            "DVC_PORT",
            "DVC_DB",
            "DVC_DATABASE_URL",
            "DVC_STATIC",
            "DVC_DATA",
            "DVC_CORS_ORIGINS",
            "DVC_UPLOADS",
            "DVC_MAX_UPLOAD_MB",
            "DVC_UPLOADS_PER_HOUR",
            "DVC_BANK_BIN",
            "DVC_BANK_NAME",
            "DVC_BANK_ACCOUNT",
            "DVC_BANK_ACCOUNT_NAME",
            "DVC_BANK_SECRET",
            "DVC_PAYMENT_MINUTES",
            "DVC_TEST_BANK",
            "DVC_OFFICER_TOKEN",
            "DVC_DEMO_PROGRESS",
            "DVC_TRUSTED_PROXIES",
            "DVC_KIOSK_NETWORKS",
            "DVC_PUBLIC_URL",
            "DVC_CLOCK",
        ] {
            assert!(help.contains(&format!("env: {name}")), "{name} missing from --help");
        }
        for default in ["[default: 8080]", "[default: var/dichvucong.sqlite]", "[default: 15]"] {
            assert!(help.contains(default), "{default} missing from --help");
        }
    }

    #[test]
    fn switches_take_on_and_off() {
        assert!(config(&[("DVC_DEMO_PROGRESS", "on")]).unwrap().demo_progress);
        assert!(!config(&[("DVC_DEMO_PROGRESS", "off")]).unwrap().demo_progress);
        assert!(!config(&[]).unwrap().demo_progress, "off by default");
        assert!(config(&[("DVC_DEMO_PROGRESS", "yes")]).unwrap_err().contains("DVC_DEMO_PROGRESS"));
        assert!(!config(&[("DVC_TEST_BANK", "off")]).unwrap().payments.test_bank);
    }

    #[test]
    fn a_bad_port_names_its_setting() {
        let error = config(&[("DVC_PORT", "eighty")]).unwrap_err();
        assert!(error.contains("DVC_PORT"), "{error}");
        assert_eq!(config(&[("DVC_PORT", "9000")]).unwrap().addr.port(), 9000);
    }
}
