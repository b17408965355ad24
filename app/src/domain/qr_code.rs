//! The QR code a verification report must carry (seed 004: "验证二维码必须清晰可读"): read from
//! the picture's brightness by rxing (a ZXing port; it read 48 of 54 phone photographs where rqrr
//! read 24, `./scripts/bench-qr-decoders.sh`), and what the text says: a 学信网 report's address
//! with its 在线验证码, or anything else. The browser reads it before sending (advice only) and
//! the server reads it again after storing (what the reviewer is shown).

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::picture_pixels::luma_of;
use super::violation::{Violation, ViolationCode};

/// Whether a category's pictures must carry a readable QR code (`qr = "required"` in the exam
/// file).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QrRequirement {
    #[default]
    None,
    Required,
}

/// The long side a picture is read at (scaled down, never up): a code that fills a twelfth of a
/// page's width still has about three pixels per module there, and a 12 MP photo is read in a
/// fifth of the time.
pub const QR_READING_SIDE: u32 = 2048;

/// The text of a QR code in RGBA pixels (`width` × `height`, four bytes each, as the browser's
/// canvas and the server's decoder give them), trying hard: the multi-format reader limited to QR
/// codes retries rotated and inverted (it read 8 more of the 54 photographs than the QR reader
/// alone). None: no code could be read.
pub fn read_qr_code(rgba: &[u8], width: u32, height: u32) -> Option<String> {
    use rxing::common::HybridBinarizer;
    use rxing::Reader;
    use rxing::{BarcodeFormat, BinaryBitmap, DecodeHintValue, DecodeHints, Luma8LuminanceSource, MultiFormatReader};

    let pixels = (width as usize).checked_mul(height as usize)?;
    if pixels == 0 || rgba.len() < pixels.checked_mul(4)? {
        return None;
    }
    let luma = rgba.chunks_exact(4).take(pixels).map(|p| luma_of(p[0], p[1], p[2])).collect();
    let mut hints = DecodeHints::default().with(DecodeHintValue::TryHarder(true));
    hints.PossibleFormats = Some(HashSet::from([BarcodeFormat::QR_CODE]));
    let mut bitmap = BinaryBitmap::new(HybridBinarizer::new(Luma8LuminanceSource::new(luma, width, height)));
    let read = MultiFormatReader::default().decode_with_hints(&mut bitmap, &hints).ok()?;
    let text = read.getText();
    (!text.is_empty()).then(|| text.to_string())
}

/// Where a code's text leads, as the reviewer is shown it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CodeTarget {
    /// A 学信网 report (学历/学籍/学位 在线验证报告): the address is rebuilt from the code, so
    /// nothing of the scanned text but the 16 checked characters ever becomes a link.
    XuexinReport { vcode: String },
    /// Anything else: shown as plain text, never fetched, never a link.
    Other,
}

/// The 学信网 host and path of an online verification report.
const XUEXIN_HOST: &str = "www.chsi.com.cn";
const XUEXIN_PATH: &str = "/xlcx/bg.do";
/// An 在线验证码: 16 capitals and digits.
const VCODE_LENGTH: usize = 16;

impl CodeTarget {
    /// Reads `https://www.chsi.com.cn/xlcx/bg.do?vcode=…` (http too: older reports), with any
    /// further parameters; the host must be exactly 学信网's (no user part, no other port).
    pub fn of(text: &str) -> CodeTarget {
        xuexin_vcode(text.trim()).map_or(CodeTarget::Other, |vcode| CodeTarget::XuexinReport { vcode })
    }

    /// The address a reviewer may open: 学信网's, rebuilt from the checked code.
    pub fn link(&self) -> Option<String> {
        match self {
            CodeTarget::XuexinReport { vcode } => Some(CodeTarget::report_link(vcode)),
            CodeTarget::Other => None,
        }
    }

    /// 学信网's address of the report with this (checked) 在线验证码.
    pub fn report_link(vcode: &str) -> String {
        format!("https://{XUEXIN_HOST}{XUEXIN_PATH}?vcode={vcode}")
    }
}

