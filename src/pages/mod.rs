//! One file per route.

pub mod apply;
pub mod detail;
pub mod drafts;
pub mod handoff;
pub mod home;
pub mod mine;
pub mod not_found;
pub mod payment;
pub mod results;
pub mod scan;
pub mod stats;
pub mod track;
pub mod verification;
pub mod wallet;
