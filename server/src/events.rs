//! Changes every instance hears: a bill settled through one instance reaches the event streams
//! open on all of them. On PostgreSQL a change is announced with `NOTIFY` inside the
//! transaction that makes it (heard once that commits) and each instance `LISTEN`s; the event
//! streams also read their bill every [`crate::payments::POLL_EVERY`], should a notice be lost.
//! On SQLite one process hears only itself, through [`crate::AppState::payment_events`].

use crate::db::Connection;
use crate::error::ApiError;
use crate::AppState;

/// The channel of bills that changed; the payload is the bill's id.
pub const PAYMENTS: &str = "dvc_payments";

/// Tells every instance that `id` changed on `channel` when `c`'s transaction commits.
pub fn announce(c: &Connection, channel: &str, id: &str) -> Result<(), ApiError> {
    if c.is_postgres() {
        c.execute("SELECT pg_notify(?1, ?2)", crate::params![channel, id])?;
    }
    Ok(())
}

/// Starts hearing other instances' bill changes into `state.payment_events` (PostgreSQL only;
/// `false` on SQLite).
pub fn hear_other_instances(state: &AppState) -> bool {
    let events = state.payment_events.clone();
    state.db.listen(PAYMENTS, move |id| {
        // No page listening is fine.
        let _ = events.send(id);
    })
}