fn xuexin_vcode(text: &str) -> Option<String> {
    let lower = text.get(..8).map(str::to_ascii_lowercase)?;
    let rest = if lower.starts_with("https://") {
        &text[8..]
    } else if lower.starts_with("http://") {
        &text[7..]
    } else {
        return None;
    };
    let (authority, path_and_query) = rest.split_at(rest.find('/')?);
    let host = authority.strip_suffix(":443").unwrap_or(authority);
    if !host.eq_ignore_ascii_case(XUEXIN_HOST) {
        return None;
    }
    let (path, query) = path_and_query.split_once('?')?;
    if path != XUEXIN_PATH {
        return None;
    }
    let query = query.split('#').next().unwrap_or("");
    let mut vcodes = query.split('&').filter_map(|pair| pair.strip_prefix("vcode="));
    let vcode = vcodes.next()?;
    let well_formed =
        vcode.len() == VCODE_LENGTH && vcode.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    (well_formed && vcodes.next().is_none()).then(|| vcode.to_string())
}

/// The advice when a category wants a readable code and none was read.
pub fn qr_unreadable_advice() -> Violation {
    Violation::new(
        ViolationCode::QrUnreadable,
        "未能识别二维码：请让二维码完整、清晰地出现在照片中，避免反光",
        "No QR code could be read: make sure the whole code is in the picture, sharp and without glare",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(text: &str) -> CodeTarget {
        CodeTarget::of(text)
    }

    #[test]
    fn a_xuexin_report_address_gives_its_code_and_a_rebuilt_link() {
        let found = target("https://www.chsi.com.cn/xlcx/bg.do?vcode=A1B2C3D4E5F6G7H8&srcid=bgcx");
        assert_eq!(found, CodeTarget::XuexinReport { vcode: "A1B2C3D4E5F6G7H8".into() });
        assert_eq!(found.link().as_deref(), Some("https://www.chsi.com.cn/xlcx/bg.do?vcode=A1B2C3D4E5F6G7H8"));
        // Older reports print http, and hosts are case-blind.
        assert!(matches!(
            target("http://WWW.CHSI.COM.CN/xlcx/bg.do?vcode=0000111122223333"),
            CodeTarget::XuexinReport { .. }
        ));
    }

    #[test]
    fn look_alike_addresses_are_not_xuexin() {
        for text in [
            "https://www.chsi.com.cn.evil.example/xlcx/bg.do?vcode=A1B2C3D4E5F6G7H8",
            "https://www.chsi.com.cn@evil.example/xlcx/bg.do?vcode=A1B2C3D4E5F6G7H8",
            "https://evil.example/?u=https://www.chsi.com.cn/xlcx/bg.do?vcode=A1B2C3D4E5F6G7H8",
            "https://www.chsi.com.cn:8443/xlcx/bg.do?vcode=A1B2C3D4E5F6G7H8",
            "https://chsi.com.cn/xlcx/bg.do?vcode=A1B2C3D4E5F6G7H8",
            "https://www.chsi.com.cn/xlcx/other.do?vcode=A1B2C3D4E5F6G7H8",
            "javascript:alert(1)//https://www.chsi.com.cn/xlcx/bg.do?vcode=A1B2C3D4E5F6G7H8",
            "ftp://www.chsi.com.cn/xlcx/bg.do?vcode=A1B2C3D4E5F6G7H8",
        ] {
            assert_eq!(target(text), CodeTarget::Other, "{text}");
        }
    }

    #[test]
    fn the_code_must_be_sixteen_capitals_and_digits_and_only_one() {
        for vcode in ["A1B2C3D4E5F6G7H", "A1B2C3D4E5F6G7H8X", "a1b2c3d4e5f6g7h8", "A1B2C3D4E5F6G7H%", ""] {
            let text = format!("https://www.chsi.com.cn/xlcx/bg.do?vcode={vcode}");
            assert_eq!(target(&text), CodeTarget::Other, "{vcode}");
        }
        let twice = "https://www.chsi.com.cn/xlcx/bg.do?vcode=A1B2C3D4E5F6G7H8&vcode=0000111122223333";
        assert_eq!(target(twice), CodeTarget::Other);
        assert_eq!(target("就业协议书编号 20261126"), CodeTarget::Other);
        assert_eq!(CodeTarget::Other.link(), None);
    }

    #[test]
    fn nothing_to_read_is_no_code() {
        assert_eq!(read_qr_code(&[255; 100 * 100 * 4], 100, 100), None);
        assert_eq!(read_qr_code(&[0; 10], 100, 100), None);
        assert_eq!(read_qr_code(&[], 0, 0), None);
    }
}
