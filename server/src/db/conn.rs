//! One connection to either store, with the few calls the repository functions make
//! (`execute`, `query_row`, `prepare` … `query_map`, `transaction`), shaped like `rusqlite`'s.
//!
//! SQL is written once, in the dialect both stores share, with `?1`-style placeholders; on
//! PostgreSQL they become `$1` and every parameter is declared with its Rust type.

use std::cell::RefCell;
use std::collections::HashMap;

use postgres::types::Type;

use super::value::{FromColumn, Kind, Param, Value};
use super::Error;

/// A connection: SQLite's file or PostgreSQL's client.
pub struct Connection {
    backend: Backend,
}

enum Backend {
    Sqlite(rusqlite::Connection),
    Postgres(Box<PgClient>),
}

/// A PostgreSQL client and the statements it prepared, by text and parameter kinds.
struct PgClient {
    client: RefCell<postgres::Client>,
    statements: RefCell<HashMap<(String, Vec<Kind>), postgres::Statement>>,
}

/// The parameters of one statement, as `params![…]` makes them.
pub type Params<'a> = &'a [&'a dyn Param];

/// Binds a list of values: `params![code, now]`.
#[macro_export]
macro_rules! params {
    () => { &[] as $crate::db::Params<'_> };
    ($($x:expr),+ $(,)?) => { &[$(&$x as &dyn $crate::db::Param),+] as $crate::db::Params<'_> };
}

/// A row, read whole: columns by position.
#[derive(Debug)]
pub struct Row {
    values: Vec<Value>,
}

impl Row {
    /// Column `idx`, as `T`.
    pub fn get<I: RowIndex, T: FromColumn>(&self, idx: I) -> Result<T, Error> {
        let value =
            self.values.get(idx.index()).cloned().ok_or(Error::Conversion(format!("no column {}", idx.index())))?;
        T::from_value(value)
    }
}

/// A column position (`r.get(0)`).
pub trait RowIndex {
    fn index(&self) -> usize;
}
impl RowIndex for usize {
    fn index(&self) -> usize {
        *self
    }
}

impl Connection {
    pub(super) fn sqlite(conn: rusqlite::Connection) -> Connection {
        Connection { backend: Backend::Sqlite(conn) }
    }

    pub(super) fn postgres(client: postgres::Client) -> Connection {
        Connection {
            backend: Backend::Postgres(Box::new(PgClient {
                client: RefCell::new(client),
                statements: RefCell::default(),
            })),
        }
    }

    /// Whether this is PostgreSQL (for the few statements the dialects write differently).
    pub fn is_postgres(&self) -> bool {
        matches!(self.backend, Backend::Postgres(_))
    }

    pub(super) fn is_broken(&self) -> bool {
        match &self.backend {
            Backend::Sqlite(_) => false,
            Backend::Postgres(pg) => pg.client.borrow().is_closed(),
        }
    }

    /// Runs one statement; the number of rows it changed.
    pub fn execute(&self, sql: &str, params: Params<'_>) -> Result<usize, Error> {
        let values: Vec<Value> = params.iter().map(|p| p.value()).collect();
        match &self.backend {
            Backend::Sqlite(c) => Ok(c.prepare_cached(sql)?.execute(rusqlite::params_from_iter(values.iter()))?),
            Backend::Postgres(pg) => {
                let statement = self.pg_statement(sql, &values)?;
                let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = values.iter().map(|v| v as _).collect();
                Ok(pg.client.borrow_mut().execute(&statement, &refs)? as usize)
            }
        }
    }

    /// Runs statements with no parameters, separated by `;` (migrations, transactions).
    pub fn execute_batch(&self, sql: &str) -> Result<(), Error> {
        match &self.backend {
            Backend::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Backend::Postgres(pg) => Ok(pg.client.borrow_mut().batch_execute(sql)?),
        }
    }

    /// Every row the query returns, read whole.
    pub fn rows(&self, sql: &str, params: Params<'_>) -> Result<Vec<Row>, Error> {
        let values: Vec<Value> = params.iter().map(|p| p.value()).collect();
        match &self.backend {
            Backend::Sqlite(c) => {
                let mut statement = c.prepare_cached(sql)?;
                let columns = statement.column_count();
                let mut rows = statement.query(rusqlite::params_from_iter(values.iter()))?;
                let mut out = Vec::new();
                while let Some(row) = rows.next()? {
                    let values =
                        (0..columns).map(|i| Value::from_sqlite(row.get_ref(i)?)).collect::<Result<_, Error>>()?;
                    out.push(Row { values });
                }
                Ok(out)
            }
            Backend::Postgres(pg) => {
                let statement = self.pg_statement(sql, &values)?;
                let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = values.iter().map(|v| v as _).collect();
                let rows = pg.client.borrow_mut().query(&statement, &refs)?;
                rows.iter()
                    .map(|row| {
                        Ok(Row {
                            values: (0..row.len())
                                .map(|i| Value::from_postgres(row, i))
                                .collect::<Result<_, Error>>()?,
                        })
                    })
                    .collect()
            }
        }
    }

    /// The first row, through `f`; [`Error::NoRows`] when there is none.
    pub fn query_row<T>(
        &self,
        sql: &str,
        params: Params<'_>,
        f: impl FnOnce(&Row) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let rows = self.rows(sql, params)?;
        f(rows.first().ok_or(Error::NoRows)?)
    }

    /// A statement to run once or more (`rusqlite`'s shape; the text is prepared when run, and
    /// cached per connection).
    pub fn prepare(&self, sql: &str) -> Result<Statement<'_>, Error> {
        Ok(Statement { conn: self, sql: sql.to_owned() })
    }

    /// The same as [`Connection::prepare`]: every statement is cached.
    pub fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>, Error> {
        self.prepare(sql)
    }

    /// Begins a transaction that holds the write lock from its start: SQLite's `BEGIN
    /// IMMEDIATE`; on PostgreSQL, the same one advisory lock every writing transaction takes,
    /// so a read-then-write inside one is as safe on either store. It rolls back unless
    /// committed.
    pub fn transaction(&mut self) -> Result<Transaction<'_>, Error> {
        match &self.backend {
            Backend::Sqlite(_) => self.execute_batch("BEGIN IMMEDIATE")?,
            Backend::Postgres(_) => {
                self.execute_batch("BEGIN")?;
                self.execute("SELECT pg_advisory_xact_lock(?1)", crate::params![WRITE_LOCK])?;
            }
        }
        Ok(Transaction { conn: self, open: true })
    }

    /// Begins a transaction that only reads: one consistent view of the store, and no write
    /// lock, so lookups do not wait for filings (SQLite's deferred `BEGIN`; PostgreSQL's
    /// `REPEATABLE READ READ ONLY`, which also refuses a write made by mistake).
    pub fn read_transaction(&mut self) -> Result<Transaction<'_>, Error> {
        match &self.backend {
            Backend::Sqlite(_) => self.execute_batch("BEGIN DEFERRED")?,
            Backend::Postgres(_) => self.execute_batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?,
        }
        Ok(Transaction { conn: self, open: true })
    }

    fn pg_statement(&self, sql: &str, values: &[Value]) -> Result<postgres::Statement, Error> {
        let Backend::Postgres(pg) = &self.backend else { unreachable!("PostgreSQL only") };
        let (client, statements) = (&pg.client, &pg.statements);
        let kinds: Vec<Kind> = values.iter().map(Value::kind).collect();
        let key = (sql.to_owned(), kinds);
        if let Some(s) = statements.borrow().get(&key) {
            return Ok(s.clone());
        }
        let types: Vec<Type> = key.1.iter().map(|k| k.pg_type()).collect();
        let statement = client.borrow_mut().prepare_typed(&dollar_placeholders(sql), &types)?;
        statements.borrow_mut().insert(key, statement.clone());
        Ok(statement)
    }
}

