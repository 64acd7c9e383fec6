//! The camera and the QR decoder of "Quét mã": the rear camera through `getUserMedia`, and a
//! frame read by the browser's own `BarcodeDetector` where it has one (Android, macOS), else
//! by `rqrr` compiled to WASM. Only the scan page uses this module, so in the release build both
//! arrive with that page's chunk, never with the first page.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, MediaStream, MediaStreamConstraints};

/// Why the camera did not open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CameraError {
    /// The citizen (or the browser's settings) said no.
    Refused,
    /// No camera on this device, or none the browser may use (an insecure address).
    Missing,
    /// A camera exists but could not start (another app holds it…).
    Failed,
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// The rear camera's picture, asked for once (the browser asks the citizen the first time).
pub async fn open_rear_camera() -> Result<MediaStream, CameraError> {
    let devices = window_media_devices().ok_or(CameraError::Missing)?;
    let facing = Object::new();
    set(&facing, "ideal", &JsValue::from_str("environment"));
    let video = Object::new();
    set(&video, "facingMode", &facing);
    let constraints = MediaStreamConstraints::new();
    constraints.set_video(&video);
    constraints.set_audio(&JsValue::FALSE);
    let promise = devices.get_user_media_with_constraints(&constraints).map_err(|_| CameraError::Failed)?;
    match JsFuture::from(promise).await {
        Ok(stream) => Ok(stream.unchecked_into()),
        Err(e) => {
            let name =
                Reflect::get(&e, &JsValue::from_str("name")).ok().and_then(|n| n.as_string()).unwrap_or_default();
            Err(match name.as_str() {
                "NotAllowedError" | "SecurityError" => CameraError::Refused,
                "NotFoundError" | "OverconstrainedError" => CameraError::Missing,
                _ => CameraError::Failed,
            })
        }
    }
}

/// `navigator.mediaDevices`, absent on an insecure address or an old browser.
fn window_media_devices() -> Option<web_sys::MediaDevices> {
    let navigator = web_sys::window()?.navigator();
    // Read as a property first: where it is missing, web-sys's getter would throw.
    let present = Reflect::get(&navigator, &JsValue::from_str("mediaDevices")).ok().is_some_and(|d| !d.is_undefined());
    present.then(|| navigator.media_devices().ok()).flatten()
}

/// Turns the camera off (its light too).
pub fn stop(stream: &MediaStream) {
    for track in stream.get_tracks().iter() {
        if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
            track.stop();
        }
    }
}

/// Reads QR codes from the camera's picture.
pub struct Decoder {
    /// The browser's own `BarcodeDetector`, where it exists.
    native: Option<JsValue>,
    canvas: Option<HtmlCanvasElement>,
}

impl Decoder {
    pub fn new() -> Decoder {
        Decoder { native: native_detector(), canvas: None }
    }

    /// The text of a QR code in the video's current frame, if one is there.
    pub async fn read(&mut self, video: &HtmlVideoElement) -> Option<String> {
        // HAVE_CURRENT_DATA: a frame to look at.
        if video.ready_state() < 2 || video.video_width() == 0 {
            return None;
        }
        if let Some(detector) = &self.native {
            return detect_natively(detector, video).await;
        }
        let (width, height) = (video.video_width(), video.video_height());
        let canvas = self.canvas.get_or_insert_with(|| {
            leptos::prelude::document().create_element("canvas").expect("a canvas").unchecked_into()
        });
        canvas.set_width(width);
        canvas.set_height(height);
        let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        context.draw_image_with_html_video_element(video, 0.0, 0.0).ok()?;
        let pixels = context.get_image_data(0.0, 0.0, f64::from(width), f64::from(height)).ok()?.data();
        decode_rgba(width as usize, height as usize, &pixels)
    }
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder::new()
    }
}

/// `new BarcodeDetector({formats: ["qr_code"]})`, where the browser has it and reads QR codes.
fn native_detector() -> Option<JsValue> {
    let window = web_sys::window()?;
    let class = Reflect::get(&window, &JsValue::from_str("BarcodeDetector")).ok()?;
    let class: js_sys::Function = class.dyn_into().ok()?;
    let options = Object::new();
    set(&options, "formats", &Array::of1(&JsValue::from_str("qr_code")));
    Reflect::construct(&class, &Array::of1(&options)).ok()
}

async fn detect_natively(detector: &JsValue, video: &HtmlVideoElement) -> Option<String> {
    let detect: js_sys::Function = Reflect::get(detector, &JsValue::from_str("detect")).ok()?.dyn_into().ok()?;
    let promise: js_sys::Promise = detect.call1(detector, video).ok()?.dyn_into().ok()?;
    let found: Array = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
    Reflect::get(&found.get(0), &JsValue::from_str("rawValue")).ok()?.as_string()
}

/// The text of the first QR code in an RGBA picture, read by rqrr.
fn decode_rgba(width: usize, height: usize, rgba: &[u8]) -> Option<String> {
    let luma = |x: usize, y: usize| {
        let i = (y * width + x) * 4;
        // ITU-R BT.601 weights, in integers.
        ((u32::from(rgba[i]) * 299 + u32::from(rgba[i + 1]) * 587 + u32::from(rgba[i + 2]) * 114) / 1000) as u8
    };
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, luma);
    image.detect_grids().into_iter().find_map(|grid| grid.decode().ok().map(|(_, text)| text))
}
