//! Files picked to upload: what the picker offers and the check against a slot's rules before
//! sending (shared by the filing step and the supplement form); then uploading one file with
//! `XMLHttpRequest`, the only browser API that reports upload progress. Each upload can be
//! cancelled by the id of the file on the device.

use std::cell::RefCell;
use std::collections::HashMap;

use dvc_core::api::{ErrorBody, UploadReceipt};
use dvc_core::validation::{validate_file, FileKind, FileRules, Problem};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Blob, File, FileList, ProgressEvent, XmlHttpRequest};

use crate::config::api_base;
use crate::i18n::Lang;

/// Why an upload did not end with the server holding the file.
#[derive(Clone, Debug, PartialEq)]
pub enum UploadFailure {
    /// No answer (offline, server down): worth retrying.
    Network,
    /// The server refused the file: its error code (`file_too_large`…), for the page's words.
    Refused(String),
    Cancelled,
}

thread_local! {
    static RUNNING: RefCell<HashMap<String, XmlHttpRequest>> = RefCell::new(HashMap::new());
}

/// Starts uploading `blob` as `name`. `progress` gets the fraction sent (0–1); `done` gets the
/// result once.
pub fn start(
    local_id: &str,
    blob: &Blob,
    name: &str,
    progress: impl Fn(f64) + 'static,
    done: impl FnOnce(Result<UploadReceipt, UploadFailure>) + 'static,
) {
    let Ok(xhr) = XmlHttpRequest::new() else { return done(Err(UploadFailure::Network)) };
    let url = format!("{}/api/v1/uploads", api_base());
    if xhr.open("POST", &url).is_err()
        || xhr.set_request_header("X-File-Name", &String::from(js_sys::encode_uri_component(name))).is_err()
        || xhr.set_request_header(crate::api::REQUEST_HEADER.0, crate::api::REQUEST_HEADER.1).is_err()
    {
        return done(Err(UploadFailure::Network));
    }
    if let Ok(upload) = xhr.upload() {
        let on_progress = Closure::<dyn Fn(ProgressEvent)>::new(move |ev: ProgressEvent| {
            if ev.length_computable() && ev.total() > 0.0 {
                progress(ev.loaded() / ev.total());
            }
        });
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        on_progress.forget();
    }
    let finished = xhr.clone();
    let id = local_id.to_owned();
    // `loadend` fires once, after success, error or abort alike.
    let on_end = Closure::once_into_js(move || {
        let cancelled = RUNNING.with(|r| r.borrow_mut().remove(&id)).is_none();
        let status = finished.status().unwrap_or(0);
        let body = finished.response_text().ok().flatten().unwrap_or_default();
        done(if cancelled {
            Err(UploadFailure::Cancelled)
        } else if status == 0 {
            Err(UploadFailure::Network)
        } else if (200..300).contains(&status) {
            serde_json::from_str(&body).map_err(|_| UploadFailure::Network)
        } else {
            let code = serde_json::from_str::<ErrorBody>(&body).map(|b| b.error.code).unwrap_or_default();
            Err(UploadFailure::Refused(code))
        });
    });
    xhr.set_onloadend(Some(on_end.unchecked_ref()));
    RUNNING.with(|r| r.borrow_mut().insert(local_id.to_owned(), xhr.clone()));
    if xhr.send_with_opt_blob(Some(blob)).is_err() {
        RUNNING.with(|r| r.borrow_mut().remove(local_id));
    }
}

/// Stops an upload; its `done` hears `Cancelled`.
pub fn cancel(local_id: &str) {
    if let Some(xhr) = RUNNING.with(|r| r.borrow_mut().remove(local_id)) {
        let _ = xhr.abort();
    }
}

pub fn is_running(local_id: &str) -> bool {
    RUNNING.with(|r| r.borrow().contains_key(local_id))
}

/// The first 16 bytes of a file: enough to tell its kind (the core's `detect_file_kind`).
pub async fn head_bytes(blob: &Blob) -> Vec<u8> {
    let Ok(head) = blob.slice_with_i32_and_i32(0, 16) else { return Vec::new() };
    match wasm_bindgen_futures::JsFuture::from(head.array_buffer()).await {
        Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
        Err(_) => Vec::new(),
    }
}

/// What a file picker offers for `rules`: each accepted kind by its MIME type (the core's) and
/// by the other names it goes by.
pub fn accept(rules: &FileRules) -> String {
    let other_names = |kind: FileKind| match kind {
        FileKind::Pdf => ".pdf",
        FileKind::Jpeg => ".jpg,.jpeg",
        FileKind::Png => ".png",
        FileKind::Heic => "image/heif,.heic,.heif",
    };
    rules.accepted.iter().map(|&k| format!("{},{}", k.mime(), other_names(k))).collect::<Vec<_>>().join(",")
}

/// The files of a file input or a drop, in order.
pub fn files_of(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// A picked file the rules refused: its name, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Refused {
    pub name: String,
    pub problem: Problem,
}

impl Refused {
    /// "name: why", in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let why = match lang {
            Lang::Vi => self.problem.vi(),
            Lang::En => self.problem.en(),
        };
        format!("{}: {why}", self.name)
    }
}

/// Checks picked files against `rules` (size, kind by their first bytes, count after the
/// `already` kept): the accepted ones with their kind, in order, and the refused ones with why.
pub async fn check_files(files: Vec<File>, already: usize, rules: &FileRules) -> (Vec<(File, FileKind)>, Vec<Refused>) {
    let (mut accepted, mut refused) = (Vec::new(), Vec::new());
    for file in files {
        let head = head_bytes(&file).await;
        match validate_file(file.size() as u64, &head, already + accepted.len(), rules) {
            Ok(kind) => accepted.push((file, kind)),
            Err(problem) => refused.push(Refused { name: file.name(), problem }),
        }
    }
    (accepted, refused)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_picker_offers_each_accepted_kind_by_type_and_by_extension() {
        assert_eq!(
            accept(&FileRules::default()),
            "application/pdf,.pdf,image/jpeg,.jpg,.jpeg,image/png,.png,image/heic,image/heif,.heic,.heif"
        );
        let pdf_only = FileRules { accepted: vec![FileKind::Pdf], ..FileRules::default() };
        assert_eq!(accept(&pdf_only), "application/pdf,.pdf");
    }
}
