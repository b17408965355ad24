//! Where a head belongs in an ID photo, as an exam file says for its portrait category
//! (`face = { head_share = [67, 90], eye_line = [30, 50], off_centre = 10 }`, each a percentage of
//! the photo). The defaults are the published rules national systems check portraits by (研招网's
//! online confirmation: the head at least two thirds of the photo's height, the eyes 30–50 % of it
//! from the top); the upper bound of the head keeps the hair and chin inside the photo.

use serde::{Deserialize, Serialize};

/// The frame an ID photo's head must sit in, in percent of the photo.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FaceFrame {
    /// The head (hair to chin) as a share of the photo's height: [least, most].
    pub head_share: [u8; 2],
    /// The eyes' line, down from the photo's top edge: [highest, lowest].
    pub eye_line: [u8; 2],
    /// How far the face's middle may lie from the photo's middle, as a share of its width.
    pub off_centre: u8,
}

impl Default for FaceFrame {
    fn default() -> Self {
        FaceFrame { head_share: [67, 90], eye_line: [30, 50], off_centre: 10 }
    }
}

impl FaceFrame {
    /// A frame whose ranges are ranges (least ≤ most, within 1–100): an exam file is checked with
    /// it when it is loaded.
    pub fn is_sound(&self) -> bool {
        let range = |[low, high]: [u8; 2]| 0 < low && low <= high && high <= 100;
        range(self.head_share) && range(self.eye_line) && self.off_centre <= 50
    }

    /// The head's share a crop aims at: a quarter of the way into the range from its least, so a
    /// head a little larger than estimated still fits, and the hair stays inside.
    pub fn head_share_aimed(&self) -> f64 {
        let [low, high] = self.head_share.map(f64::from);
        (low + (high - low) / 4.0) / 100.0
    }

    /// The eyes' line a crop aims at: the middle of the range.
    pub fn eye_line_aimed(&self) -> f64 {
        let [high, low] = self.eye_line.map(f64::from);
        (high + low) / 200.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_the_published_rule_and_reads_from_an_exam_file() {
        let frame: FaceFrame = toml::from_str("head_share = [60, 85]").unwrap();
        assert_eq!(frame, FaceFrame { head_share: [60, 85], ..FaceFrame::default() });
        assert!(frame.is_sound());
        assert_eq!(FaceFrame::default().head_share, [67, 90]);
        assert!((FaceFrame::default().eye_line_aimed() - 0.40).abs() < 1e-9);
    }

    #[test]
    fn a_range_upside_down_or_past_the_photo_is_not_sound() {
        assert!(!FaceFrame { head_share: [90, 67], ..FaceFrame::default() }.is_sound());
        assert!(!FaceFrame { eye_line: [0, 50], ..FaceFrame::default() }.is_sound());
        assert!(!FaceFrame { head_share: [67, 120], ..FaceFrame::default() }.is_sound());
    }
}
