//! A backup's table of contents (`manifest.json`, the one part in plain text: it names no person):
//! when it was taken and from what, whom it is encrypted to, how many rows of each table, and
//! every stored part with its size and SHA-256 as written, so a backup can be checked without
//! the identity that opens it. It is signed (`manifest_signature`, in `manifest.sig`): the
//! hashes it lists are what a restore trusts each part by.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const MANIFEST: &str = "manifest.json";
/// The installation's signature of `manifest.json`'s bytes, written just before it.
pub const SIGNATURE: &str = "manifest.sig";
pub const DATABASE: &str = "database.json.age";
pub const SECRETS: &str = "secrets.json.age";
/// This format's number; a restore refuses another.
pub const FORMAT: u32 = 1;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub taken_at: chrono::DateTime<chrono::Utc>,
    /// "sqlite" or "postgres": where it was taken (it restores into either).
    pub taken_from: String,
    /// The age recipient every part is encrypted to.
    pub encrypted_to: String,
    pub rows: BTreeMap<String, usize>,
    pub parts: Vec<Part>,
    /// Files the snapshot named that their owner deleted before they were copied: the rows that
    /// name them are left out at restore, as the owner had left them out.
    #[serde(default)]
    pub vanished: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    pub name: String,
    pub bytes: u64,
    pub sha256: String,
}

impl Manifest {
    /// The part listed under `name`, with the size and SHA-256 it had when it was written.
    pub fn part(&self, name: &str) -> Option<&Part> {
        self.parts.iter().find(|part| part.name == name)
    }
}

impl Part {
    pub fn of(name: &str, stored: &[u8]) -> Part {
        Part { name: name.to_string(), bytes: stored.len() as u64, sha256: sha256_hex(stored) }
    }

    /// Whether `stored` is this part as it was written.
    pub fn matches(&self, stored: &[u8]) -> bool {
        stored.len() as u64 == self.bytes && sha256_hex(stored) == self.sha256
    }
}

/// The part that holds a stored file (blob keys are letters, digits, `-` and `.`).
pub fn file_part(key: &str) -> String {
    format!("file-{key}.age")
}

/// The blob key of a file part.
pub fn key_of(part: &str) -> Option<&str> {
    part.strip_prefix("file-")?.strip_suffix(".age")
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}
