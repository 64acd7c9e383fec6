//! Configuration from the environment (and `--port`), with defaults that run the demo.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

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
    /// `DVC_MAX_UPLOAD_MB` (10).
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
