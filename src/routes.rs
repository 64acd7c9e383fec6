//! The app's addresses, written once: the links, redirects and navigation of every page build
//! them here. The router's patterns (`src/app.rs`) are `path!` literals; the test below keeps
//! the two in step.

pub const HOME: &str = "/";
pub const SEARCH: &str = "/tim-kiem";
pub const DRAFTS: &str = "/ho-so-dang-soan";
pub const TRACK: &str = "/tra-cuu";
pub const MINE: &str = "/ho-so-cua-toi";
pub const STATS: &str = "/thong-ke";
/// What the citizen keeps on this device (the wallet).
pub const WALLET: &str = "/du-lieu-cua-toi";
/// Scanning a paper's QR code with the camera.
pub const SCAN: &str = "/quet-ma";

/// A procedure's page, by local or national code.
pub fn procedure(code: &str) -> String {
    format!("/thu-tuc/{code}")
}

/// The first step of filing a dossier for a procedure (the steps add their own part).
pub fn apply(code: &str) -> String {
    format!("/nop-ho-so/{code}")
}

/// A bill's payment page, by its random id.
pub fn payment(id: &str) -> String {
    format!("/thanh-toan/{id}")
}

/// A dossier's tracking page, by its code (its applicant proves who they are on the page).
pub fn dossier(code: &str) -> String {
    format!("{TRACK}/{code}")
}

/// The verification page of a digitised result, by its random id (what the result's QR carries).
pub fn verification(id: &str) -> String {
    format!("{}{id}", dvc_core::scan::VERIFY_PAGE_PATH)
}

/// Signing in with the e-ID (the server's address, not the app's): back to `return_to`
/// afterwards. `level` 2 asks the provider for a level-2 account; `fresh` makes it ask for the
/// password even if it remembers the browser (a kiosk).
pub fn login(return_to: &str, level: u8, fresh: bool) -> String {
    let back = String::from(js_sys::encode_uri_component(return_to));
    let level = if level >= 2 { "&level=2" } else { "" };
    let fresh = if fresh { "&fresh=1" } else { "" };
    format!("/auth/login?return_to={back}{level}{fresh}")
}

/// Signing out (a form posts here; the server's address).
pub const LOGOUT: &str = "/auth/logout";

/// A search for `query` (already encoded), or the search page.
pub fn search(query: &str) -> String {
    if query.is_empty() {
        SEARCH.to_owned()
    } else {
        format!("{SEARCH}?{query}")
    }
}

#[cfg(test)]
mod tests {
    /// Every address the builders make is one the router's table in app.rs matches.
    #[test]
    fn every_address_built_here_has_a_route() {
        let app = include_str!("app.rs");
        let patterns: Vec<&str> = app.split("path!(\"").skip(1).map(|rest| &rest[..rest.find('"').unwrap()]).collect();
        let matches = |address: &str| {
            let address = address.split('?').next().unwrap();
            let parts: Vec<&str> = address.split('/').collect();
            patterns.iter().any(|pattern| {
                let wanted: Vec<&str> = pattern.split('/').collect();
                let required = wanted.iter().filter(|p| !p.ends_with('?')).count();
                (required..=wanted.len()).contains(&parts.len())
                    && wanted.iter().zip(&parts).all(|(w, p)| w.starts_with(':') || w == p)
            })
        };
        for address in [
            super::HOME.to_owned(),
            super::SEARCH.to_owned(),
            super::DRAFTS.to_owned(),
            super::TRACK.to_owned(),
            super::MINE.to_owned(),
            super::STATS.to_owned(),
            super::SCAN.to_owned(),
            super::WALLET.to_owned(),
            super::verification("0123456789abcdef0123456789abcdef"),
            super::procedure("1.001193"),
            super::apply("1.001193"),
            super::payment("0123abcd"),
            super::dossier("003.03.00.H62-270205-0001"),
            super::search("q=so%20do"),
        ] {
            assert!(matches(&address), "{address} matches no route of {patterns:?}");
        }
        assert!(!matches("/no-such-page"), "the check itself tells a wrong address");
    }
}