/// The advisory lock key of writing transactions on PostgreSQL (any number; this one spells
/// "dvc").
pub const WRITE_LOCK: i64 = 0x647663;

/// A transaction; derefs to its connection. Dropped uncommitted, it rolls back.
pub struct Transaction<'c> {
    conn: &'c Connection,
    open: bool,
}

impl Transaction<'_> {
    pub fn commit(mut self) -> Result<(), Error> {
        self.open = false;
        self.conn.execute_batch("COMMIT")
    }
}

impl std::ops::Deref for Transaction<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if self.open {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

/// A statement of a connection.
pub struct Statement<'c> {
    conn: &'c Connection,
    sql: String,
}

impl Statement<'_> {
    pub fn execute(&mut self, params: Params<'_>) -> Result<usize, Error> {
        self.conn.execute(&self.sql, params)
    }

    pub fn query_row<T>(&mut self, params: Params<'_>, f: impl FnOnce(&Row) -> Result<T, Error>) -> Result<T, Error> {
        self.conn.query_row(&self.sql, params, f)
    }

    /// Every row through `f`.
    pub fn query_map<T>(
        &mut self,
        params: Params<'_>,
        f: impl FnMut(&Row) -> Result<T, Error>,
    ) -> Result<std::vec::IntoIter<Result<T, Error>>, Error> {
        let rows = self.conn.rows(&self.sql, params)?;
        Ok(rows.iter().map(f).collect::<Vec<_>>().into_iter())
    }

    /// The rows, one after another.
    pub fn query(&mut self, params: Params<'_>) -> Result<Rows, Error> {
        Ok(Rows { rows: self.conn.rows(&self.sql, params)?.into_iter(), current: None })
    }

    /// Whether the query returns a row.
    pub fn exists(&mut self, params: Params<'_>) -> Result<bool, Error> {
        Ok(!self.conn.rows(&self.sql, params)?.is_empty())
    }
}

