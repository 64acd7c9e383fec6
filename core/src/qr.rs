//! A QR code as a grid of dark and light modules (error correction M), with the quiet zone
//! scanners need; the app draws it as SVG. The grid is tested by scanning a rendering of it
//! with an independent decoder.

use qrcode::{Color, EcLevel, QrCode};

/// Light modules around the code, as the standard asks.
pub const QUIET_ZONE: usize = 4;

/// The modules of a QR code, quiet zone included, row by row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrMatrix {
    /// Modules per side.
    pub size: usize,
    pub dark: Vec<bool>,
}

impl QrMatrix {
    pub fn new(text: &str) -> Option<QrMatrix> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
        let width = code.width();
        let size = width + 2 * QUIET_ZONE;
        let mut dark = vec![false; size * size];
        for (i, color) in code.to_colors().iter().enumerate() {
            if *color == Color::Dark {
                dark[(i / width + QUIET_ZONE) * size + i % width + QUIET_ZONE] = true;
            }
        }
        Some(QrMatrix { size, dark })
    }

    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        self.dark[y * self.size + x]
    }

    /// An SVG path of the dark modules, one unit per module: `M4 4h1v1h-1z…`.
    pub fn svg_path(&self) -> String {
        let mut path = String::new();
        for y in 0..self.size {
            for x in 0..self.size {
                if self.is_dark(x, y) {
                    path.push_str(&format!("M{x} {y}h1v1h-1z"));
                }
            }
        }
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders the grid as a grey image, `scale` pixels a module, and scans it with rqrr.
    fn scan(matrix: &QrMatrix, scale: usize) -> Vec<String> {
        let side = matrix.size * scale;
        let image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            if matrix.is_dark(x / scale, y / scale) {
                0
            } else {
                255
            }
        });
        let mut image = image;
        image.detect_grids().into_iter().filter_map(|g| g.decode().ok().map(|(_, text)| text)).collect()
    }

    #[test]
    fn a_vietqr_payload_drawn_as_modules_scans_back_to_the_same_text() {
        let payload = "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C";
        let matrix = QrMatrix::new(payload).unwrap();
        assert_eq!(scan(&matrix, 4), vec![payload.to_owned()]);
    }

    #[test]
    fn a_tracking_link_scans_back_and_the_quiet_zone_is_light() {
        let link = "https://dichvucong.vinhphuc.gov.vn/tra-cuu/000.00.01.H62-261127-0001";
        let matrix = QrMatrix::new(link).unwrap();
        assert_eq!(scan(&matrix, 3), vec![link.to_owned()]);
        assert!((0..matrix.size)
            .all(|i| !matrix.is_dark(i, 0) && !matrix.is_dark(0, i) && !matrix.is_dark(i, matrix.size - 1)));
        assert!(matrix.svg_path().starts_with(&format!("M{QUIET_ZONE} {QUIET_ZONE}h1v1h-1z")), "the finder's corner");
    }
}
