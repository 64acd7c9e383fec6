//! The store: SQLite embedded by default (a file, created and migrated on first start), or
//! PostgreSQL when `DVC_DATABASE_URL` names one, for several instances sharing one state.
//!
//! Both run the same repository functions and the same SQL ([`conn`]), and the same
//! migrations ([`migrations`]).

mod conn;
mod migrations;
mod pool;
mod value;

use std::path::Path;
use std::sync::{Arc, Mutex};

pub use conn::{Connection, OptionalExtension, Params, Row, Rows, Statement, Transaction, WRITE_LOCK};
pub use value::{FromColumn, Kind, Param, Typed, Value};

use crate::error::ApiError;
pub use crate::params;
use pool::Pool;

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("PostgreSQL: {}", postgres_detail(.0))]
    Postgres(#[from] postgres::Error),
    #[error("the query returned no row")]
    NoRows,
    #[error("{0}")]
    Conversion(String),
    #[error("{0}")]
    Open(String),
}

impl Error {
    /// Whether the store could not answer now rather than refused the query: a connection
    /// that failed or broke, none free in time, PostgreSQL shutting down or full, SQLite
    /// locked past its wait. Asking again later may work.
    pub fn is_unavailable(&self) -> bool {
        match self {
            Error::Open(_) => true,
            Error::Postgres(e) => match e.as_db_error() {
                None => true,
                Some(db) => {
                    let code = db.code().code();
                    code.starts_with("08") || code.starts_with("57P") || code == "53300"
                }
            },
            Error::Sqlite(e) => {
                matches!(
                    e.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
                )
            }
            Error::NoRows | Error::Conversion(_) => false,
        }
    }
}

/// A store that cannot answer now (PostgreSQL down or every connection taken, SQLite locked
/// past its wait) is a 503 the app asks again after; any other store error is a 500.
impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        if e.is_unavailable() {
            tracing::warn!(error = %e, "the store is unavailable");
            ApiError::Busy
        } else {
            ApiError::Database(e.to_string())
        }
    }
}

/// What PostgreSQL said, with its SQLSTATE (the client's own text is only "db error").
fn postgres_detail(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!(
            "{} ({}){}",
            db.message(),
            db.code().code(),
            db.detail().map(|d| format!(": {d}")).unwrap_or_default()
        ),
        None => e.to_string(),
    }
}

/// The store every handler shares.
#[derive(Clone)]
pub struct Db {
    backend: Backend,
}

#[derive(Clone)]
enum Backend {
    /// One connection; queries are short and take turns on the blocking pool.
    Sqlite(Arc<Mutex<Connection>>),
    /// A pool of clients.
    Postgres(Arc<Pool>),
}

