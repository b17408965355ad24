//! Reads the 18-character 公民身份号码 off a picture of the front of a resident ID card (issue 34),
//! as `number_reading` reads a long number. The caller's check is the server's: GB 11643, the same
//! check an account's number passes; with its check digit, any two crops agreeing is enough (a
//! heavily blurred line was once misread as another valid number, three digits wrong, by one crop).
//!
//! Measured by `./scripts/bench-id-ocr.sh` (figures in docs/benchmarks.md).

use std::path::Path;
use std::time::Duration;

use image::{DynamicImage, GrayImage};

pub use crate::number_reading::Reading;
use crate::number_reading::{read_number, Agreement};

/// Reads the ID number off `picture` (already upright) with the tesseract binary at `tesseract`,
/// giving up after `timeout` in all. `accept` turns what tesseract read into the number, or
/// refuses it.
pub fn read_id_number(
    picture: &DynamicImage,
    tesseract: &Path,
    timeout: Duration,
    accept: &dyn Fn(&str) -> Option<String>,
) -> Reading {
    read_id_number_traced(picture, tesseract, timeout, accept, &mut |_, _| {})
}

/// As [`read_id_number`], showing `trace` every crop tesseract read and what it read.
pub fn read_id_number_traced(
    picture: &DynamicImage,
    tesseract: &Path,
    timeout: Duration,
    accept: &dyn Fn(&str) -> Option<String>,
    trace: &mut dyn FnMut(&GrayImage, &str),
) -> Reading {
    read_number(picture, tesseract, timeout, accept, Agreement::AnyTwo, trace)
}
