//! The day a 学信网 record's online verification ends, where the page prints it (seed 004: "在线验证
//! 有效期请设置为180天"; the record says "本备案表在线验证有效期至2027年05月20日"): the page is read in
//! simplified Chinese by tesseract, and the date taken from what follows 有效期至. Nothing is
//! guessed: a date that does not read whole is not read.

use std::path::Path;
use std::time::{Duration, Instant};

use image::DynamicImage;

use crate::grey::shrink;
use crate::tesseract_line::run_tesseract_chinese;

/// A day as the page prints it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PrintedDay {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// The long side the page is read at: an A4 scan at 200 DPI, as the seeds ask for (a larger photo
/// is shrunk to it; tesseract's time grows with the pixels).
const READING_LONG_SIDE: u32 = 2339;

/// The verification's last day printed on the record in `picture` (upright), read with the
/// tesseract at `tesseract` within `timeout`; None where none reads (no such line, a blurred one,
/// tesseract without its Chinese, out of time).
pub fn read_verification_end(picture: &DynamicImage, tesseract: &Path, timeout: Duration) -> Option<PrintedDay> {
    let (page, _) = shrink(&picture.to_luma8(), READING_LONG_SIDE);
    // The page's resolution as if it were A4, which tesseract sizes its characters by.
    let dpi = (200 * page.width().max(page.height())).div_ceil(READING_LONG_SIDE);
    let text = run_tesseract_chinese(tesseract, &page, dpi, Instant::now() + timeout)?;
    verification_end_in(&text)
}

/// The date after 有效期 (and 至 or a colon) in `text`: a year of four digits, a month and a day
/// of one or two, each after one character that is no digit (年 and 月, or a dash, or what
/// tesseract made of them). Spaces are ignored: tesseract puts them between Chinese characters.
pub fn verification_end_in(text: &str) -> Option<PrintedDay> {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let after = &text[text.find("有效期")? + "有效期".len()..];
    let mut rest = after.trim_start_matches(['至', ':', '：']).chars().peekable();
    let mut number = |widths: std::ops::RangeInclusive<usize>| -> Option<u32> {
        let mut digits = String::new();
        while let Some(digit) = rest.next_if(char::is_ascii_digit) {
            digits.push(digit);
        }
        // The character after it, 年 or 月 (日 after the day is not needed).
        let _separator = rest.next();
        widths.contains(&digits.len()).then(|| digits.parse().ok()).flatten()
    };
    let (year, month, day) = (number(4..=4)?, number(1..=2)?, number(1..=2)?);
    let valid = (1..=12).contains(&month) && (1..=31).contains(&day);
    valid.then_some(PrintedDay { year: year as u16, month: month as u8, day: day as u8 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: u16, month: u8, day: u8) -> Option<PrintedDay> {
        Some(PrintedDay { year, month, day })
    }

    #[test]
    fn the_date_after_the_words_is_read_as_tesseract_spaces_it() {
        assert_eq!(verification_end_in("本备案表在线验证有效期至2027年05月20日"), day(2027, 5, 20));
        assert_eq!(verification_end_in("在 线 验 证 有 效 期 至 ： 2027 年 5 月 2 日\n"), day(2027, 5, 2));
        assert_eq!(verification_end_in("更新日期：2026年11月20日\n验证有效期:2027-05-20"), day(2027, 5, 20));
    }

    #[test]
    fn nothing_is_guessed() {
        assert_eq!(verification_end_in("更新日期：2026年11月20日"), None, "another date, not the verification's");
        assert_eq!(verification_end_in("有效期至202年05月20日"), None, "a digit of the year lost");
        assert_eq!(verification_end_in("有效期至2027年13月20日"), None);
        assert_eq!(verification_end_in("有效期至2027年05月"), None, "no day");
    }
}
