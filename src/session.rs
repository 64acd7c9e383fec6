//! Who is signed in with the national e-ID, as the shell shows it. The server holds the
//! session (an HttpOnly cookie the app cannot read) and says who it names
//! (`GET /api/v1/session`); the app never sees a token, and keeps nothing of the citizen's
//! identity on the device. The shell asks `GET /api/v1/session/state`, which answers every
//! visitor 200, so a visitor's console stays clean.

use leptos::prelude::*;

use crate::api;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Session {
    /// Not asked yet.
    Checking,
    /// The deployment has no sign-in (or the API could not be asked): no link is offered.
    Off,
    SignedOut,
    /// The citizen's name as their e-ID gives it, and the account's level (1 or 2).
    SignedIn {
        name: String,
        level: u8,
    },
}

impl Session {
    pub fn level(&self) -> u8 {
        match self {
            Session::SignedIn { level, .. } => *level,
            _ => 0,
        }
    }
}

#[derive(Clone, Copy)]
pub struct SessionContext(pub RwSignal<Session>);

/// Asks the API once, at start, who is signed in.
pub fn provide_session() {
    let session = RwSignal::new(Session::Checking);
    provide_context(SessionContext(session));
    leptos::task::spawn_local(async move {
        let now = match api::session_state().await {
            Ok(Some(Some((name, level)))) => Session::SignedIn { name, level },
            Ok(Some(None)) => Session::SignedOut,
            Ok(None) | Err(_) => Session::Off,
        };
        let _ = session.try_set(now);
    });
}

/// The session as the shell knows it (tracked); `Off` outside the app (tests of one page).
pub fn use_session() -> Signal<Session> {
    let context = use_context::<SessionContext>().map(|c| c.0);
    Signal::derive(move || context.map_or(Session::Off, |s| s.get()))
}

/// The name a header shows: the given name, which Vietnamese puts last.
pub fn given_name(full_name: &str) -> &str {
    full_name.split_whitespace().last().unwrap_or(full_name)
}

/// Signs out: at a kiosk (or when the citizen asks) the device's drafts and kept dossiers go
/// first; then `form` posts to the server, which ends the session there and at the provider.
pub fn sign_out(form: web_sys::HtmlFormElement, clear_device: bool) {
    leptos::task::spawn_local(async move {
        if clear_device {
            crate::kiosk::wipe_device().await;
        }
        let _ = form.submit();
    });
}
