//! `server backup TARGET`: a consistent backup of a running installation. The rows are read in
//! one transaction (PostgreSQL's repeatable-read snapshot; SQLite's read transaction under WAL),
//! so uploads arriving meanwhile are either wholly in it or not at all; then every file those
//! rows name is copied. Each part is sealed to the configured age recipient and written to the
//! target (a folder or an S3-compatible bucket); then the manifest's signature, and the manifest
//! last: a backup without its manifest was never finished.

use std::collections::BTreeMap;

use age::x25519::Recipient;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use sea_orm::{AccessMode, ConnectionTrait, DatabaseConnection, DbBackend, IsolationLevel, TransactionTrait};
use serde_json::json;

use app::ssr::infra::blob_store::BlobStore;
use app::ssr::infra::blob_sweep::named_keys;

use super::backup_tables::dump;
use super::manifest::{file_part, Manifest, Part, DATABASE, FORMAT, MANIFEST, SECRETS, SIGNATURE};
use super::manifest_signature::ManifestSigner;
use super::sealed_file::seal;

/// What the installation is made of, for a backup.
pub struct Installation<'a> {
    pub db: &'a DatabaseConnection,
    pub blobs: &'a dyn BlobStore,
    /// The session key's 64 bytes: the seeds derived from it (the sandbox's key, an old
    /// installation's first ticket key) stay the same after a restore.
    pub session_key: &'a [u8],
}

pub async fn take(
    from: &Installation<'_>,
    recipient: &Recipient,
    signer: &ManifestSigner,
    target: &dyn BlobStore,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Manifest, String> {
    let backend = from.db.get_database_backend();
    let (isolation, access) = match backend {
        DbBackend::Postgres => (Some(IsolationLevel::RepeatableRead), Some(AccessMode::ReadOnly)),
        _ => (None, None),
    };
    let snapshot = from.db.begin_with_config(isolation, access).await.map_err(|e| format!("snapshot: {e}"))?;
    let tables = dump(&snapshot).await?;
    let mut keys: Vec<String> = named_keys(&snapshot).await.map_err(|e| e.message_en())?.into_iter().collect();
    snapshot.rollback().await.map_err(|e| format!("snapshot: {e}"))?;
    keys.sort();

    let mut parts = Vec::new();
    let rows: BTreeMap<String, usize> =
        tables.iter().map(|(name, rows)| (name.clone(), rows.as_array().map_or(0, Vec::len))).collect();
    let database = serde_json::to_vec(&tables).map_err(|e| e.to_string())?;
    parts.push(put(target, DATABASE, &seal(&database, recipient)?).await?);
    let secrets = json!({ "session_key": BASE64.encode(from.session_key) }).to_string();
    parts.push(put(target, SECRETS, &seal(secrets.as_bytes(), recipient)?).await?);
    let mut vanished = Vec::new();
    for key in keys {
        match from.blobs.get(&key).await.map_err(|e| format!("reading file {key}: {e}"))? {
            Some(bytes) => parts.push(put(target, &file_part(&key), &seal(&bytes, recipient)?).await?),
            // Deleted by its owner after the snapshot: the rows naming it go at restore.
            None => vanished.push(key),
        }
    }
    let manifest = Manifest {
        format: FORMAT,
        taken_at: now,
        taken_from: if backend == DbBackend::Postgres { "postgres" } else { "sqlite" }.to_string(),
        encrypted_to: recipient.to_string(),
        rows,
        parts,
        vanished,
    };
    let text = serde_json::to_vec_pretty(&manifest).map_err(|e| e.to_string())?;
    target.put(SIGNATURE, &signer.sign(&text)).await.map_err(|e| format!("writing {SIGNATURE}: {e}"))?;
    target.put(MANIFEST, &text).await.map_err(|e| format!("writing {MANIFEST}: {e}"))?;
    Ok(manifest)
}

async fn put(target: &dyn BlobStore, name: &str, sealed: &[u8]) -> Result<Part, String> {
    target.put(name, sealed).await.map_err(|e| format!("writing {name}: {e}"))?;
    Ok(Part::of(name, sealed))
}
