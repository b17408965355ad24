//! What the probe learns about a picture from its bytes, without decoding the pixels.

use serde::{Deserialize, Serialize};

use super::file_format::FileFormat;

/// Where a DPI figure was read from. JFIF density wins over EXIF when both are present, because
/// scanners write JFIF and phones copy a meaningless 72 into EXIF.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DpiSource {
    Jfif,
    Exif,
    Png,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dpi {
    pub x: f64,
    pub y: f64,
    pub source: DpiSource,
}

impl Dpi {
    /// The figure a rule compares: the lower of the two axes, so a scan is judged by its worst.
    pub fn effective(&self) -> f64 {
        self.x.min(self.y)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColorModel {
    Grayscale,
    GrayscaleAlpha,
    Rgb,
    Rgba,
    Cmyk,
    Indexed,
    Other,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileFacts {
    pub format: FileFormat,
    pub byte_len: u64,
    /// Pixel size as stored in the file, before EXIF orientation.
    pub stored_width: u32,
    pub stored_height: u32,
    /// EXIF orientation 1–8; 1 when absent or out of range.
    pub orientation: u8,
    pub dpi: Option<Dpi>,
    pub color: ColorModel,
    pub progressive: bool,
    /// The format's end marker (JPEG EOI, PNG IEND) was found.
    pub ends_properly: bool,
    /// Bytes after the end marker: where polyglots hide a ZIP or a script.
    pub trailing_bytes: u64,
}

impl FileFacts {
    /// Orientations 5–8 turn the picture a quarter, so what a person sees has the sides swapped.
    pub fn is_quarter_turned(&self) -> bool {
        matches!(self.orientation, 5..=8)
    }

    /// Width as displayed, EXIF orientation applied.
    pub fn width(&self) -> u32 {
        if self.is_quarter_turned() {
            self.stored_height
        } else {
            self.stored_width
        }
    }

    /// Height as displayed, EXIF orientation applied.
    pub fn height(&self) -> u32 {
        if self.is_quarter_turned() {
            self.stored_width
        } else {
            self.stored_height
        }
    }

    pub fn pixel_count(&self) -> u64 {
        self.stored_width as u64 * self.stored_height as u64
    }
}
