//! Writes a QR code of a text as a one-frame Y4M video, what Chromium's fake camera plays
//! (`--use-fake-device-for-media-stream --use-file-for-fake-video-capture=FILE.y4m`): a paper's
//! QR held up to the camera, for the scan tests (e2e/page/scan.test.mjs).
//!
//! `cargo run -p dvc-core --example qr_y4m -- TEXT OUT.y4m`

use dvc_core::qr::QrMatrix;

const WIDTH: usize = 640;
const HEIGHT: usize = 480;
/// Pixels a module: a code of a tracking address (about 41 modules with its quiet zone) fills
/// most of the frame, as one held close does.
const SCALE: usize = 8;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(text), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: qr_y4m TEXT OUT.y4m");
        std::process::exit(2);
    };
    let matrix = QrMatrix::new(&text).expect("the text fits a QR code");
    let side = matrix.size * SCALE;
    assert!(side <= HEIGHT, "a code of {} modules does not fit the frame", matrix.size);
    let (left, top) = ((WIDTH - side) / 2, (HEIGHT - side) / 2);
    // Paper-grey around the code, black and white modules: 4:2:0, so a luma plane, then two
    // chroma planes of a quarter its size at neutral (no colour).
    let mut luma = vec![200u8; WIDTH * HEIGHT];
    for y in 0..side {
        for x in 0..side {
            luma[(top + y) * WIDTH + left + x] = if matrix.is_dark(x / SCALE, y / SCALE) { 16 } else { 235 };
        }
    }
    let mut video = format!("YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\nFRAME\n").into_bytes();
    video.extend_from_slice(&luma);
    video.extend(std::iter::repeat_n(128u8, WIDTH * HEIGHT / 2));
    std::fs::write(&out, video).expect("the video is written");
}
