//! Builds real picture files for the tests: every sample is produced by a real encoder, then
//! altered the way cameras, editors and attackers alter files.
#![allow(dead_code)] // each test file uses a different subset of the samples

use image::codecs::jpeg::{JpegEncoder, PixelDensity};
use image::codecs::png::PngEncoder;
use image::{ExtendedColorType, ImageEncoder};

/// A deterministic, noisy RGB picture: noise makes file size grow with pixel count the way
/// real scans do, instead of compressing to nothing.
pub fn rgb_pixels(width: u32, height: u32) -> Vec<u8> {
    let mut state: u32 = 0x2545_F491;
    (0..width * height * 3)
        .map(|i| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            ((i / 3 % width) as u8).wrapping_add((state & 0x3F) as u8)
        })
        .collect()
}

pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    jpeg_with_density(width, height, None)
}

/// A flat white JPEG: a few kilobytes whatever its size, for rules about pixels or density
/// that must not trip byte limits.
pub fn flat_jpeg(width: u32, height: u32, dpi: Option<u16>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = JpegEncoder::new_with_quality(&mut out, 85);
    if let Some(dpi) = dpi {
        encoder.set_pixel_density(PixelDensity::dpi(dpi));
    }
    encoder.write_image(&vec![255u8; (width * height * 3) as usize], width, height, ExtendedColorType::Rgb8).unwrap();
    out
}

pub fn jpeg_with_density(width: u32, height: u32, dpi: Option<u16>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = JpegEncoder::new_with_quality(&mut out, 85);
    if let Some(dpi) = dpi {
        encoder.set_pixel_density(PixelDensity::dpi(dpi));
    }
    encoder.write_image(&rgb_pixels(width, height), width, height, ExtendedColorType::Rgb8).unwrap();
    out
}

pub fn grayscale_jpeg(width: u32, height: u32) -> Vec<u8> {
    let pixels: Vec<u8> = rgb_pixels(width, height).chunks(3).map(|p| p[0]).collect();
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 85).write_image(&pixels, width, height, ExtendedColorType::L8).unwrap();
    out
}

pub fn progressive_jpeg(width: u16, height: u16) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, 85);
    encoder.set_progressive(true);
    encoder.encode(&rgb_pixels(width as u32, height as u32), width, height, jpeg_encoder::ColorType::Rgb).unwrap();
    out
}

pub fn cmyk_jpeg(width: u16, height: u16) -> Vec<u8> {
    let pixels: Vec<u8> = rgb_pixels(width as u32, height as u32 * 4 / 3 + 1)
        .into_iter()
        .take(width as usize * height as usize * 4)
        .collect();
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, 85).encode(&pixels, width, height, jpeg_encoder::ColorType::Cmyk).unwrap();
    out
}

pub fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    PngEncoder::new(&mut out).write_image(&rgb_pixels(width, height), width, height, ExtendedColorType::Rgb8).unwrap();
    out
}

/// Inserts a chunk right after IHDR (where pHYs and eXIf belong), with its CRC.
pub fn png_with_chunk(png: &[u8], kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let ihdr_end = 8 + 8 + 13 + 4;
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    chunk.extend_from_slice(kind);
    chunk.extend_from_slice(data);
    let crc = crc32fast::hash(&chunk[4..]);
    chunk.extend_from_slice(&crc.to_be_bytes());
    [&png[..ihdr_end], &chunk[..], &png[ihdr_end..]].concat()
}

pub fn png_with_dpi(width: u32, height: u32, dpi: u32) -> Vec<u8> {
    let per_metre = (dpi as f64 / 0.0254).round() as u32;
    let data = [per_metre.to_be_bytes(), per_metre.to_be_bytes()].concat();
    png_with_chunk(&png(width, height), b"pHYs", &[&data[..], &[1]].concat())
}

/// EXIF fields the tests write: orientation, resolution, and a GPS position.
#[derive(Default, Clone, Copy)]
pub struct ExifSpec {
    pub orientation: Option<u16>,
    pub dpi: Option<u32>,
    pub gps: bool,
}

