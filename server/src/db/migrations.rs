//! Schema migrations, applied in order, the same steps for both stores: SQLite records how many
//! ran in `PRAGMA user_version`, PostgreSQL in `schema_migrations`, under an advisory lock so
//! instances starting together migrate once.

use super::{Connection, Error};

/// One step: its name and its SQL per dialect.
struct Migration {
    sqlite: &'static str,
    postgres: &'static str,
}

macro_rules! migration {
    ($name:literal) => {
        Migration {
            sqlite: include_str!(concat!("migrations/sqlite/", $name, ".sql")),
            postgres: include_str!(concat!("migrations/postgres/", $name, ".sql")),
        }
    };
}

const MIGRATIONS: &[Migration] = &[
    migration!("0001_catalog"),
    migration!("0002_uploads"),
    migration!("0003_forms"),
    migration!("0004_dossiers"),
    migration!("0005_payments"),
    migration!("0006_tracking"),
    migration!("0007_handoffs"),
    migration!("0008_capabilities"),
    migration!("0009_upload_lifetime"),
    migration!("0010_sign_in"),
    migration!("0011_rate_limits"),
];

/// The advisory lock instances take while migrating.
const MIGRATION_LOCK: i64 = 0x6476636d;

pub(super) fn run(conn: &mut Connection) -> Result<(), Error> {
    if conn.is_postgres() {
        run_postgres(conn)
    } else {
        run_sqlite(conn)
    }
}

fn run_sqlite(conn: &mut Connection) -> Result<(), Error> {
    let applied: usize = conn.query_row("PRAGMA user_version", crate::params![], |r| r.get(0))?;
    for (i, step) in MIGRATIONS.iter().enumerate().skip(applied) {
        let tx = conn.transaction()?;
        tx.execute_batch(step.sqlite)?;
        tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
        tx.commit()?;
    }
    Ok(())
}

fn run_postgres(conn: &mut Connection) -> Result<(), Error> {
    conn.execute("SELECT pg_advisory_lock(?1)", crate::params![MIGRATION_LOCK])?;
    let outcome = (|| {
        conn.execute_batch("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY)")?;
        let applied: i64 =
            conn.query_row("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", crate::params![], |r| r.get(0))?;
        for (i, step) in MIGRATIONS.iter().enumerate().skip(applied as usize) {
            let tx = conn.transaction()?;
            tx.execute_batch(step.postgres)?;
            tx.execute("INSERT INTO schema_migrations (version) VALUES (?1)", crate::params![i as i64 + 1])?;
            tx.commit()?;
        }
        Ok(())
    })();
    conn.execute("SELECT pg_advisory_unlock(?1)", crate::params![MIGRATION_LOCK])?;
    outcome
}
