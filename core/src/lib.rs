//! The domain core of dichvucong.
//!
//! Rules that both the app (WASM) and the reference API (server) need live here, once:
//! the catalog's types, Vietnamese text folding and service search, money formatting, dates,
//! and the validation of what citizens enter.
//! This crate knows nothing of browsers, HTTP or databases.

pub mod api;
pub mod catalog;
pub mod catalog_pack;
pub mod date;
pub mod dossier;
pub mod eid;
pub mod fold;
pub mod form;
pub mod json;
pub mod lunar;
pub mod money;
pub mod payment;
pub mod qr;
pub mod query_string;
pub mod scan;
pub mod search;
pub mod sentences;
pub mod tracking;
pub mod validation;
pub mod vietqr;
pub mod wallet;
pub mod working_days;

pub use catalog::{Channel, ChannelKind, Level, OnlineMode, Procedure};
pub use fold::fold_vietnamese;
pub use money::format_vnd;