/// TIFF-structured EXIF (big-endian), as stored after "Exif\0\0" in a JPEG APP1 segment.
pub fn exif_tiff(spec: ExifSpec) -> Vec<u8> {
    // (tag, type, count, value-or-offset placeholder, out-of-line data)
    let mut entries: Vec<(u16, u16, u32, Vec<u8>)> = Vec::new();
    if let Some(o) = spec.orientation {
        entries.push((0x0112, 3, 1, [o.to_be_bytes().to_vec(), vec![0, 0]].concat()));
    }
    if let Some(dpi) = spec.dpi {
        let rational = [dpi.to_be_bytes(), 1u32.to_be_bytes()].concat();
        entries.push((0x011A, 5, 1, rational.clone()));
        entries.push((0x011B, 5, 1, rational));
        entries.push((0x0128, 3, 1, vec![0, 2, 0, 0]));
    }
    if spec.gps {
        entries.push((0x8825, 4, 1, vec![0; 4])); // patched below to point at the GPS IFD
    }
    let ifd_len = 2 + entries.len() * 12 + 4;
    let mut out = b"MM\0*".to_vec();
    out.extend_from_slice(&8u32.to_be_bytes());
    let mut extra = Vec::new();
    let extra_start = 8 + ifd_len;
    out.extend_from_slice(&(entries.len() as u16).to_be_bytes());
    let gps_ifd_offset = extra_start + entries.iter().filter(|e| e.3.len() > 4).count() * 8;
    for (tag, kind, count, value) in &entries {
        out.extend_from_slice(&tag.to_be_bytes());
        out.extend_from_slice(&kind.to_be_bytes());
        out.extend_from_slice(&count.to_be_bytes());
        if value.len() > 4 {
            out.extend_from_slice(&((extra_start + extra.len()) as u32).to_be_bytes());
            extra.extend_from_slice(value);
        } else if *tag == 0x8825 {
            out.extend_from_slice(&(gps_ifd_offset as u32).to_be_bytes());
        } else {
            out.extend_from_slice(value);
        }
    }
    out.extend_from_slice(&0u32.to_be_bytes());
    out.extend_from_slice(&extra);
    if spec.gps {
        // GPS IFD: latitude ref "N" and latitude 22/1 31/1 0/1 (Shenzhen).
        let lat_offset = (gps_ifd_offset + 2 + 2 * 12 + 4) as u32;
        out.extend_from_slice(&2u16.to_be_bytes());
        out.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
        out.extend_from_slice(&[0, 2, 0, 5, 0, 0, 0, 3]);
        out.extend_from_slice(&lat_offset.to_be_bytes());
        out.extend_from_slice(&0u32.to_be_bytes());
        for (n, d) in [(22u32, 1u32), (31, 1), (0, 1)] {
            out.extend_from_slice(&n.to_be_bytes());
            out.extend_from_slice(&d.to_be_bytes());
        }
    }
    out
}

/// The JPEG with an EXIF APP1 segment inserted right after SOI.
pub fn jpeg_with_exif(jpeg: &[u8], spec: ExifSpec) -> Vec<u8> {
    let payload = [b"Exif\0\0".to_vec(), exif_tiff(spec)].concat();
    let mut segment = vec![0xFF, 0xE1];
    segment.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    segment.extend_from_slice(&payload);
    [&jpeg[..2], &segment[..], &jpeg[2..]].concat()
}

/// A ZIP archive's local file header, as a polyglot would append it.
pub fn with_trailing_zip(material: &[u8]) -> Vec<u8> {
    [material, b"PK\x03\x04\x14\0\0\0\0\0secret.txt payload"].concat()
}

/// A JPEG whose size is pushed to at least `min_len` bytes by a comment segment, for size rules.
pub fn jpeg_padded_to(width: u32, height: u32, min_len: usize) -> Vec<u8> {
    pad_jpeg(jpeg(width, height), min_len)
}

/// Grows a JPEG to at least `min_len` bytes with comment segments placed after its JFIF header
/// (when it has one), so the density the header records is still the first thing read.
pub fn pad_jpeg(base: Vec<u8>, min_len: usize) -> Vec<u8> {
    let header_end = if base[2..4] == [0xFF, 0xE0] { 4 + u16::from_be_bytes([base[4], base[5]]) as usize } else { 2 };
    let mut out = base[..header_end].to_vec();
    let mut missing = min_len.saturating_sub(base.len());
    while missing > 0 {
        let chunk = missing.min(65_000);
        out.extend_from_slice(&[0xFF, 0xFE]);
        out.extend_from_slice(&((chunk + 2) as u16).to_be_bytes());
        out.extend(std::iter::repeat_n(b'.', chunk));
        missing = missing.saturating_sub(chunk + 4);
    }
    out.extend_from_slice(&base[header_end..]);
    out
}
