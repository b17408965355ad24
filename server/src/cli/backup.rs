//! `server backup TARGET`, `server backup verify TARGET` and `server restore TARGET`: the backup
//! of an installation, its check, and its restore into an empty one (`crate::backup`). TARGET is a
//! folder or `s3://bucket/prefix` (reached through the same `AWS_*` settings as `ZIGE_BLOB_URL`).
//! The backup is sealed to `ZIGE_BACKUP_RECIPIENT` and its manifest signed with the installation's
//! own key, whose public half `server backup public-key` prints; the restore opens it with the
//! identity in `ZIGE_BACKUP_IDENTITY_FILE` and trusts the signer named beside it there (a line
//! `# backup signer: zige-backup-ed25519:…`). Backup and restore are audited; each command prints
//! what it did as one JSON line (`server backup public-key`: the key alone).

use std::process::ExitCode;
use std::sync::Arc;

use serde_json::json;

use app::ssr::infra::audit::{self, AuditAction};
use app::ssr::infra::blob_store::{BlobStore, LocalBlobStore};

use crate::backup::manifest::MANIFEST;
use crate::backup::manifest_signature::{ManifestSigner, SignerKey, Trust};
use crate::backup::restore_backup::restore;
use crate::backup::sealed_file::{parse_identity, parse_recipient};
use crate::backup::take_backup::{take, Installation};
use crate::backup::verify_backup::verify;
use crate::config::Config;
use crate::stores::object_blob_store::ObjectBlobStore;
use crate::stores::storage::{open_blob_store, open_database};

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
    /// Check a backup without opening it: its manifest signed by a key you trust, and every part
    /// present with the SHA-256 signed.
    Verify {
        target: String,
        /// A backup signer's public key to trust, as `server backup public-key` prints it (once
        /// per key). Without it: this installation's own key.
        #[arg(long)]
        signed_by: Vec<String>,
        #[command(flatten)]
        unsigned: AcceptUnsigned,
    },
    /// Print the public key this installation signs its backups with. Keep it beside the age
    /// identity, as a line `# backup signer: KEY` in ZIGE_BACKUP_IDENTITY_FILE: `server restore`
    /// trusts the signers named there.
    PublicKey,
}

#[derive(clap::Args)]
pub struct RestoreArgs {
    /// The backup: a folder, or s3://bucket/prefix.
    pub target: String,
    #[command(flatten)]
    pub unsigned: AcceptUnsigned,
}

#[derive(clap::Args)]
pub struct AcceptUnsigned {
    /// Accept a backup whose manifest carries no signature: one taken before Zige signed its
    /// backups. Anyone who can write where the backups are can write an unsigned one, so give
    /// this only for a backup you know is that old. A wrong signature is refused all the same.
    #[arg(long)]
    pub accept_unsigned: bool,
}

pub async fn run_backup(args: &BackupArgs) -> ExitCode {
    match (&args.command, &args.target) {
        (Some(BackupCommand::Verify { target, signed_by, unsigned }), _) => {
            finish(verify_at(target, signed_by, unsigned.accept_unsigned).await)
        }
        (Some(BackupCommand::PublicKey), _) => finish(installation_signer().await.map(|signer| signer.public())),
        (None, Some(target)) => finish(backup_to(target).await),
        (None, None) => {
            finish(Err::<String, _>("say where: server backup TARGET, or server backup verify TARGET".into()))
        }
    }
}

pub async fn run_restore(args: &RestoreArgs) -> ExitCode {
    finish(restore_from(&args.target, args.unsigned.accept_unsigned).await)
}

