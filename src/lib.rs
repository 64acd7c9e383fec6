//! Dịch vụ công: the citizen's app. Routes → pages → small components; data comes through
//! the typed client in [`api`]; every rule lives in the domain core (`dvc_core`).

pub mod api;
pub mod app;
pub mod boot;
pub mod catalog_store;
pub mod clock;
pub mod components;
pub mod config;
pub mod draft;
pub mod draft_store;
pub mod format;
pub mod i18n;
pub mod idb;
pub mod kiosk;
pub mod lazy_pages;
pub mod my_dossiers;
pub mod next_task;
pub mod outbox;
pub mod pages;
pub mod routes;
pub mod scanner;
pub mod service_worker;
pub mod session;
pub mod speech;
pub mod upload;
pub mod wallet_store;

pub use app::App;
