//! Small pieces the pages are built from.

pub mod app_notices;
pub mod bar_chart;
pub mod catalog_gate;
pub mod copy_button;
pub mod error_summary;
pub mod highlighted;
pub mod inline_error;
pub mod kiosk_bar;
pub mod later;
pub mod mode_badge;
pub mod page_heading;
pub mod pay_button;
pub mod procedure_card;
pub mod qr_code;
pub mod radio_group;
pub mod read_aloud;
pub mod refused_files;
pub mod search_box;
pub mod session_links;
pub mod step_indicator;
pub mod text_field;
