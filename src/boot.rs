//! The first paint of index.html gives way to the app. Its search box works before the app's
//! code arrives: what a citizen typed there, and whether they were still typing, carries over
//! to the app's box, so nothing typed is lost.

use std::cell::RefCell;

use wasm_bindgen::JsCast;

thread_local! {
    static TYPED: RefCell<Option<Typed>> = const { RefCell::new(None) };
}

/// What was typed in the first paint's search box.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Typed {
    pub query: String,
    /// The box had focus: the citizen is typing, keep them in the box.
    pub focused: bool,
}

/// Removes the first paint (`#boot`), keeping what was typed in its search box.
pub fn take_over() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(boot) = document.get_element_by_id("boot") else { return };
    if let Some(input) = document.get_element_by_id("search-q").and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok()) {
        let focused = document.active_element().is_some_and(|a| a.id() == "search-q");
        let query = input.value();
        if focused || !query.is_empty() {
            TYPED.with(|t| *t.borrow_mut() = Some(Typed { query, focused }));
        }
    }
    boot.remove();
}

/// What was typed before the app started, once (the home page takes it).
pub fn take_typed() -> Option<Typed> {
    TYPED.with(|t| t.borrow_mut().take())
}