/// The rows of [`Statement::query`].
pub struct Rows {
    rows: std::vec::IntoIter<Row>,
    current: Option<Row>,
}

impl Rows {
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<&Row>, Error> {
        self.current = self.rows.next();
        Ok(self.current.as_ref())
    }
}

/// `?1` → `$1` outside quotes; a bare `?` takes the next number.
pub(super) fn dollar_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    let (mut quoted, mut next) = (false, 1);
    while let Some(c) = chars.next() {
        if c == '\'' {
            quoted = !quoted;
        }
        if c != '?' || quoted {
            out.push(c);
            continue;
        }
        let mut digits = String::new();
        while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
            digits.push(*d);
            chars.next();
        }
        if digits.is_empty() {
            digits = next.to_string();
        }
        next = digits.parse::<usize>().unwrap_or(next) + 1;
        out.push('$');
        out.push_str(&digits);
    }
    out
}

/// `.optional()` on a single-row result: no row is `None`.
pub trait OptionalExtension<T, E> {
    fn optional(self) -> Result<Option<T>, E>;
}

impl<T> OptionalExtension<T, Error> for Result<T, Error> {
    fn optional(self) -> Result<Option<T>, Error> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(Error::NoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::dollar_placeholders;

    #[test]
    fn placeholders_become_dollars_outside_quotes() {
        assert_eq!(dollar_placeholders("SELECT ?2, ?1 WHERE a = ?1"), "SELECT $2, $1 WHERE a = $1");
        assert_eq!(dollar_placeholders("VALUES (?, ?)"), "VALUES ($1, $2)");
        assert_eq!(dollar_placeholders("SELECT '?1' || ?1"), "SELECT '?1' || $1");
        assert_eq!(dollar_placeholders("x = ?10"), "x = $10");
    }
}
