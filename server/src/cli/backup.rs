//! `server backup TARGET`, `server backup verify TARGET` and `server restore TARGET`: the backup
//! of an installation, its check, and its restore into an empty one (`crate::backup`). TARGET is a
//! folder or `s3://bucket/prefix` (reached through the same `AWS_*` settings as `ZIGE_BLOB_URL`).
//! The backup is sealed to `ZIGE_BACKUP_RECIPIENT`; the restore opens it with the identity in
//! `ZIGE_BACKUP_IDENTITY_FILE`. Both are audited; each prints what it did as one JSON line.

use std::process::ExitCode;
use std::sync::Arc;

use serde_json::json;

use app::ssr::infra::audit::{self, AuditAction};
use app::ssr::infra::blob_store::{BlobStore, LocalBlobStore};

use crate::backup::restore_backup::restore;
use crate::backup::sealed_file::{parse_identity, parse_recipient};
use crate::backup::take_backup::{take, Installation};
use crate::backup::verify_backup::verify;
use crate::config::Config;
use crate::object_blob_store::ObjectBlobStore;
use crate::storage::{open_blob_store, open_database};

type Failure = Box<dyn std::error::Error + Send + Sync>;

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BackupArgs {
    #[command(subcommand)]
    pub command: Option<BackupCommand>,
    /// Where to write the backup: a folder, or s3://bucket/prefix.
    pub target: Option<String>,
}

#[derive(clap::Subcommand)]
pub enum BackupCommand {
    /// Check a backup without opening it: every part present, with its recorded SHA-256.
    Verify { target: String },
}

pub async fn run_backup(args: &BackupArgs) -> ExitCode {
    let outcome = match (&args.command, &args.target) {
        (Some(BackupCommand::Verify { target }), _) => verify_at(target).await,
        (None, Some(target)) => backup_to(target).await,
        (None, None) => Err("say where: server backup TARGET, or server backup verify TARGET".into()),
    };
    finish(outcome)
}

pub async fn run_restore(target: &str) -> ExitCode {
    finish(restore_from(target).await)
}

fn finish(outcome: Result<serde_json::Value, Failure>) -> ExitCode {
    match outcome {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(1)
        }
    }
}

/// A folder, or an S3-compatible bucket and prefix.
async fn open_target(target: &str) -> Result<Arc<dyn BlobStore>, Failure> {
    Ok(if target.starts_with("s3://") {
        Arc::new(ObjectBlobStore::open(target)?)
    } else {
        Arc::new(LocalBlobStore::open(target).await?)
    })
}

async fn backup_to(target: &str) -> Result<serde_json::Value, Failure> {
    let config = Config::load()?;
    let recipient_text =
        config.backup_recipient.as_deref().ok_or("ZIGE_BACKUP_RECIPIENT (an age1… public key) is required")?;
    let recipient = parse_recipient(recipient_text).map_err(|e| format!("ZIGE_BACKUP_RECIPIENT: {e}"))?;
    let db = open_database(&config).await?;
    let blobs = open_blob_store(&config).await?;
    let key = crate::session_key::session_key(&config).await?;
    let store = open_target(target).await?;
    let installation = Installation { db: &db, blobs: blobs.as_ref(), session_key: key.master() };
    let manifest = take(&installation, &recipient, store.as_ref(), chrono::Utc::now()).await?;
    let files = manifest.parts.len() - 2;
    // Named in the audit, so an administrator knows what still holds the data (a retention sweep
    // deletes pictures from the installation, not from the backups taken before it).
    let detail = format!("{target}: {files} files, encrypted to {}", manifest.encrypted_to);
    audit::record(&db, None, AuditAction::BackupTaken, "installation", &detail, manifest.taken_at)
        .await
        .map_err(|e| e.message_en())?;
    Ok(
        json!({ "target": target, "taken_at": manifest.taken_at, "rows": manifest.rows, "files": files, "vanished": manifest.vanished }),
    )
}

async fn verify_at(target: &str) -> Result<serde_json::Value, Failure> {
    let store = open_target(target).await?;
    let (manifest, checked) = verify(store.as_ref()).await?;
    let summary = json!({ "target": target, "taken_at": manifest.taken_at, "parts": checked.parts, "bytes": checked.bytes,
        "missing": checked.missing, "damaged": checked.damaged });
    if checked.is_whole() {
        Ok(summary)
    } else {
        Err(format!("the backup is not whole: {summary}").into())
    }
}

async fn restore_from(target: &str) -> Result<serde_json::Value, Failure> {
    let config = Config::load()?;
    let identity_file = config
        .backup_identity_file
        .as_deref()
        .ok_or("ZIGE_BACKUP_IDENTITY_FILE (the age identity's file) is required")?;
    let identity_text = std::fs::read_to_string(identity_file)
        .map_err(|e| format!("ZIGE_BACKUP_IDENTITY_FILE ({}): {e}", identity_file.display()))?;
    let identity = parse_identity(&identity_text).map_err(|e| format!("ZIGE_BACKUP_IDENTITY_FILE: {e}"))?;
    let store = open_target(target).await?;
    let db = open_database(&config).await?;
    let blobs = open_blob_store(&config).await?;
    let restored = restore(store.as_ref(), &identity, &db, blobs.as_ref()).await?;
    // The installation keeps its session key, unless configuration names one of its own.
    if config.session_secret.is_none() {
        crate::secret_file::write(&config.data_dir.join("session_secret"), &restored.session_key).await?;
    }
    let detail = format!("from {target}, taken {}", restored.manifest.taken_at);
    audit::record(&db, None, AuditAction::BackupRestored, "installation", &detail, chrono::Utc::now())
        .await
        .map_err(|e| e.message_en())?;
    Ok(
        json!({ "target": target, "taken_at": restored.manifest.taken_at, "rows": restored.manifest.rows, "files": restored.files }),
    )
}
