//! The rules one material category sets for its pictures, in the TOML keys exam files use.

use serde::{Deserialize, Serialize};

use super::aspect_ratio::AspectRatio;
use super::byte_size::format_limit;
use super::file_format::FileFormat;

/// Unless a category says otherwise: no picture may claim more than 50 megapixels. A 300 KB
/// JPEG can declare 65535×65535 pixels; decoding that would take 17 GB of memory.
pub const DEFAULT_MAX_PIXELS: u64 = 50_000_000;
pub const DEFAULT_ASPECT_TOLERANCE: f64 = 0.02;
/// Unless a category says otherwise: at most 20 pictures. Without a cap one account could hold
/// thousands (at one upload a second), and every copy of its data would carry them all; a
/// category that needs more says so (`max_count = 50`).
pub const DEFAULT_MAX_COUNT: u32 = 20;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryRules {
    #[serde(default = "default_formats")]
    pub formats: Vec<FileFormat>,
    pub min_bytes: Option<u64>,
    pub max_bytes: Option<u64>,
    pub min_width: Option<u32>,
    pub min_height: Option<u32>,
    pub aspect: Option<AspectRatio>,
    #[serde(default = "default_aspect_tolerance")]
    pub aspect_tolerance: f64,
    pub min_dpi: Option<u32>,
    #[serde(default = "default_max_pixels")]
    pub max_pixels: u64,
    pub max_count: Option<u32>,
    #[serde(default)]
    pub required: bool,
}

fn default_formats() -> Vec<FileFormat> {
    vec![FileFormat::Jpeg]
}
fn default_aspect_tolerance() -> f64 {
    DEFAULT_ASPECT_TOLERANCE
}
fn default_max_pixels() -> u64 {
    DEFAULT_MAX_PIXELS
}

impl Default for CategoryRules {
    fn default() -> Self {
        Self {
            formats: default_formats(),
            min_bytes: None,
            max_bytes: None,
            min_width: None,
            min_height: None,
            aspect: None,
            aspect_tolerance: DEFAULT_ASPECT_TOLERANCE,
            min_dpi: None,
            max_pixels: DEFAULT_MAX_PIXELS,
            max_count: None,
            required: false,
        }
    }
}

impl CategoryRules {
    /// Checks that the rules make sense together; returns every mistake, in English, for the
    /// administrator who wrote the file.
    pub fn validated(self) -> Result<Self, Vec<String>> {
        let mut mistakes = Vec::new();
        if self.formats.is_empty() {
            mistakes.push("formats must list at least one of \"jpeg\", \"png\"".to_string());
        }
        if let (Some(min), Some(max)) = (self.min_bytes, self.max_bytes) {
            if min > max {
                mistakes.push(format!("min_bytes ({min}) is larger than max_bytes ({max})"));
            }
        }
        if !(0.0..1.0).contains(&self.aspect_tolerance) {
            mistakes.push(format!(
                "aspect_tolerance ({}) must be a fraction from 0 up to 1, like 0.02",
                self.aspect_tolerance
            ));
        }
        if self.max_count == Some(0) {
            mistakes.push("max_count must be at least 1".to_string());
        }
        if self.max_pixels == 0 {
            mistakes.push("max_pixels must be at least 1".to_string());
        }
        if mistakes.is_empty() {
            Ok(self)
        } else {
            Err(mistakes)
        }
    }

    pub fn accepts(&self, format: FileFormat) -> bool {
        self.formats.contains(&format)
    }

    pub fn formats_text(&self) -> String {
        self.formats.iter().map(|f| f.display_name()).collect::<Vec<_>>().join("/")
    }

    /// The rules in plain words, one phrase each, for the requirements list.
    pub fn describe_zh(&self) -> Vec<String> {
        self.describe().into_iter().map(|(zh, _)| zh).collect()
    }

    pub fn describe_en(&self) -> Vec<String> {
        self.describe().into_iter().map(|(_, en)| en).collect()
    }

    /// Each phrase in Chinese and English, built side by side so the two never disagree.
    pub(crate) fn describe(&self) -> Vec<(String, String)> {
        let formats = self.formats_text();
        let mut out = vec![(format!("{formats} 格式"), format!("{formats} only"))];
        match (self.min_bytes.map(format_limit), self.max_bytes.map(format_limit)) {
            (Some(min), Some(max)) => out.push((format!("文件大小 {min}–{max}"), format!("{min}–{max} per file"))),
            (None, Some(max)) => out.push((format!("文件不超过 {max}"), format!("at most {max} per file"))),
            (Some(min), None) => out.push((format!("文件不小于 {min}"), format!("at least {min} per file"))),
            (None, None) => {}
        }
        match (self.min_width, self.min_height) {
            (Some(w), Some(h)) => {
                out.push((format!("像素不小于 {w}×{h}（宽×高）"), format!("at least {w}×{h} pixels (width×height)")))
            }
            (Some(w), None) => out.push((format!("宽度不小于 {w} 像素"), format!("at least {w} pixels wide"))),
            (None, Some(h)) => out.push((format!("高度不小于 {h} 像素"), format!("at least {h} pixels high"))),
            (None, None) => {}
        }
        if let Some(aspect) = self.aspect {
            out.push((format!("宽高比 {aspect}"), format!("aspect ratio {aspect} (width:height)")));
        }
        if let Some(dpi) = self.min_dpi {
            out.push((format!("分辨率不低于 {dpi} DPI"), format!("at least {dpi} DPI")));
        }
        if let Some(count) = self.max_count {
            out.push((format!("最多 {count} 张"), format!("up to {count} pictures")));
        }
        out
    }
}
