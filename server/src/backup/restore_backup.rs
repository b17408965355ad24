//! `server restore TARGET`: fills an empty installation (SQLite and a folder, or PostgreSQL and a
//! bucket, whichever the backup came from) from a whole backup, and refuses one that holds
//! anything. Nothing is opened before the manifest's signature holds against the keys the caller
//! trusts and every part matches the SHA-256 signed; each part is checked again as it is read, so
//! one replaced meanwhile is not opened either. The rows go in one transaction (a failed restore
//! leaves the installation empty), then the files; the session key is handed back for the caller
//! to keep.

use age::x25519::Identity;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Statement};
use serde_json::{Map, Value};

use app::ssr::entities::{exam_example, material, material_version};
use app::ssr::infra::blob_store::BlobStore;
use app::ssr::infra::blob_sweep::named_keys;

use super::backup_tables::{load, table_names};
use super::manifest::{key_of, sha256_hex, Manifest, DATABASE, FORMAT, MANIFEST, SECRETS};
use super::manifest_signature::{SignerKey, Trust};
use super::sealed_file::open;
use super::verify_backup::verify;
use app::ssr::infra::write_transaction::begin_write;

pub struct Restored {
    pub manifest: Manifest,
    /// Who signed the manifest; None: an unsigned backup the caller accepted.
    pub signed_by: Option<SignerKey>,
    pub files: usize,
    /// The installation's session key as it was (64 bytes).
    pub session_key: Vec<u8>,
}

pub async fn restore(
    target: &dyn BlobStore,
    identity: &Identity,
    trust: &Trust,
    db: &DatabaseConnection,
    blobs: &dyn BlobStore,
) -> Result<Restored, String> {
    let (manifest, checked) = verify(target, trust).await?;
    if !checked.is_whole() {
        return Err(format!(
            "the backup is not whole: missing {:?}, damaged (not the size and SHA-256 {MANIFEST} lists) {:?}: \
             nothing was restored",
            checked.missing, checked.damaged
        ));
    }
    if manifest.format != FORMAT {
        return Err(format!("backup format {} is not this version's ({FORMAT})", manifest.format));
    }
    refuse_unless_empty(db, blobs).await?;
    let tables: Map<String, Value> = serde_json::from_slice(&open_part(target, &manifest, DATABASE, identity).await?)
        .map_err(|e| format!("{DATABASE}: {e}"))?;
    let secrets: Value = serde_json::from_slice(&open_part(target, &manifest, SECRETS, identity).await?)
        .map_err(|e| format!("{SECRETS}: {e}"))?;
    let session_key =
        BASE64.decode(secrets["session_key"].as_str().unwrap_or_default()).map_err(|e| format!("{SECRETS}: {e}"))?;
    let rows = begin_write(db).await.map_err(|e| e.to_string())?;
    load(&rows, &tables).await?;
    for key in &manifest.vanished {
        let fail = |e: sea_orm::DbErr| format!("leaving out the rows of file {key}: {e}");
        material_version::Entity::delete_many()
            .filter(material_version::Column::BlobKey.eq(key))
            .exec(&rows)
            .await
            .map_err(fail)?;
        material::Entity::delete_many().filter(material::Column::BlobKey.eq(key)).exec(&rows).await.map_err(fail)?;
        exam_example::Entity::delete_many()
            .filter(exam_example::Column::BlobKey.eq(key))
            .exec(&rows)
            .await
            .map_err(fail)?;
    }
    rows.commit().await.map_err(|e| e.to_string())?;
    let mut files = 0;
    for part in manifest.parts.iter().filter(|p| key_of(&p.name).is_some()) {
        let key = key_of(&part.name).unwrap_or_default();
        let bytes = open_part(target, &manifest, &part.name, identity).await?;
        blobs.put(key, &bytes).await.map_err(|e| format!("writing file {key}: {e}"))?;
        files += 1;
    }
    let stored: std::collections::HashSet<String> =
        blobs.list().await.map_err(|e| e.to_string())?.into_iter().map(|b| b.key).collect();
    let unnamed: Vec<String> =
        named_keys(db).await.map_err(|e| e.message_en())?.into_iter().filter(|k| !stored.contains(k)).collect();
    if !unnamed.is_empty() {
        return Err(format!("restored rows name {} files the backup does not hold: {unnamed:?}", unnamed.len()));
    }
    Ok(Restored { manifest, signed_by: checked.signed_by, files, session_key })
}

/// A part's plain bytes, opened only when what was read is the part the manifest lists (the
/// manifest having been checked): a part sealed again by someone else is refused unopened.
async fn open_part(
    target: &dyn BlobStore,
    manifest: &Manifest,
    name: &str,
    identity: &Identity,
) -> Result<Vec<u8>, String> {
    let listed = manifest.part(name).ok_or_else(|| format!("{name} is not listed in {MANIFEST}"))?;
    let sealed =
        target.get(name).await.map_err(|e| format!("reading {name}: {e}"))?.ok_or(format!("{name} is missing"))?;
    if !listed.matches(&sealed) {
        return Err(format!(
            "{name} is not the part {MANIFEST} lists (SHA-256 {}, listed {}): it was replaced during the restore; \
             not opened",
            sha256_hex(&sealed),
            listed.sha256
        ));
    }
    open(&sealed, identity).map_err(|e| format!("{name}: {e}"))
}

/// A restore goes into an installation that holds nothing: no row in any table Zige keeps, no file.
async fn refuse_unless_empty(db: &DatabaseConnection, blobs: &dyn BlobStore) -> Result<(), String> {
    for table in table_names() {
        let sql = format!("SELECT COUNT(*) AS n FROM \"{table}\"");
        let counted =
            db.query_one(Statement::from_string(db.get_database_backend(), sql)).await.map_err(|e| e.to_string())?;
        let rows: i64 = counted.and_then(|row| row.try_get("", "n").ok()).unwrap_or(0);
        if rows > 0 {
            return Err(format!(
                "the installation is not empty ({rows} rows in {table}): a backup restores only into an empty one"
            ));
        }
    }
    let files = blobs.list().await.map_err(|e| e.to_string())?.len();
    if files > 0 {
        return Err(format!(
            "the installation is not empty ({files} stored files): a backup restores only into an empty one"
        ));
    }
    Ok(())
}
