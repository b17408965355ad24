//! Tells what a file is from its first bytes, never from its name.

use super::file_format::{FileFormat, ForeignKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    Empty,
    Picture(FileFormat),
    Foreign(ForeignKind),
}

pub const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.is_empty() {
        return Sniffed::Empty;
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Sniffed::Picture(FileFormat::Jpeg);
    }
    if bytes.starts_with(&PNG_SIGNATURE) {
        return Sniffed::Picture(FileFormat::Png);
    }
    Sniffed::Foreign(foreign_kind(bytes))
}

fn foreign_kind(bytes: &[u8]) -> ForeignKind {
    if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return ForeignKind::WebP;
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return ForeignKind::Gif;
    }
    if is_heif(bytes) {
        return ForeignKind::Heif;
    }
    if bytes.starts_with(b"BM") && bytes.len() >= 14 {
        return ForeignKind::Bmp;
    }
    if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        return ForeignKind::Tiff;
    }
    if bytes.starts_with(b"%PDF-") {
        return ForeignKind::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return ForeignKind::Zip;
    }
    markup_kind(bytes).unwrap_or(ForeignKind::Unknown)
}

/// ISO base media files whose `ftyp` brand is one of the HEIF family.
fn is_heif(bytes: &[u8]) -> bool {
    if bytes.len() < 12 || &bytes[4..8] != b"ftyp" {
        return false;
    }
    const BRANDS: [&[u8; 4]; 7] = [b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"];
    let box_len = (u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize).min(bytes.len());
    // The major brand, then the compatible brands, four bytes each.
    let brands = std::iter::once(&bytes[8..12]).chain(bytes.get(16..box_len).unwrap_or(&[]).chunks_exact(4));
    brands.into_iter().any(|brand| BRANDS.iter().any(|b| &b[..] == brand)) || &bytes[8..12] == b"avif"
}

/// Text files that browsers would happily render: SVG and HTML. Looked for after an optional
/// byte-order mark and leading whitespace, case-insensitively.
fn markup_kind(bytes: &[u8]) -> Option<ForeignKind> {
    let head = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let head = &head[head.iter().position(|b| !b.is_ascii_whitespace())?..];
    let head: Vec<u8> = head.iter().take(512).map(u8::to_ascii_lowercase).collect();
    let contains = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if !head.starts_with(b"<") {
        return None;
    }
    if contains(b"<svg") {
        Some(ForeignKind::Svg)
    } else if contains(b"<html")
        || contains(b"<!doctype html")
        || contains(b"<head")
        || contains(b"<body")
        || contains(b"<script")
    {
        Some(ForeignKind::Html)
    } else {
        None
    }
}
