//! `server backup verify TARGET`: checks a backup without opening it (no identity needed): its
//! manifest is there, and every part it lists is present with the size and SHA-256 recorded.

use app::ssr::infra::blob_store::BlobStore;

use super::manifest::{sha256_hex, Manifest, MANIFEST};

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Checked {
    pub parts: usize,
    pub bytes: u64,
    pub missing: Vec<String>,
    pub damaged: Vec<String>,
}

impl Checked {
    pub fn is_whole(&self) -> bool {
        self.missing.is_empty() && self.damaged.is_empty()
    }
}

pub async fn read_manifest(target: &dyn BlobStore) -> Result<Manifest, String> {
    let text = target
        .get(MANIFEST)
        .await
        .map_err(|e| format!("reading {MANIFEST}: {e}"))?
        .ok_or_else(|| format!("no {MANIFEST}: not a backup, or one that never finished"))?;
    serde_json::from_slice(&text).map_err(|e| format!("{MANIFEST} cannot be read: {e}"))
}

pub async fn verify(target: &dyn BlobStore) -> Result<(Manifest, Checked), String> {
    let manifest = read_manifest(target).await?;
    let mut checked = Checked::default();
    for part in &manifest.parts {
        match target.get(&part.name).await.map_err(|e| format!("reading {}: {e}", part.name))? {
            None => checked.missing.push(part.name.clone()),
            Some(stored) if stored.len() as u64 != part.bytes || sha256_hex(&stored) != part.sha256 => {
                checked.damaged.push(part.name.clone())
            }
            Some(stored) => {
                checked.parts += 1;
                checked.bytes += stored.len() as u64;
            }
        }
    }
    Ok((manifest, checked))
}
