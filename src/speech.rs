//! "Đọc cho tôi nghe": the page's main content read aloud by the browser's speech engine
//! (`speechSynthesis`), in the UI's language with a voice of that language (`vi-VN`), one
//! utterance a sentence (cut by `dvc_core::sentences`), the sentence being read highlighted.
//!
//! What is read: the headings, paragraphs, list items, terms, labels and table cells of the
//! region, innermost first, in page order; not what is hidden, `aria-hidden` or inside
//! `[data-no-read]` (the reader's own buttons). The highlight is the CSS Custom Highlight API's
//! `::highlight(dvc-reading)` over the sentence, and an outline on its block
//! (`.is-reading`), so it does not rest on colour alone.
//!
//! Only the reader's buttons (`crate::components::read_aloud`, whose presses are a chunk of
//! their own in the release build, with [`read`]) call it; the kiosk's end of session calls
//! [`silence`].

use std::cell::RefCell;

use js_sys::{Array, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Node, SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};

use crate::i18n::Lang;

/// The highlight's name (style/main.css styles `::highlight(dvc-reading)`).
const HIGHLIGHT: &str = "dvc-reading";
/// The class of the block being read.
const READING_CLASS: &str = "is-reading";
/// What is read, innermost first.
const BLOCKS: &str = "h1, h2, h3, h4, p, li, dt, dd, legend, label, caption, th, td";

thread_local! {
    /// The utterances' event handlers, kept alive while they may still fire.
    static HANDLERS: RefCell<Vec<Closure<dyn FnMut()>>> = const { RefCell::new(Vec::new()) };
}

fn engine() -> Option<SpeechSynthesis> {
    let window = web_sys::window()?;
    // Read as a property first: where it is missing, web-sys's getter would throw.
    Reflect::get(&window, &JsValue::from_str("speechSynthesis")).ok().filter(|s| s.is_object())?;
    window.speech_synthesis().ok()
}

/// The BCP 47 tag utterances carry.
fn tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "vi-VN",
        Lang::En => "en-GB",
    }
}

/// A voice of `lang` on this device, if it has one (the list may fill in late: see
/// [`on_voices_changed`]).
pub fn voice(lang: Lang) -> Option<SpeechSynthesisVoice> {
    let wanted = lang.code();
    engine()?.get_voices().iter().map(|v| v.unchecked_into::<SpeechSynthesisVoice>()).find(|v| {
        let l = v.lang().to_ascii_lowercase().replace('_', "-");
        l == wanted || l.starts_with(&format!("{wanted}-"))
    })
}

/// Whether the device has said which voices it has: a list that is not empty, or no speech
/// engine at all. Chrome's list stays empty until its first `voiceschanged`.
pub fn voices_listed() -> bool {
    engine().is_none_or(|e| e.get_voices().length() > 0)
}

/// Calls `changed` when the device's voices change (browsers list them late); the handler
/// returned stays registered until dropped (give it to [`forget_voices_changed`]).
pub fn on_voices_changed(changed: impl FnMut() + 'static) -> Option<Closure<dyn FnMut()>> {
    let engine = engine()?;
    let handler = Closure::<dyn FnMut()>::new(changed);
    engine.set_onvoiceschanged(Some(handler.as_ref().unchecked_ref()));
    Some(handler)
}

pub fn forget_voices_changed() {
    if let Some(engine) = engine() {
        engine.set_onvoiceschanged(None);
    }
}

pub fn pause() {
    if let Some(engine) = engine() {
        engine.pause();
    }
}

pub fn resume() {
    if let Some(engine) = engine() {
        engine.resume();
    }
}

/// Stops reading at once and removes the highlight (leaving a page).
pub fn stop() {
    silence();
    clear_highlight();
}

/// Stops reading at once (ending a kiosk session, which then reloads the app).
pub fn silence() {
    if let Some(engine) = engine() {
        engine.cancel();
    }
}

/// Reads `root`'s content aloud in `lang` with `voice`, sentence after sentence; `finished`
/// runs after the last one. Returns how many sentences were queued (0: nothing to read).
pub fn read(root: Element, lang: Lang, voice: SpeechSynthesisVoice, finished: Box<dyn Fn()>) -> usize {
    let Some(engine) = engine() else { return 0 };
    engine.cancel();
    clear_highlight();
    HANDLERS.with(|h| h.borrow_mut().clear());
    let sentences = collect(&root);
    let count = sentences.len();
    let finished = std::rc::Rc::new(finished);
    for (i, (block, range)) in sentences.into_iter().enumerate() {
        let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(&range.1) else { continue };
        utterance.set_lang(tag(lang));
        utterance.set_voice(Some(&voice));
        let on_start = Closure::<dyn FnMut()>::new(move || highlight(Some((&block, &range.0))));
        utterance.set_onstart(Some(on_start.as_ref().unchecked_ref()));
        HANDLERS.with(|h| h.borrow_mut().push(on_start));
        if i + 1 == count {
            let finished = finished.clone();
            let on_end = Closure::<dyn FnMut()>::new(move || {
                highlight(None);
                finished();
            });
            utterance.set_onend(Some(on_end.as_ref().unchecked_ref()));
            HANDLERS.with(|h| h.borrow_mut().push(on_end));
        }
        engine.speak(&utterance);
    }
    count
}

