//! The server's whole check of an uploaded picture: the shared judgement the browser already ran,
//! then a full decode under explicit limits. The `check-files` command uses this same function.

use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

use zune_jpeg::zune_core::colorspace::ColorSpace;

use crate::domain::{judge_file, CategoryRules, FileFacts, FileFormat, FileVerdict, Violation, ViolationCode};

/// Judges the bytes, and decodes them only when every rule passed: files already refused are
/// never handed to a decoder.
pub fn check_upload(bytes: &[u8], rules: &CategoryRules, already_uploaded: u32) -> FileVerdict {
    decode_if_accepted(bytes, judge_file(bytes, rules, already_uploaded))
}

/// The second half of `check_upload`, for a caller that already has the judgement of `bytes`
/// (the upload reads the header once: it also tells how much decode memory to reserve).
pub fn decode_if_accepted(bytes: &[u8], mut verdict: FileVerdict) -> FileVerdict {
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
pub fn decode_memory(facts: &FileFacts) -> u64 {
    crate::ssr::infra::decode_budget::decode_memory_for_pixels(facts.pixel_count())
}

/// Decodes every pixel, with memory bounded by the size the header declared (already checked
/// against `max_pixels`). A decoder panic on hostile input becomes a refusal, not a crash.
fn decode_fully(bytes: &[u8], facts: &FileFacts) -> Result<(), Violation> {
    let decoded = catch_unwind(AssertUnwindSafe(|| match facts.format {
        FileFormat::Jpeg => decode_jpeg(bytes, facts),
        FileFormat::Png => decode_png(bytes, facts),
    }));
    let name = facts.format.display_name();
    match decoded {
        Ok(Ok(size)) if size == (facts.stored_width, facts.stored_height) => Ok(()),
        Ok(Ok((width, height))) => Err(undecodable(
            name,
            &format!("header says {}×{}, pixels are {width}×{height}", facts.stored_width, facts.stored_height),
        )),
        Ok(Err(error)) => Err(undecodable(name, &error)),
        Err(_) => Err(undecodable(name, "the decoder gave up on malformed data")),
    }
}

/// Every pixel of a JPEG, with zune-jpeg (the decoder the `image` crate uses, and as leniently).
/// A colour picture is decoded to its brightness (Luma): every bit of every component's coded data
/// is still read through the same Huffman decoder, so a damaged or truncated file fails as in RGB,
/// but the colour planes are not turned into pixels; their inverse DCT, upsampling and colour
/// conversion cannot fail on data that decoded, and were a tenth of an upload's CPU (issue 69).
/// Should the brightness path ever refuse a picture (or panic), it is decoded in RGB before it is
/// refused: that path is zune-jpeg's less trodden one, and a good scan must never pay for its faults.
/// Grayscale and CMYK stay as they are. The size decoded: the pixels the decoder gave.
fn decode_jpeg(bytes: &[u8], facts: &FileFacts) -> Result<(u32, u32), String> {
    match catch_unwind(AssertUnwindSafe(|| decode_jpeg_as(bytes, facts, ColorSpace::Luma))) {
        Ok(Ok(size)) => Ok(size),
        // A damaged file is decoded twice before it is refused: at most twice the work, and rare.
        Ok(Err(_)) | Err(_) => decode_jpeg_as(bytes, facts, ColorSpace::RGB),
    }
}

/// The JPEG decoded with a colour (YCbCr) picture turned into `colour_into`; grayscale and CMYK
/// stay as they are. The output goes into a buffer this thread keeps for its next decode: zeroing
/// a fresh 6.5 MB for each page scan was 4 % of an upload's CPU.
fn decode_jpeg_as(bytes: &[u8], facts: &FileFacts, colour_into: ColorSpace) -> Result<(u32, u32), String> {
    use zune_jpeg::zune_core::bytestream::ZCursor;
    use zune_jpeg::zune_core::options::DecoderOptions;
    let options = DecoderOptions::default()
        .set_strict_mode(false)
        .set_max_width(facts.stored_width as usize)
        .set_max_height(facts.stored_height as usize);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    decoder.decode_headers().map_err(|e| e.to_string())?;
    let out = match decoder.input_colorspace().ok_or("no colour space after the headers")? {
        ColorSpace::YCbCr => colour_into,
        own => own,
    };
    decoder.set_options(options.jpeg_set_out_colorspace(out));
    let (width, height) = decoder.dimensions().ok_or("no size after the headers")?;
    let size = width.checked_mul(height).and_then(|n| n.checked_mul(out.num_components())).ok_or("size overflows")?;
    DECODE_BUFFER.with_borrow_mut(|buffer| {
        buffer.resize(size, 0);
        let decoded = decoder.decode_into(buffer).map_err(|e| e.to_string());
        if buffer.capacity() > KEPT_BUFFER_BYTES {
            *buffer = Vec::new();
        }
        decoded
    })?;
    let side = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Ok((side(width), side(height)))
}

/// Every pixel of a PNG, with the `image` crate held to the header's size and the memory
/// reserved for it.
fn decode_png(bytes: &[u8], facts: &FileFacts) -> Result<(u32, u32), String> {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(facts.stored_width);
    limits.max_image_height = Some(facts.stored_height);
    limits.max_alloc = Some(decode_memory(facts));
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), image::ImageFormat::Png);
    reader.limits(limits);
    reader.decode().map(|decoded| (decoded.width(), decoded.height())).map_err(|e| e.to_string())
}

