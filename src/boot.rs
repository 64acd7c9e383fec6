//! The first paint of index.html gives way to the app. Its search box works before the app's
//! code arrives: what a citizen typed there, and whether they were still typing, carries over
//! to the app's box, so nothing typed is lost. A page whose code comes later keeps its first
//! paint on screen until then.

use std::cell::RefCell;

use wasm_bindgen::JsCast;

thread_local! {
    /// What was typed in the first paint's search box, for the home page to take.
    static TYPED: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The box had focus: the citizen is typing, keep them in the app's box.
    static FOCUSED: RefCell<bool> = const { RefCell::new(false) };
    /// The first paint of a page whose code comes later (`.first-paint`, e.g. a procedure's
    /// name as the server wrote it), to show until that code arrives.
    static FIRST_PAINT: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The address the app opened on, and the procedure's name its first paint showed.
    static PAINTED_NAME: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
}

/// Removes the first paint (`#boot`), keeping what was typed in its search box.
pub fn take_over() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(boot) = document.get_element_by_id("boot") else { return };
    if let Some(input) =
        document.get_element_by_id("search-q").and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        let focused = document.active_element().is_some_and(|a| a.id() == "search-q");
        let query = input.value();
        if !query.is_empty() {
            TYPED.with(|t| *t.borrow_mut() = Some(query));
        }
        FOCUSED.with(|f| *f.borrow_mut() = focused);
    }
    if let Ok(Some(kept)) = boot.query_selector(".first-paint") {
        FIRST_PAINT.with(|k| *k.borrow_mut() = Some(kept.inner_html()));
        let name = kept.query_selector("[data-procedure-name]").ok().flatten().and_then(|e| e.text_content());
        if let (Some(path), Some(name)) = (current_path(), name) {
            PAINTED_NAME.with(|p| *p.borrow_mut() = Some((path, name)));
        }
    }
    boot.remove();
}

/// The procedure's name as the server wrote it into the first paint, while the app is still
/// on the address it opened on (the page of that procedure, or of filing it).
pub fn painted_name() -> Option<String> {
    let path = current_path()?;
    PAINTED_NAME.with(|p| p.borrow().as_ref().filter(|(at, _)| *at == path).map(|(_, name)| name.clone()))
}

fn current_path() -> Option<String> {
    web_sys::window().and_then(|w| w.location().pathname().ok())
}

/// Whether the page the app opened on kept its first paint for the shell to show.
pub fn has_first_paint() -> bool {
    FIRST_PAINT.with(|k| k.borrow().is_some())
}

/// The first paint of the page the app opened on, once: the shell shows it, instead of a
/// bare "loading", until that page's code has arrived, so nothing on screen changes before
/// the page itself is there.
pub fn take_first_paint() -> Option<String> {
    FIRST_PAINT.with(|k| k.borrow_mut().take())
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
    if let Some(input) = document
        .and_then(|d| d.get_element_by_id("search-q"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        let end = input.value().encode_utf16().count() as u32;
        let _ = input.focus();
        let _ = input.set_selection_range(end, end);
    }
}
