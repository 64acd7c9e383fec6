//! The first paint of index.html gives way to the app. Its search box works before the app's
//! code arrives: what a citizen typed there, and whether they were still typing, carries over
//! to the app's box, so nothing typed is lost.

use std::cell::RefCell;

use wasm_bindgen::JsCast;

thread_local! {
    /// What was typed in the first paint's search box, for the home page to take.
    static TYPED: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The box had focus: the citizen is typing, keep them in the app's box.
    static FOCUSED: RefCell<bool> = const { RefCell::new(false) };
}

/// Removes the first paint (`#boot`), keeping what was typed in its search box.
pub fn take_over() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(boot) = document.get_element_by_id("boot") else { return };
    if let Some(input) = document.get_element_by_id("search-q").and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok()) {
        let focused = document.active_element().is_some_and(|a| a.id() == "search-q");
        let query = input.value();
        if !query.is_empty() {
            TYPED.with(|t| *t.borrow_mut() = Some(query));
        }
        FOCUSED.with(|f| *f.borrow_mut() = focused);
    }
    boot.remove();
}

/// What was typed before the app started, once (the home page takes it).
pub fn take_typed() -> Option<String> {
    TYPED.with(|t| t.borrow_mut().take())
}

/// Once the home page's box is on the page, in the task that mounted the app: the citizen who
/// was typing in the first paint's box goes on typing in the app's, the caret after what they
/// typed. No keystroke falls between the two.
pub fn give_focus_back() {
    if !FOCUSED.with(|f| std::mem::take(&mut *f.borrow_mut())) {
        return;
    }
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(input) = document.and_then(|d| d.get_element_by_id("search-q")).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok()) {
        let end = input.value().encode_utf16().count() as u32;
        let _ = input.focus();
        let _ = input.set_selection_range(end, end);
    }
}