/// A buffer up to this size (a 3-megapixel RGB picture) stays with its thread for the next
/// decode; a larger one is given back at once.
const KEPT_BUFFER_BYTES: usize = 12 * 1024 * 1024;

thread_local! {
    static DECODE_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn undecodable(format: &str, detail: &str) -> Violation {
    tracing::info!(detail, "upload refused by full decode");
    Violation::new(
        ViolationCode::Undecodable,
        format!("{format} 图片数据已损坏，无法完整读取，请重新扫描或导出"),
        format!("The {format} picture data is damaged and cannot be read in full; scan or export it again"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use jpeg_encoder::{ColorType, Encoder};

    fn jpeg(color: ColorType, components: usize, progressive: bool) -> Vec<u8> {
        let (width, height) = (64u16, 48u16);
        let pixels: Vec<u8> =
            (0..usize::from(width) * usize::from(height) * components).map(|i| (i * 7 % 251) as u8).collect();
        let mut bytes = Vec::new();
        let mut encoder = Encoder::new(&mut bytes, 85);
        encoder.set_progressive(progressive);
        encoder.encode(&pixels, width, height, color).unwrap();
        bytes
    }

    fn decodes(bytes: &[u8]) -> Result<(), Violation> {
        decode_fully(bytes, &FileFacts::probe(bytes).unwrap())
    }

    /// Colour (baseline and progressive), grayscale and CMYK: every kind a scanner or phone writes
    /// passes.
    #[test]
    fn colour_grayscale_cmyk_and_progressive_jpegs_decode_in_full() {
        assert!(decodes(&jpeg(ColorType::Rgb, 3, false)).is_ok());
        assert!(decodes(&jpeg(ColorType::Rgb, 3, true)).is_ok());
        assert!(decodes(&jpeg(ColorType::Luma, 1, false)).is_ok());
        assert!(decodes(&jpeg(ColorType::Cmyk, 4, false)).is_ok());
    }

    /// A colour picture is decoded to its brightness only: every chroma subsampling a camera or
    /// scanner writes, at sizes that are not whole blocks, baseline and progressive, with restart
    /// markers, decodes to the size its header gives (zune-jpeg's grayscale path special-cases
    /// vertically subsampled pictures, so the odd sizes matter).
    #[test]
    fn colour_pictures_of_every_subsampling_and_odd_size_decode_in_full() {
        use jpeg_encoder::SamplingFactor;
        let samplings = [
            SamplingFactor::R_4_4_4,
            SamplingFactor::R_4_2_2,
            SamplingFactor::R_4_2_0,
            SamplingFactor::R_4_4_0,
            SamplingFactor::R_4_1_1,
        ];
        for sampling in samplings {
            for (width, height) in [(1u16, 1u16), (17, 9), (33, 47), (64, 48), (121, 75)] {
                for (progressive, restart) in [(false, 0u16), (true, 0), (false, 3)] {
                    let pixels: Vec<u8> =
                        (0..usize::from(width) * usize::from(height) * 3).map(|i| (i * 13 % 251) as u8).collect();
                    let mut bytes = Vec::new();
                    let mut encoder = Encoder::new(&mut bytes, 90);
                    encoder.set_sampling_factor(sampling);
                    encoder.set_progressive(progressive);
                    encoder.set_restart_interval(restart);
                    encoder.encode(&pixels, width, height, ColorType::Rgb).unwrap();
                    let case = format!("{sampling:?} {width}×{height} progressive {progressive} restart {restart}");
                    // The brightness path itself: the RGB fallback must not hide a fault of it.
                    let decoded = decode_jpeg_as(&bytes, &FileFacts::probe(&bytes).unwrap(), ColorSpace::Luma);
                    assert_eq!(decoded, Ok((u32::from(width), u32::from(height))), "{case}");
                }
            }
        }
    }

    /// Brightness only is as strict as the full colour decode: a picture whose last blocks' coded
    /// data is cut off (the end marker kept) gets the verdict the `image` crate's RGB decode gives.
    #[test]
    fn a_colour_picture_cut_short_gets_the_verdict_of_the_full_colour_decode() {
        let whole = jpeg(ColorType::Rgb, 3, false);
        let end = whole.len() - 2;
        let mut cut = whole[..end - 40].to_vec();
        cut.extend_from_slice(&[0xFF, 0xD9]);
        let facts = FileFacts::probe(&whole).unwrap();
        assert_eq!(decode_fully(&cut, &facts).map_err(|v| v.code), decode_fully_rgb(&cut, &facts));
    }

    /// The decode as it was before brightness only, to compare refusals with.
    fn decode_fully_rgb(bytes: &[u8], facts: &FileFacts) -> Result<(), ViolationCode> {
        image::load_from_memory_with_format(bytes, image::ImageFormat::Jpeg)
            .map_err(|_| ViolationCode::Undecodable)
            .and_then(|decoded| {
                if (decoded.width(), decoded.height()) == (facts.stored_width, facts.stored_height) {
                    Ok(())
                } else {
                    Err(ViolationCode::Undecodable)
                }
            })
    }

    #[test]
    fn a_file_the_decoder_cannot_read_is_refused() {
        let mut bytes = jpeg(ColorType::Rgb, 3, false);
        // 255 Huffman codes of every length, which no table can have.
        let table = bytes.windows(2).position(|w| w == [0xFF, 0xC4]).unwrap();
        bytes[table + 5..table + 21].fill(0xFF);
        let refused = decodes(&bytes).unwrap_err();
        assert_eq!(refused.code, ViolationCode::Undecodable, "{refused:?}");
    }
}
