//! The server's whole check of an uploaded image: the shared judgement the browser already ran,
//! then a full decode under explicit limits. The `check-images` command uses this same function.

use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::domain::{judge_image, CategoryRules, ImageFacts, ImageFormat, ImageVerdict, Violation, ViolationCode};

/// Judges the bytes, and decodes them only when every rule passed: files already refused are
/// never handed to a decoder.
pub fn check_upload(bytes: &[u8], rules: &CategoryRules, already_uploaded: u32) -> ImageVerdict {
    let mut verdict = judge_image(bytes, rules, already_uploaded);
    if let (true, Some(facts)) = (verdict.accepted(), verdict.facts.as_ref()) {
        if let Err(violation) = decode_fully(bytes, facts) {
            verdict.violations.push(violation);
        }
    }
    verdict
}

/// The most memory a full decode of this picture may take: 4 bytes per pixel for CMYK/RGBA,
/// 16-bit PNG doubles it, plus working room. The decoder is held to it, and the server's decode
/// budget reserves it.
pub fn decode_memory(facts: &ImageFacts) -> u64 {
    facts.pixel_count() * 8 + 16 * 1024 * 1024
}

/// Decodes every pixel, with memory bounded by the size the header declared (already checked
/// against `max_pixels`). A decoder panic on hostile input becomes a refusal, not a crash.
fn decode_fully(bytes: &[u8], facts: &ImageFacts) -> Result<(), Violation> {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(facts.stored_width);
    limits.max_image_height = Some(facts.stored_height);
    limits.max_alloc = Some(decode_memory(facts));
    let format = match facts.format {
        ImageFormat::Jpeg => image::ImageFormat::Jpeg,
        ImageFormat::Png => image::ImageFormat::Png,
    };
    let decoded = catch_unwind(AssertUnwindSafe(|| {
        let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
        reader.limits(limits);
        reader.decode()
    }));
    let name = facts.format.display_name();
    match decoded {
        Ok(Ok(image)) if (image.width(), image.height()) == (facts.stored_width, facts.stored_height) => Ok(()),
        Ok(Ok(image)) => Err(undecodable(
            name,
            &format!(
                "header says {}×{}, pixels are {}×{}",
                facts.stored_width,
                facts.stored_height,
                image.width(),
                image.height()
            ),
        )),
        Ok(Err(error)) => Err(undecodable(name, &error.to_string())),
        Err(_) => Err(undecodable(name, "the decoder gave up on malformed data")),
    }
}

fn undecodable(format: &str, detail: &str) -> Violation {
    tracing::info!(detail, "upload refused by full decode");
    Violation::new(
        ViolationCode::Undecodable,
        format!("{format} 图片数据已损坏，无法完整读取，请重新扫描或导出"),
        format!("The {format} picture data is damaged and cannot be read in full; scan or export it again"),
    )
}
