//! The demo's clerk (`DVC_DEMO_PROGRESS=on`, set by `scripts/run.sh`): moves each new dossier
//! along by itself over a couple of minutes (accepted, processing, processed, result
//! returned) so a person trying the app sees progress. The same steps as an officer's,
//! through the core's rules.

use std::time::Duration;

use dvc_core::dossier::DossierStatus;

use crate::officer::apply;
use crate::state::AppState;
use dvc_core::api::OfficerAction;

/// Seconds a dossier waits in a status before the clerk moves it.
const STEPS: [(DossierStatus, DossierStatus, i64); 4] = [
    (DossierStatus::NewlyRegistered, DossierStatus::Accepted, 20),
    (DossierStatus::Accepted, DossierStatus::Processing, 20),
    (DossierStatus::Processing, DossierStatus::Processed, 40),
    (DossierStatus::Processed, DossierStatus::ResultReturned, 20),
];

pub fn spawn(state: AppState) {
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(5)).await;
            let now = state.clock.now();
            if let Err(e) = state.db.call(move |c| advance(c, now).map(|_| ())).await {
                tracing::warn!(error = %e, "demo clerk");
            }
        }
    });
}

/// One round of the clerk at time `now`: every dossier that has waited long enough in its
/// status moves one step. Returns how many moved. On PostgreSQL a round holds an advisory
/// lock: with several instances, one clerk works at a time and the others skip their round.
pub fn advance(c: &mut crate::db::Connection, now: i64) -> Result<usize, crate::ApiError> {
    if !c.is_postgres() {
        return advance_round(c, now);
    }
    let mine: bool = c.query_row("SELECT pg_try_advisory_lock(?1)", crate::params![CLERK_LOCK], |r| r.get(0))?;
    if !mine {
        return Ok(0);
    }
    let moved = advance_round(c, now);
    c.execute("SELECT pg_advisory_unlock(?1)", crate::params![CLERK_LOCK])?;
    moved
}

/// The advisory lock of the clerk's rounds.
const CLERK_LOCK: i64 = 0x64766363;

fn advance_round(c: &mut crate::db::Connection, now: i64) -> Result<usize, crate::ApiError> {
    let mut moved = 0;
    // Latest step first, so a dossier moves at most one step a round.
    for &(from, to, wait) in STEPS.iter().rev() {
        let due: Vec<String> = c
            .prepare(
                "SELECT d.code FROM dossiers d WHERE d.status = ?1 AND \
                 (SELECT max(at) FROM dossier_events e WHERE e.dossier_code = d.code) <= ?2",
            )?
            .query_map(crate::params![from.code(), now - wait], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for code in due {
            let tx = c.transaction()?;
            let action = OfficerAction {
                status: to.code(),
                note: "Bản demo: tự động chuyển bước".into(),
                documents: vec![],
                deadline_days: None,
            };
            if apply(&tx, &code, to, &action, now).is_ok() {
                tx.commit()?;
                moved += 1;
            }
        }
    }
    Ok(moved)
}
