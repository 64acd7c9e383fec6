//! PostgreSQL clients, kept open and lent to one query at a time. The clients block, so they
//! are only used on the blocking pool or a thread of their own ([`super::Db::with`]).

use std::str::FromStr;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use super::{Connection, Error};

/// Clients one instance keeps at most: PostgreSQL's default allows 100 connections in all,
/// shared by every instance.
const MAX_CLIENTS: usize = 16;

/// How long a query waits for a client before it fails (the store is down or overloaded).
const WAIT: Duration = Duration::from_secs(10);

pub struct Pool {
    config: postgres::Config,
    /// The schema this pool works in (tests: one each), else the database's default.
    schema: Option<String>,
    state: Mutex<State>,
    freed: Condvar,
}

#[derive(Default)]
struct State {
    idle: Vec<Connection>,
    open: usize,
}

impl Pool {
    pub fn new(url: &str, schema: Option<String>) -> Result<Pool, Error> {
        let config = postgres::Config::from_str(url).map_err(|e| Error::Open(format!("DVC_DATABASE_URL: {e}")))?;
        let pool = Pool { config, schema, state: Mutex::default(), freed: Condvar::new() };
        if let Some(schema) = &pool.schema {
            let mut client = pool.config.connect(postgres::NoTls)?;
            client.batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {schema}"))?;
        }
        Ok(pool)
    }

    /// A new client of its own, outside the pool (a `LISTEN`ing thread).
    pub fn client(&self) -> Result<postgres::Client, Error> {
        let mut client = self.config.connect(postgres::NoTls)?;
        if let Some(schema) = &self.schema {
            client.batch_execute(&format!("SET search_path TO {schema}"))?;
        }
        Ok(client)
    }

    /// A client, waiting up to [`WAIT`] for one to be free.
    pub fn get(&self) -> Result<Pooled<'_>, Error> {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if let Some(conn) = state.idle.pop() {
                return Ok(Pooled { pool: self, conn: Some(conn) });
            }
            if state.open < MAX_CLIENTS {
                state.open += 1;
                drop(state);
                return match self.client() {
                    Ok(client) => Ok(Pooled { pool: self, conn: Some(Connection::postgres(client)) }),
                    Err(e) => {
                        self.state.lock().unwrap_or_else(|p| p.into_inner()).open -= 1;
                        self.freed.notify_one();
                        Err(e)
                    }
                };
            }
            let (next, timeout) = self.freed.wait_timeout(state, WAIT).unwrap_or_else(|p| p.into_inner());
            state = next;
            if timeout.timed_out() && state.idle.is_empty() && state.open >= MAX_CLIENTS {
                return Err(Error::Open("no PostgreSQL connection free".into()));
            }
        }
    }
}

impl Drop for Pool {
    /// A client's drop blocks to say goodbye to the server, which a thread running async tasks
    /// may not do: the idle clients close on a thread of their own.
    fn drop(&mut self) {
        let idle = std::mem::take(&mut self.state.get_mut().unwrap_or_else(|p| p.into_inner()).idle);
        if !idle.is_empty() {
            std::thread::spawn(move || drop(idle));
        }
    }
}

/// A lent client, back to the pool when dropped (closed, if it broke).
pub struct Pooled<'p> {
    pool: &'p Pool,
    conn: Option<Connection>,
}

impl std::ops::Deref for Pooled<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn.as_ref().expect("lent until dropped")
    }
}

impl std::ops::DerefMut for Pooled<'_> {
    fn deref_mut(&mut self) -> &mut Connection {
        self.conn.as_mut().expect("lent until dropped")
    }
}

impl Drop for Pooled<'_> {
    fn drop(&mut self) {
        let mut state = self.pool.state.lock().unwrap_or_else(|p| p.into_inner());
        match self.conn.take() {
            Some(conn) if !conn.is_broken() => state.idle.push(conn),
            _ => state.open -= 1,
        }
        self.pool.freed.notify_one();
    }
}