impl Db {
    /// Opens the SQLite file at `path` (creating it and its folder if needed) and migrates.
    pub fn open(path: &Path) -> Result<Db, Error> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::Open(format!("{}: {e}", dir.display())))?;
        }
        Db::sqlite(rusqlite::Connection::open(path)?)
    }

    /// A private in-memory SQLite database.
    pub fn open_in_memory() -> Result<Db, Error> {
        Db::sqlite(rusqlite::Connection::open_in_memory()?)
    }

    /// Connects to PostgreSQL at `url` (`postgres://user@host:port/db`) and migrates.
    pub fn connect(url: &str) -> Result<Db, Error> {
        Db::postgres(url, None)
    }

    /// A store of its own for a test: a fresh schema of the PostgreSQL database that
    /// `DVC_TEST_DATABASE_URL` names, else a private in-memory SQLite database.
    pub fn for_tests() -> Result<Db, Error> {
        match std::env::var("DVC_TEST_DATABASE_URL") {
            Ok(url) if !url.is_empty() => {
                let schema = format!("test_{}", &crate::random::token()[..16]);
                Db::postgres(&url, Some(schema))
            }
            _ => Db::open_in_memory(),
        }
    }

    fn sqlite(conn: rusqlite::Connection) -> Result<Db, Error> {
        // Several processes may share one file: a writer waits for another's transaction
        // (up to 5 s) instead of failing.
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        let mut conn = Connection::sqlite(conn);
        migrations::run(&mut conn)?;
        Ok(Db { backend: Backend::Sqlite(Arc::new(Mutex::new(conn))) })
    }

    fn postgres(url: &str, schema: Option<String>) -> Result<Db, Error> {
        let pool = off_runtime(|| {
            let pool = Pool::new(url, schema)?;
            migrations::run(&mut *pool.get()?)?;
            Ok::<_, Error>(pool)
        })?;
        Ok(Db { backend: Backend::Postgres(Arc::new(pool)) })
    }

    /// Whether the store is PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        matches!(self.backend, Backend::Postgres(_))
    }

    /// On PostgreSQL, calls `heard` with the payload of every `NOTIFY` on `channel`, from any
    /// instance, on a thread of its own that reconnects when its connection breaks; `false` on
    /// SQLite, where one process hears only itself.
    pub fn listen(&self, channel: &'static str, heard: impl Fn(String) + Send + 'static) -> bool {
        let Backend::Postgres(pool) = &self.backend else { return false };
        let pool = pool.clone();
        std::thread::spawn(move || loop {
            let outcome: Result<(), Error> = pool.client().and_then(|mut client| {
                client.batch_execute(&format!("LISTEN {channel}"))?;
                loop {
                    {
                        let mut notifications = client.notifications();
                        let mut heard_any = notifications.timeout_iter(std::time::Duration::from_secs(30));
                        while let Some(n) = postgres::fallible_iterator::FallibleIterator::next(&mut heard_any)? {
                            heard(n.payload().to_owned());
                        }
                    }
                    // Quiet for a while: make sure the connection still answers.
                    client.batch_execute("SELECT 1")?;
                }
            });
            if let Err(e) = outcome {
                tracing::warn!(error = %e, channel, "listening for changes failed; again in a second");
            }
            std::thread::sleep(std::time::Duration::from_secs(1));
        });
        true
    }

    /// Runs `f` with a connection on the blocking pool.
    pub async fn call<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, ApiError> + Send + 'static,
    {
        let backend = self.backend.clone();
        tokio::task::spawn_blocking(move || match backend {
            Backend::Sqlite(conn) => {
                let mut guard = conn.lock().map_err(|_| ApiError::Internal("database lock poisoned".into()))?;
                f(&mut guard)
            }
            Backend::Postgres(pool) => {
                let mut conn = pool.get()?;
                f(&mut conn)
            }
        })
        .await
        .map_err(|e| ApiError::Internal(format!("database task: {e}")))?
    }

    /// Runs `f` with a connection, waiting for it here (start-up, seeding, tests). On
    /// PostgreSQL it runs on a thread of its own: the client blocks, which an async task may not.
    pub fn with<T: Send>(&self, f: impl FnOnce(&mut Connection) -> T + Send) -> T {
        match &self.backend {
            Backend::Sqlite(conn) => f(&mut conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())),
            Backend::Postgres(pool) => off_runtime(|| f(&mut pool.get().expect("a PostgreSQL connection"))),
        }
    }
}

/// Runs `f` on a thread of its own and waits: PostgreSQL's blocking client starts a runtime of
/// its own, which a thread already running async tasks may not.
fn off_runtime<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| s.spawn(f).join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
}

/// An instant as the text columns `created_at` hold it, `YYYY-MM-DD HH:MM:SS` in UTC (what
/// SQLite's `datetime(…, 'unixepoch')` wrote): made here, so the SQL is the same on both stores
/// and the text compares in time order.
pub fn utc_timestamp(unix: i64) -> String {
    let day = dvc_core::date::Date::from_days(unix.div_euclid(86_400));
    let s = unix.rem_euclid(86_400);
    format!("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", day.year, day.month, day.day, s / 3600, s / 60 % 60, s % 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_store_that_cannot_answer_is_a_503_and_a_refused_query_a_500() {
        use crate::error::ApiError;
        // Nothing listens on port 1: the connection is refused at once.
        let down = super::Db::connect("postgres://postgres@127.0.0.1:1/dvc").err().expect("no server there");
        assert!(down.is_unavailable(), "{down}");
        assert!(matches!(ApiError::from(down), ApiError::Busy));
        let db = super::Db::open_in_memory().unwrap();
        let refused = db.with(|c| c.execute("SELECT * FROM no_such_table", crate::params![])).unwrap_err();
        assert!(!refused.is_unavailable());
        assert!(matches!(ApiError::from(refused), ApiError::Database(_)));
    }

    #[test]
    fn timestamps_read_like_sqlite_datetime() {
        assert_eq!(super::utc_timestamp(0), "1970-01-01 00:00:00");
        // 29/02/2028 23:59:59 UTC, and the second after it.
        assert_eq!(super::utc_timestamp(1_835_481_599), "2028-02-29 23:59:59");
        assert_eq!(super::utc_timestamp(1_835_481_600), "2028-03-01 00:00:00");
    }
}
