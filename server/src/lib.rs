//! The reference public-service API: the province's catalog in SQLite, searched with the
//! domain core, under `/api/v1`; it also serves the built app.
//!
//! [`router`] builds the whole service from an [`AppState`], so tests call it in-process.

pub mod areas;
pub mod auth;
pub mod bank;
pub mod catalog;
pub mod clients;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod dossiers;
pub mod error;
pub mod events;
pub mod fingerprint;
pub mod forms;
pub mod handoffs;
pub mod html;
pub mod officer;
pub mod openapi;
pub mod payments;
pub mod procedures;
pub mod query_string;
pub mod random;
pub mod rate_limit;
pub mod receipts;
pub mod results;
pub mod seed;
pub mod serve;
pub mod state;
pub mod stats;
pub mod test_bank;
pub mod tracking;
pub mod uploads;
pub mod web;

pub use config::Config;
pub use error::ApiError;
pub use state::AppState;
pub use web::router;
