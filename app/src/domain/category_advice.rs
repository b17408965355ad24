//! Limits a category only advises ("不低于 100 KB 为宜"): breaking one shows a warning, the
//! upload is still allowed.

use serde::{Deserialize, Serialize};

use super::aspect_ratio::AspectRatio;
use super::category_rules::{CategoryRules, DEFAULT_ASPECT_TOLERANCE};
use super::file_format::FileFormat;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryAdvice {
    pub min_bytes: Option<u64>,
    pub max_bytes: Option<u64>,
    pub min_width: Option<u32>,
    pub min_height: Option<u32>,
    pub aspect: Option<AspectRatio>,
    pub min_dpi: Option<u32>,
}

impl CategoryAdvice {
    /// The advice as rules, so the one judgement can check it: every format, no count, no
    /// pixel ceiling (the hard rules already enforce those).
    pub fn as_rules(&self) -> CategoryRules {
        CategoryRules {
            formats: FileFormat::ACCEPTABLE.to_vec(),
            min_bytes: self.min_bytes,
            max_bytes: self.max_bytes,
            min_width: self.min_width,
            min_height: self.min_height,
            aspect: self.aspect,
            aspect_tolerance: DEFAULT_ASPECT_TOLERANCE,
            min_dpi: self.min_dpi,
            max_pixels: u64::MAX,
            max_count: None,
            required: false,
        }
    }

    pub fn mistakes(&self) -> Vec<String> {
        self.as_rules().validated().err().unwrap_or_default().into_iter().map(|m| format!("advice: {m}")).collect()
    }

    /// The advice in plain words, Chinese and English side by side.
    pub fn describe(&self) -> Vec<(String, String)> {
        self.as_rules()
            .describe()
            .into_iter()
            .skip(1)
            .map(|(zh, en)| (format!("建议{zh}"), format!("advised: {en}")))
            .collect()
    }
}