/// Prints what was done (a summary as one JSON line, a key as itself), or why not.
fn finish(outcome: Result<impl std::fmt::Display, Failure>) -> ExitCode {
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

/// A backup's pieces may be large and nobody waits on them in a browser: each may take this long.
const TARGET_DEADLINE: std::time::Duration = std::time::Duration::from_secs(600);

/// A folder, or an S3-compatible bucket and prefix.
async fn open_target(target: &str) -> Result<Arc<dyn BlobStore>, Failure> {
    Ok(if target.starts_with("s3://") {
        Arc::new(ObjectBlobStore::open(target, None, TARGET_DEADLINE)?)
    } else {
        Arc::new(LocalBlobStore::open(target).await?)
    })
}

/// The key this installation signs its backups' manifests with (derived from its session key, so
/// every server of it, and an installation restored from it, has the same).
async fn installation_signer() -> Result<ManifestSigner, Failure> {
    let config = Config::load()?;
    let key = crate::config::session_key::session_key(&config).await?;
    Ok(ManifestSigner::of_installation(&key))
}

/// How a verify or restore names whom it trusted, in its summary and its audit entry.
fn signed_by_text(signed_by: Option<SignerKey>) -> String {
    match signed_by {
        Some(key) => key.to_string(),
        None => format!("nobody: {MANIFEST} is unsigned, accepted with --accept-unsigned"),
    }
}

async fn backup_to(target: &str) -> Result<serde_json::Value, Failure> {
    let config = Config::load()?;
    let recipient_text =
        config.backup_recipient.as_deref().ok_or("ZIGE_BACKUP_RECIPIENT (an age1… public key) is required")?;
    let recipient = parse_recipient(recipient_text).map_err(|e| format!("ZIGE_BACKUP_RECIPIENT: {e}"))?;
    let db = open_database(&config).await?;
    let blobs = open_blob_store(&config).await?;
    let key = crate::config::session_key::session_key(&config).await?;
    let store = open_target(target).await?;
    let installation = Installation { db: &db, blobs: blobs.as_ref(), session_key: key.master() };
    let signer = ManifestSigner::of_installation(&key);
    let manifest = take(&installation, &recipient, &signer, store.as_ref(), chrono::Utc::now()).await?;
    let files = manifest.parts.len() - 2;
    // Named in the audit, so an administrator knows what still holds the data (a retention sweep
    // deletes pictures from the installation, not from the backups taken before it).
    let detail =
        format!("{target}: {files} files, encrypted to {}, signed by {}", manifest.encrypted_to, signer.public());
    audit::record(&db, None, AuditAction::BackupTaken, "installation", &detail, manifest.taken_at)
        .await
        .map_err(|e| e.message_en())?;
    Ok(
        json!({ "target": target, "taken_at": manifest.taken_at, "rows": manifest.rows, "files": files, "vanished": manifest.vanished,
            "signed_by": signer.public().to_string() }),
    )
}

async fn verify_at(target: &str, signed_by: &[String], accept_unsigned: bool) -> Result<serde_json::Value, Failure> {
    let trust = if signed_by.is_empty() {
        let own = installation_signer().await?.public();
        Trust {
            keys: vec![own],
            from: "this installation's own key (on another machine, give --signed-by KEY)".into(),
            accept_unsigned,
        }
    } else {
        let keys = signed_by.iter().map(|text| SignerKey::parse(text)).collect::<Result<_, _>>()?;
        Trust { keys, from: "--signed-by".into(), accept_unsigned }
    };
    let store = open_target(target).await?;
    let (manifest, checked) = verify(store.as_ref(), &trust).await?;
    let summary = json!({ "target": target, "taken_at": manifest.taken_at, "signed_by": signed_by_text(checked.signed_by),
        "parts": checked.parts, "bytes": checked.bytes, "missing": checked.missing, "damaged": checked.damaged });
    if checked.is_whole() {
        Ok(summary)
    } else {
        Err(format!("the backup is not whole: {summary}").into())
    }
}

async fn restore_from(target: &str, accept_unsigned: bool) -> Result<serde_json::Value, Failure> {
    let config = Config::load()?;
    let identity_file = config
        .backup_identity_file
        .as_deref()
        .ok_or("ZIGE_BACKUP_IDENTITY_FILE (the age identity's file) is required")?;
    let identity_text = std::fs::read_to_string(identity_file)
        .map_err(|e| format!("ZIGE_BACKUP_IDENTITY_FILE ({}): {e}", identity_file.display()))?;
    let identity = parse_identity(&identity_text).map_err(|e| format!("ZIGE_BACKUP_IDENTITY_FILE: {e}"))?;
    // The signers trusted are the ones named beside the identity: what the disaster-recovery side
    // holds, not anything the backup or the installation being filled says.
    let keys = SignerKey::all_in(&identity_text).map_err(|e| format!("ZIGE_BACKUP_IDENTITY_FILE: {e}"))?;
    let trust =
        Trust { keys, from: format!("ZIGE_BACKUP_IDENTITY_FILE ({})", identity_file.display()), accept_unsigned };
    let store = open_target(target).await?;
    let db = open_database(&config).await?;
    let blobs = open_blob_store(&config).await?;
    let restored = restore(store.as_ref(), &identity, &trust, &db, blobs.as_ref()).await?;
    // The installation keeps its session key, unless configuration names one of its own.
    if config.session_secret.is_none() {
        crate::config::secret_file::write(&config.data_dir.join("session_secret"), &restored.session_key).await?;
    }
    let signed_by = signed_by_text(restored.signed_by);
    let detail = format!("from {target}, taken {}, signed by {signed_by}", restored.manifest.taken_at);
    audit::record(&db, None, AuditAction::BackupRestored, "installation", &detail, chrono::Utc::now())
        .await
        .map_err(|e| e.message_en())?;
    Ok(
        json!({ "target": target, "taken_at": restored.manifest.taken_at, "signed_by": signed_by, "rows": restored.manifest.rows,
            "files": restored.files }),
    )
}
