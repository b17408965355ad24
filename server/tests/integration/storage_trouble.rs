//! When storage is in trouble an upload is told so plainly and nothing partial is kept: a full
//! disk is 507, a database locked by another writer is 503 with `Retry-After`; the next upload
//! after space returns or the lock is released is stored, with no restart.
use crate::support;

use std::path::Path;
use std::process::Command;

use app::error::AppError;
use sea_orm::sqlx::{Connection, SqliteConnection};
use support::*;

/// A 6 MiB tmpfs: a disk that really fills up. Mounting needs root (the test command runs as
/// root in CI); elsewhere the test says why it did nothing.
struct SmallDisk {
    folder: tempfile::TempDir,
}

impl SmallDisk {
    fn mount() -> Option<SmallDisk> {
        let folder = tempfile::tempdir().unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=6m", "tmpfs"])
            .arg(folder.path())
            .status()
            .is_ok_and(|status| status.success());
        if !mounted {
            eprintln!("storage full: needs root to mount a small tmpfs; not run");
            return None;
        }
        Some(SmallDisk { folder })
    }

    fn path(&self) -> &Path {
        self.folder.path()
    }

    /// Writes a filler file until the disk refuses another byte.
    fn fill(&self) {
        use std::io::Write;
        let mut filler = std::fs::File::create(self.path().join("filler")).unwrap();
        let block = vec![0u8; 64 * 1024];
        while filler.write_all(&block).is_ok() {}
        let _ = filler.write_all(&[0]);
    }

    fn free(&self) {
        std::fs::remove_file(self.path().join("filler")).unwrap();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.folder.path()).status();
    }
}

#[tokio::test]
async fn a_full_disk_refuses_the_upload_with_507_keeps_nothing_and_recovers_when_space_returns() {
    let Some(disk) = SmallDisk::mount() else { return };
    // The embedded default on that disk: the SQLite file and the blob folder side by side.
    let data_dir = disk.path().to_path_buf();
    let app = spawn_app_with(|config| {
        config.database_url = Some(format!("sqlite://{}?mode=rwc", data_dir.join("zige.db").display()));
        config.data_dir = data_dir.clone();
        config.blob_url = None;
    })
    .await;
    let alice = app.candidate(ALICE).await;
    let blobs_before = std::fs::read_dir(disk.path().join("blobs")).unwrap().count();

    disk.fill();
    let refused = alice.upload("education", 1, "diploma.jpg", samples::jpeg_padded_to(300, 400, 250 * 1024)).await;
    let (status, kind, _) = error_kind(refused).await;
    assert_eq!((status, kind.as_str()), (507, "StorageFull"));
    assert!(AppError::StorageFull.message_zh().contains("存储空间已满"));
    assert!(AppError::StorageFull.message_en().contains("storage is full"));
    assert_eq!(
        std::fs::read_dir(disk.path().join("blobs")).unwrap().count(),
        blobs_before,
        "no file, whole or partial, was left behind"
    );
    assert!(alice.exam_page().await["categories"][1]["materials"].as_array().unwrap().is_empty());

    disk.free();
    let stored = alice.upload_ok("education", 1, samples::jpeg_padded_to(300, 400, 250 * 1024)).await;
    assert_eq!(stored["seq_no"], 1, "stored once space returned, without a restart");
}

#[tokio::test]
async fn a_locked_database_refuses_the_upload_with_503_and_retry_after_and_keeps_nothing() {
    // SQLite's own writer lock; PostgreSQL locks rows, not the database.
    let app = spawn_app_with(|config| config.blob_url = None).await;
    if app.database_url.is_some() {
        return;
    }
    let alice = app.candidate(ALICE).await;
    let database = format!("sqlite://{}", app.data_dir.path().join("zige.db").display());
    let mut other_writer = SqliteConnection::connect(&database).await.unwrap();
    sea_orm::sqlx::query("BEGIN IMMEDIATE").execute(&mut other_writer).await.unwrap();

    let refused = alice.upload("education", 1, "diploma.jpg", samples::jpeg(300, 400)).await;
    let retry_after = refused.headers().get("retry-after").map(|v| v.to_str().unwrap().to_string());
    let (status, kind, _) = error_kind(refused).await;
    assert_eq!((status, kind.as_str()), (503, "Busy"));
    assert!(retry_after.is_some_and(|seconds| seconds.parse::<u64>().unwrap() > 0));
    assert!(app.blob_files().await.is_empty(), "no file was left behind");

    sea_orm::sqlx::query("ROLLBACK").execute(&mut other_writer).await.unwrap();
    alice.upload_ok("education", 1, samples::jpeg(300, 400)).await;
}
