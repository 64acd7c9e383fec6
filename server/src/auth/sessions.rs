//! Sessions, logins on their way and the citizens they name, in SQLite. A session id is 128
//! bits from the OS random source, sent only in an HttpOnly cookie and kept only as its SHA-256:
//! reading the database gives no one a way in. Sessions end after [`IDLE_SECONDS`] without a
//! request, and after [`MAX_SECONDS`] whatever happens; a login not finished in
//! [`LOGIN_SECONDS`] is forgotten. All three are counted on the server's clock.

use crate::db::{params, Connection, OptionalExtension};
use dvc_core::eid::EidCitizen;
use sha2::{Digest, Sha256};

use super::oidc::{LogoutOf, Verified};
use crate::error::ApiError;

pub const IDLE_SECONDS: i64 = 30 * 60;
pub const MAX_SECONDS: i64 = 12 * 3600;
pub const LOGIN_SECONDS: i64 = 10 * 60;

/// A login the provider has not answered yet.
#[derive(Clone, Debug)]
pub struct Pending {
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub acr: String,
    pub return_to: String,
}

/// The citizen a live session names.
#[derive(Clone, Debug)]
pub struct SignedIn {
    pub citizen_id: i64,
    pub citizen: EidCitizen,
    pub level: u8,
    /// When the session ends if nothing happens (seconds since 1970): the idle limit or the
    /// absolute one, whichever comes first.
    pub ends_at: i64,
}

pub fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

pub fn save_pending(c: &Connection, id: &str, p: &Pending, now: i64) -> Result<(), ApiError> {
    c.execute("DELETE FROM pending_logins WHERE expires_at <= ?1", crate::params![now])?;
    c.execute(
        "INSERT INTO pending_logins (id_hash, state, nonce, pkce_verifier, acr, return_to, expires_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![hash(id), p.state, p.nonce, p.pkce_verifier, p.acr, p.return_to, now + LOGIN_SECONDS],
    )?;
    Ok(())
}

/// The login `id` started, once: it is gone after this, whatever the callback finds.
pub fn take_pending(c: &Connection, id: &str, now: i64) -> Result<Option<Pending>, ApiError> {
    Ok(c.query_row(
        "DELETE FROM pending_logins WHERE id_hash = ?1 RETURNING state, nonce, pkce_verifier, acr, return_to, expires_at",
        crate::params![hash(id)],
        |r| {
            let pending = Pending {
                state: r.get(0)?,
                nonce: r.get(1)?,
                pkce_verifier: r.get(2)?,
                acr: r.get(3)?,
                return_to: r.get(4)?,
            };
            Ok((pending, r.get::<_, i64>(5)?))
        },
    )
    .optional()?
    .filter(|(_, expires)| *expires > now)
    .map(|(pending, _)| pending))
}

/// Records who the provider vouched for and starts a session: its id, for the cookie.
pub fn start(c: &mut Connection, v: &Verified, now: i64) -> Result<String, ApiError> {
    let profile = serde_json::to_string(&v.citizen).map_err(|e| ApiError::Internal(e.to_string()))?;
    let tx = c.transaction()?;
    let citizen_id: i64 = tx.query_row(
        "INSERT INTO citizens (issuer, subject, id_number, profile, updated_at) VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (issuer, subject) DO UPDATE SET id_number = ?3, profile = ?4, updated_at = ?5 RETURNING id",
        params![v.issuer, v.subject, v.citizen.id_number, profile, now],
        |r| r.get(0),
    )?;
    tx.execute("DELETE FROM sessions WHERE expires_at <= ?1 OR last_seen <= ?2", params![now, now - IDLE_SECONDS])?;
    let token = crate::random::token();
    tx.execute(
        "INSERT INTO sessions (id_hash, citizen_id, provider_sid, level, created_at, last_seen, expires_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
        params![hash(&token), citizen_id, v.provider_sid, v.level, now, now + MAX_SECONDS],
    )?;
    tx.commit()?;
    Ok(token)
}

/// The citizen session `token` names, if it is live; reading it counts as activity.
pub fn current(c: &Connection, token: &str, now: i64) -> Result<Option<SignedIn>, ApiError> {
    let id_hash = hash(token);
    let row: Option<(i64, String, u8, i64, i64)> = c
        .query_row(
            "SELECT s.citizen_id, c.profile, s.level, s.last_seen, s.expires_at FROM sessions s \
             JOIN citizens c ON c.id = s.citizen_id WHERE s.id_hash = ?1",
            crate::params![&id_hash],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((citizen_id, profile, level, last_seen, expires_at)) = row else { return Ok(None) };
    if now >= expires_at || now >= last_seen + IDLE_SECONDS {
        c.execute("DELETE FROM sessions WHERE id_hash = ?1", crate::params![&id_hash])?;
        return Ok(None);
    }
    c.execute("UPDATE sessions SET last_seen = ?2 WHERE id_hash = ?1", params![id_hash, now])?;
    let citizen: EidCitizen = serde_json::from_str(&profile).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(Some(SignedIn { citizen_id, citizen, level, ends_at: expires_at.min(now + IDLE_SECONDS) }))
}

pub fn end(c: &Connection, token: &str) -> Result<bool, ApiError> {
    Ok(c.execute("DELETE FROM sessions WHERE id_hash = ?1", crate::params![hash(token)])? > 0)
}

/// Ends the sessions a provider's logout token names: by its session (`sid`) when it gives
/// one, else every session of the subject. How many ended.
pub fn end_by_provider(c: &Connection, issuer: &str, of: &LogoutOf) -> Result<usize, ApiError> {
    let ended = match (&of.sid, &of.subject) {
        (Some(sid), _) => c.execute(
            "DELETE FROM sessions WHERE provider_sid = ?1 AND citizen_id IN (SELECT id FROM citizens WHERE issuer = ?2)",
            params![sid, issuer],
        )?,
        (None, Some(subject)) => c.execute(
            "DELETE FROM sessions WHERE citizen_id IN (SELECT id FROM citizens WHERE issuer = ?1 AND subject = ?2)",
            params![issuer, subject],
        )?,
        (None, None) => 0,
    };
    Ok(ended)
}