/// A sentence: where it is in its block (UTF-16 offsets of the block's text), and its words.
type Sentence = (Element, ((u32, u32), String));

/// The sentences of `root`, in page order.
fn collect(root: &Element) -> Vec<Sentence> {
    let Ok(found) = root.query_selector_all(BLOCKS) else { return Vec::new() };
    let mut out = Vec::new();
    for i in 0..found.length() {
        let Some(block) = found.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        if !readable(&block) {
            continue;
        }
        let text = block.text_content().unwrap_or_default();
        for range in dvc_core::sentences::sentences(&text) {
            let utf16 = |byte: usize| text[..byte].encode_utf16().count() as u32;
            let words = dvc_core::sentences::spoken(&text[range.clone()]);
            out.push((block.clone(), ((utf16(range.start), utf16(range.end)), words)));
        }
    }
    out
}

/// A block is read unless it holds another block (its inner ones are), is not shown, or is
/// marked not to be read.
fn readable(block: &Element) -> bool {
    let holds_block = block.query_selector(BLOCKS).ok().flatten().is_some();
    let hidden = block.get_client_rects().length() == 0;
    let excluded = block.closest("[data-no-read], [aria-hidden='true']").ok().flatten().is_some();
    !holds_block && !hidden && !excluded
}

/// Removes the highlight and the outline.
fn clear_highlight() {
    if let Ok(previous) = leptos::prelude::document().query_selector_all(&format!(".{READING_CLASS}")) {
        for i in 0..previous.length() {
            if let Some(e) = previous.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let _ = e.class_list().remove_1(READING_CLASS);
            }
        }
    }
    if let Some(registry) = css_highlights() {
        call(&registry, "delete", &[JsValue::from_str(HIGHLIGHT)]);
    }
}

/// Highlights the sentence at these UTF-16 offsets of the block's text, or nothing.
fn highlight(at: Option<(&Element, &(u32, u32))>) {
    clear_highlight();
    let Some((block, &(start, end))) = at else { return };
    let registry = css_highlights();
    let _ = block.class_list().add_1(READING_CLASS);
    block.scroll_into_view_with_bool(false);
    let (Some(registry), Some(range)) = (registry, sentence_range(block, start, end)) else { return };
    let Ok(class) = Reflect::get(&js_sys::global(), &JsValue::from_str("Highlight")) else { return };
    if let Ok(highlight) = Reflect::construct(class.unchecked_ref::<js_sys::Function>(), &Array::of1(&range)) {
        call(&registry, "set", &[JsValue::from_str(HIGHLIGHT), highlight]);
    }
}

/// `CSS.highlights`, where the browser has the Custom Highlight API.
fn css_highlights() -> Option<JsValue> {
    let css = Reflect::get(&js_sys::global(), &JsValue::from_str("CSS")).ok().filter(|c| c.is_object())?;
    Reflect::get(&css, &JsValue::from_str("highlights")).ok().filter(|h| h.is_object())
}

fn call(target: &JsValue, method: &str, args: &[JsValue]) {
    if let Ok(f) = Reflect::get(target, &JsValue::from_str(method)) {
        let _ = Reflect::apply(f.unchecked_ref::<js_sys::Function>(), target, &args.iter().collect::<Array>());
    }
}

/// A DOM range over the block's text from `start` to `end` (UTF-16 offsets), across its text nodes.
fn sentence_range(block: &Element, start: u32, end: u32) -> Option<web_sys::Range> {
    let mut texts = Vec::new();
    text_nodes(block, &mut texts);
    let range = leptos::prelude::document().create_range().ok()?;
    let mut offset = 0;
    let (mut started, mut ended) = (false, false);
    for node in texts {
        let length = node.unchecked_ref::<web_sys::CharacterData>().length();
        if !started && start <= offset + length {
            range.set_start(&node, start - offset).ok()?;
            started = true;
        }
        if started && end <= offset + length {
            range.set_end(&node, end - offset).ok()?;
            ended = true;
            break;
        }
        offset += length;
    }
    (started && ended).then_some(range)
}

fn text_nodes(node: &Node, out: &mut Vec<Node>) {
    let children = node.child_nodes();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else { continue };
        if child.node_type() == Node::TEXT_NODE {
            out.push(child);
        } else {
            text_nodes(&child, out);
        }
    }
}
