//! The number a document is known by — a 毕业证书's or 学位证书's 证书编号 (18 and 16 digits), the
//! number on an ID card — read off any picture, to tell two certificates printed on one template
//! apart: the perceptual hash (`document_hash`) sees the same seal, frame and layout and calls them
//! the same document; their numbers differ. Such numbers carry no check digit, so a number is
//! taken only when the first two reads agree (`Agreement::FirstTwo`).
//!
//! Measured by `./scripts/bench-picture-hashes.sh` (figures in docs/benchmarks.md).

use std::path::Path;
use std::time::Duration;

use image::DynamicImage;

use crate::number_reading::{read_number, Agreement, Reading};

/// How many digits a document number has: certificate numbers in China run 14 to 19 (an ID
/// number's 18 may end in X).
const DIGITS: std::ops::RangeInclusive<usize> = 14..=19;

/// The longest run of digits on the picture that reads the same twice, or Unreadable.
pub fn read_document_number(picture: &DynamicImage, tesseract: &Path, timeout: Duration) -> Reading {
    read_number(picture, tesseract, timeout, &accept, Agreement::FirstTwo, &mut |_, _| {})
}

fn accept(read: &str) -> Option<String> {
    let digits = read.strip_suffix('X').unwrap_or(read);
    (DIGITS.contains(&read.len()) && !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| read.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_number_is_fourteen_to_nineteen_digits_an_x_only_last() {
        assert_eq!(accept("104231202005001234").as_deref(), Some("104231202005001234"));
        assert_eq!(accept("1043242019001174").as_deref(), Some("1043242019001174"));
        assert_eq!(accept("11010519491231002X").as_deref(), Some("11010519491231002X"));
        assert_eq!(accept("1042312020050"), None, "13 digits");
        assert_eq!(accept("10423120200500123456"), None, "20 digits");
        assert_eq!(accept("1042312X2005001234"), None, "X inside");
        assert_eq!(accept("XXXXXXXXXXXXXXXX"), None);
    }
}
