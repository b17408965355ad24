//! `server backup verify TARGET`: checks a backup without opening it (no identity needed): its
//! manifest is there and signed by a key the caller trusts, and every part it lists is present
//! with the size and SHA-256 signed. A manifest that fails its signature is refused outright: the
//! parts it lists say nothing then.

use app::ssr::infra::blob_store::BlobStore;

use super::manifest::{Manifest, MANIFEST, SIGNATURE};
use super::manifest_signature::{check, SignerKey, Trust};

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Checked {
    /// Who signed the manifest; None: nobody, and the caller accepted an unsigned backup.
    pub signed_by: Option<SignerKey>,
    pub parts: usize,
    pub bytes: u64,
    pub missing: Vec<String>,
    /// Parts whose size or SHA-256 is not the one signed (damaged, or sealed again by someone).
    pub damaged: Vec<String>,
}

impl Checked {
    pub fn is_whole(&self) -> bool {
        self.missing.is_empty() && self.damaged.is_empty()
    }
}

/// The manifest, once its signature holds (or it has none and `trust` accepts that).
pub async fn read_signed_manifest(
    target: &dyn BlobStore,
    trust: &Trust,
) -> Result<(Manifest, Option<SignerKey>), String> {
    let text = target
        .get(MANIFEST)
        .await
        .map_err(|e| format!("reading {MANIFEST}: {e}"))?
        .ok_or_else(|| format!("no {MANIFEST}: not a backup, or one that never finished"))?;
    let signature = target.get(SIGNATURE).await.map_err(|e| format!("reading {SIGNATURE}: {e}"))?;
    let signed_by = check(&text, signature.as_deref(), trust)?;
    let manifest = serde_json::from_slice(&text).map_err(|e| format!("{MANIFEST} cannot be read: {e}"))?;
    Ok((manifest, signed_by))
}

pub async fn verify(target: &dyn BlobStore, trust: &Trust) -> Result<(Manifest, Checked), String> {
    let (manifest, signed_by) = read_signed_manifest(target, trust).await?;
    let mut checked = Checked { signed_by, ..Checked::default() };
    for part in &manifest.parts {
        match target.get(&part.name).await.map_err(|e| format!("reading {}: {e}", part.name))? {
            None => checked.missing.push(part.name.clone()),
            Some(stored) if !part.matches(&stored) => checked.damaged.push(part.name.clone()),
            Some(stored) => {
                checked.parts += 1;
                checked.bytes += stored.len() as u64;
            }
        }
    }
    Ok((manifest, checked))
}
