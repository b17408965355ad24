//! The probe: from a file's bytes alone, what it is and what a rule needs to know about it.

use super::file_facts::FileFacts;
use super::file_format::FileFormat;
use super::jpeg_probe::probe_jpeg;
use super::png_probe::probe_png;
use super::probe_error::ProbeError;
use super::sniff::{sniff, Sniffed};

impl FileFacts {
    /// Describes a file from its content. Never panics, whatever the bytes.
    pub fn probe(bytes: &[u8]) -> Result<FileFacts, ProbeError> {
        match sniff(bytes) {
            Sniffed::Empty => Err(ProbeError::Empty),
            Sniffed::Foreign(kind) => Err(ProbeError::Foreign(kind)),
            Sniffed::Picture(FileFormat::Jpeg) => probe_jpeg(bytes),
            Sniffed::Picture(FileFormat::Png) => probe_png(bytes),
        }
    }
}
