//! Backups that restore (issue 32), drilled as an operator would: candidates keep uploading while
//! `server backup` writes an encrypted backup of the running installation; `server backup verify`
//! checks it; `server restore` fills a fresh installation from it (SQLite and a folder in the
//! first pass; PostgreSQL and a bucket in the second, and from there into SQLite too). Every
//! upload answered before the backup began is served byte for byte, no row names a missing file,
//! the demo accounts log in, and a ticket printed before verifies after. And a backup is restored
//! only as the installation wrote it (issue 50): its manifest is signed, and a manifest rewritten,
//! a part sealed again by someone who can write to the backups, a backup signed by another key or
//! one not signed at all is refused by verify and by restore, with nothing installed.
use crate::support;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use age::secrecy::ExposeSecret;
use age::x25519::Identity;
use app::domain::ticket_code::{verify_ticket, TicketVerdict};
use app::ssr::infra::blob_sweep::named_keys;
use serde_json::{json, Value};
use server::backup::manifest::sha256_hex;
use server::backup::sealed_file::{open, parse_recipient, seal};
use support::tickets::{approve_first_waiting, scan_qr, with_rooms};
use support::*;

/// One upload the server answered: whose, which, what, and when the answer came.
struct Answered {
    id_number: String,
    material: String,
    bytes: Vec<u8>,
    at: Instant,
}

/// ALICE approved and seated in exam 000, her ticket printed and scanned: its code.
async fn printed_ticket(app: &TestApp) -> String {
    with_rooms(app, &[("101", 30)]).await;
    let reviewer = app.reviewer().await;
    let (alice, _) = app.submitted_candidate(ALICE).await;
    approve_first_waiting(app, &reviewer).await;
    app.clock.set(at("2098-12-31T09:00:00+08:00"));
    assert!(app.admin().await.call("admin_assign_seats", json!({ "exam_code": "000" })).await.status().is_success());
    app.clock.set(at("2099-01-10T09:00:00+08:00"));
    let ticket = alice.get("/api/exams/000/ticket.pdf").await;
    assert_eq!(ticket.status(), 200);
    scan_qr(&ticket.bytes().await.unwrap())
}

/// Candidates who upload one picture after another until told to stop.
fn keep_uploading(
    app: &TestApp,
    answered: Arc<Mutex<Vec<Answered>>>,
    stop: Arc<std::sync::atomic::AtomicBool>,
) -> Vec<tokio::task::JoinHandle<()>> {
    (0..3)
        .map(|n| {
            let (url, answered, stop) = (app.url(""), answered.clone(), stop.clone());
            tokio::spawn(async move {
                let id_number = resident_id(700 + n);
                let candidate = Browser::at(url);
                assert!(candidate.sign_up(&id_number, "考生", "secret-pass-1").await.status().is_success());
                assert!(candidate.call("accept_pledge", json!({ "code": "000" })).await.status().is_success());
                let places =
                    [("id_card", 1), ("id_card", 2), ("education", 1), ("work_resume", 1), ("other", 1), ("other", 2)];
                for (round, (category, seq_no)) in places.iter().cycle().take(24).enumerate() {
                    if stop.load(std::sync::atomic::Ordering::Relaxed) {
                        break;
                    }
                    let bytes = samples::jpeg(100 + round as u32, 80 + n);
                    let response = candidate.upload(category, *seq_no, "scan.jpg", bytes.clone()).await;
                    if response.status() == 201 {
                        let stored: Value = response.json().await.unwrap();
                        let material = stored["id"].as_str().unwrap().to_string();
                        answered.lock().unwrap().push(Answered {
                            id_number: id_number.clone(),
                            material,
                            bytes,
                            at: Instant::now(),
                        });
                    }
                }
            })
        })
        .collect()
}

fn run(mut command: std::process::Command) -> (bool, String) {
    let output = command.output().expect("the server binary runs");
    (
        output.status.success(),
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr)),
    )
}

/// What `server backup public-key` prints on the installation `command` runs against.
fn backup_signer(mut command: std::process::Command) -> String {
    command.args(["backup", "public-key"]);
    let (printed, said) = run(command);
    assert!(printed, "{said}");
    said.trim().lines().last().unwrap().to_string()
}

/// The restore side's file, as the operator keeps it: the age identity, and beside it the key of
/// the installation whose backups it trusts.
fn identity_file(folder: &Path, identity: &Identity, signer: &str) -> PathBuf {
    let path = folder.join("backup-identity.txt");
    let text = format!(
        "# public key: {}\n# backup signer: {signer}\n{}\n",
        identity.to_public(),
        identity.to_string().expose_secret()
    );
    std::fs::write(&path, text).unwrap();
    path
}

/// A backup of an installation in a folder, and the restore side's identity file for it.
struct FolderBackup {
    keys: tempfile::TempDir,
    target: PathBuf,
    identity: Identity,
    identity_file: PathBuf,
    signer: String,
}

fn backup_in_a_folder(app: &TestApp) -> FolderBackup {
    let identity = Identity::generate();
    let keys = tempfile::tempdir().unwrap();
    let signer = backup_signer(app.command());
    let identity_file = identity_file(keys.path(), &identity, &signer);
    let target = keys.path().join("backup");
    let mut backup = app.command();
    backup.env("ZIGE_BACKUP_RECIPIENT", identity.to_public().to_string()).arg("backup").arg(&target);
    let (taken, said) = run(backup);
    assert!(taken, "{said}");
    FolderBackup { keys, target, identity, identity_file, signer }
}

/// `server backup verify TARGET …` on `app`'s installation.
fn verify_backup_at(app: &TestApp, target: &Path, flags: &[&str]) -> (bool, String) {
    let mut verify = app.command();
    verify.args(["backup", "verify"]).arg(target).args(flags);
    run(verify)
}

/// `server restore TARGET …` into the installation (SQLite and a folder) in `data_dir`.
fn restore_into(data_dir: &tempfile::TempDir, identity_file: &Path, target: &Path, flags: &[&str]) -> (bool, String) {
    let mut restore = server_command(data_dir, None);
    restore
        .env_remove("ZIGE_BLOB_URL")
        .env("ZIGE_BACKUP_IDENTITY_FILE", identity_file)
        .arg("restore")
        .arg(target)
        .args(flags);
    run(restore)
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
    }
}

#[tokio::test]
async fn a_backup_taken_while_candidates_upload_restores_into_a_fresh_installation() {
    let app = spawn_app().await;
    let code = printed_ticket(&app).await;
    let on_the_day = at("2099-02-01T08:30:00+08:00").timestamp();
    app.clock.set(chrono::Utc::now());

    let identity = age::x25519::Identity::generate();
    let keys = tempfile::tempdir().unwrap();
    // The restore side keeps the installation's backup signer beside the identity.
    let signer = backup_signer(app.command());
    let identity_file = identity_file(keys.path(), &identity, &signer);
    let target = fresh_blob_url().unwrap_or_else(|| keys.path().join("backup").display().to_string());

    let answered = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let uploaders = keep_uploading(&app, answered.clone(), stop.clone());
    while answered.lock().unwrap().len() < 6 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    // The backup begins: what was answered before now must come back.
    let began = Instant::now();
    let mut backup = app.command();
    backup.env("ZIGE_BACKUP_RECIPIENT", identity.to_public().to_string()).args(["backup", &target]);
    let (taken, said) = tokio::task::spawn_blocking(move || run(backup)).await.unwrap();
    assert!(taken, "backup failed: {said}");
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for uploader in uploaders {
        uploader.await.unwrap();
    }
    let summary: Value = serde_json::from_str(said.lines().last().unwrap()).unwrap();
    assert!(summary["files"].as_u64().unwrap() >= 11, "{summary}");
    let audit = app.admin().await.call("admin_audit_log", json!({ "query": { "action": "backup_taken" } })).await;
    assert!(audit.text().await.unwrap().contains(&target), "the backup is named in the audit");

    let mut verify = app.command();
    verify.args(["backup", "verify", &target]);
    let (whole, said) = run(verify);
    assert!(whole && said.contains(&signer), "{said}");

    // Restored into a fresh installation, then served from it.
    let restored_dir = tempfile::tempdir().unwrap();
    let restored_database = fresh_database_url().await;
    let restored_blobs = fresh_blob_url();
    let mut restore = server_command(&restored_dir, restored_database.as_deref());
    if let Some(url) = &restored_blobs {
        restore.env("ZIGE_BLOB_URL", url);
    }
    restore.env("ZIGE_BACKUP_IDENTITY_FILE", &identity_file).args(["restore", &target]);
    let (done, said) = run(restore);
    assert!(done, "restore failed: {said}");
    let restored = spawn_app_with(|config| {
        config.data_dir = restored_dir.path().to_path_buf();
        config.database_url = restored_database.clone();
        config.blob_url = restored_blobs.clone();
    })
    .await;

    let before: Vec<(String, String, Vec<u8>)> = answered
        .lock()
        .unwrap()
        .iter()
        .filter(|a| a.at < began)
        .map(|a| (a.id_number.clone(), a.material.clone(), a.bytes.clone()))
        .collect();
    assert!(before.len() >= 6);
    for (id_number, material, bytes) in &before {
        let candidate = restored.browser();
        assert!(candidate.log_in(id_number, "secret-pass-1").await.status().is_success());
        let served = candidate.get(&format!("/api/materials/{material}/file")).await;
        assert_eq!(served.status(), 200, "upload {material} answered before the backup is gone");
        assert_eq!(served.bytes().await.unwrap().to_vec(), *bytes, "upload {material} changed");
    }
    let stored: Vec<String> = restored.state.blobs.list().await.unwrap().into_iter().map(|b| b.key).collect();
    let named = named_keys(&restored.state.db).await.unwrap();
    assert!(named.iter().all(|key| stored.contains(key)), "a row names a file the restore lacks");
    restored.admin().await;
    restored.reviewer().await;
    let public = restored.state.ticket_keys.signing().verifying_key();
    assert!(matches!(verify_ticket(&code, &public, on_the_day), TicketVerdict::Valid(_)), "the printed ticket");

    // A restore goes only into an empty installation.
    let mut again = server_command(&restored_dir, restored_database.as_deref());
    if let Some(url) = &restored_blobs {
        again.env("ZIGE_BLOB_URL", url);
    }
    again.env("ZIGE_BACKUP_IDENTITY_FILE", &identity_file).args(["restore", &target]);
    let (refused, said) = run(again);
    assert!(!refused && said.contains("not empty"), "{said}");

    // A backup of PostgreSQL and a bucket restores into SQLite and a folder too.
    if restored_database.is_some() {
        let elsewhere = tempfile::tempdir().unwrap();
        let mut restore = server_command(&elsewhere, None);
        restore.env("ZIGE_BACKUP_IDENTITY_FILE", &identity_file).env_remove("ZIGE_BLOB_URL").args(["restore", &target]);
        let (done, said) = run(restore);
        assert!(done, "restore into SQLite failed: {said}");
        assert!(std::fs::read_dir(elsewhere.path().join("blobs")).unwrap().count() >= before.len());
    }
}

#[tokio::test]
async fn a_damaged_or_unfinished_backup_is_named_as_such_and_not_restored() {
    let app = spawn_app().await;
    // The damage is done to a backup in a folder (the drill covers backups in a bucket).
    let (_alice, _) = app.submitted_candidate(ALICE).await;
    let identity = age::x25519::Identity::generate();
    let folder = tempfile::tempdir().unwrap();
    let target = folder.path().join("backup").display().to_string();
    let mut backup = app.command();
    backup.env("ZIGE_BACKUP_RECIPIENT", identity.to_public().to_string()).args(["backup", &target]);
    let (taken, said) = run(backup);
    assert!(taken, "{said}");
    let part = std::fs::read_dir(&target)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.display().to_string().contains("file-"))
        .unwrap();
    let mut bytes = std::fs::read(&part).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&part, bytes).unwrap();
    let mut verify = app.command();
    verify.args(["backup", "verify", &target]);
    let (whole, said) = run(verify);
    assert!(!whole && said.contains("damaged") && said.contains(part.file_name().unwrap().to_str().unwrap()), "{said}");

    std::fs::remove_file(std::path::Path::new(&target).join("manifest.json")).unwrap();
    let mut verify = app.command();
    verify.args(["backup", "verify", &target]);
    let (whole, said) = run(verify);
    assert!(!whole && said.contains("never finished"), "{said}");
    // Without a recipient there is no backup at all, rather than one in plain text.
    let mut plain = app.command();
    plain.env_remove("ZIGE_BACKUP_RECIPIENT").args(["backup", &target]);
    let (taken, said) = run(plain);
    assert!(!taken && said.contains("ZIGE_BACKUP_RECIPIENT"), "{said}");
}

#[tokio::test]
async fn every_table_of_the_schema_is_in_a_backup_but_the_sessions() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let app = spawn_app().await;
    let db = &app.state.db;
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    };
    let rows = db.query_all(Statement::from_string(db.get_database_backend(), sql)).await.unwrap();
    let mut schema: Vec<String> = rows.iter().map(|row| row.try_get::<String>("", "name").unwrap()).collect();
    schema.retain(|name| name != "seaql_migrations" && name != "sessions");
    schema.sort();
    let mut kept: Vec<String> = server::backup::backup_tables::table_names().into_iter().map(String::from).collect();
    kept.sort();
    assert_eq!(kept, schema, "a table the backup leaves out (or names but the schema lacks)");
}

#[tokio::test]
async fn a_backup_of_sqlite_and_a_folder_restores_into_postgresql_and_a_bucket() {
    // The PostgreSQL pass only: it has the server and the bucket to restore into.
    let (Some(database), Some(bucket)) = (fresh_database_url().await, fresh_blob_url()) else { return };
    let embedded = spawn_app_with(|config| {
        config.database_url = Some(format!("sqlite://{}?mode=rwc", config.data_dir.join("zige.db").display()));
        config.blob_url = None;
    })
    .await;
    let (alice, pictures) = embedded.submitted_candidate(ALICE).await;
    let served = alice.get(&format!("/api/materials/{}/file", pictures[0])).await.bytes().await.unwrap().to_vec();
    let identity = age::x25519::Identity::generate();
    let keys = tempfile::tempdir().unwrap();
    let mut signer = server_command(&embedded.data_dir, None);
    signer.env_remove("ZIGE_BLOB_URL");
    let identity_file = identity_file(keys.path(), &identity, &backup_signer(signer));
    let target = keys.path().join("backup").display().to_string();
    let mut backup = server_command(&embedded.data_dir, None);
    backup
        .env_remove("ZIGE_BLOB_URL")
        .env("ZIGE_BACKUP_RECIPIENT", identity.to_public().to_string())
        .args(["backup", &target]);
    let (taken, said) = run(backup);
    assert!(taken, "{said}");

    let restored_dir = tempfile::tempdir().unwrap();
    let mut restore = server_command(&restored_dir, Some(&database));
    restore.env("ZIGE_BLOB_URL", &bucket).env("ZIGE_BACKUP_IDENTITY_FILE", &identity_file).args(["restore", &target]);
    let (done, said) = run(restore);
    assert!(done, "{said}");
    let restored = spawn_app_with(|config| {
        config.data_dir = restored_dir.path().to_path_buf();
        config.database_url = Some(database.clone());
        config.blob_url = Some(bucket.clone());
    })
    .await;
    let candidate = restored.browser();
    assert!(candidate.log_in(ALICE, "secret-pass-1").await.status().is_success());
    let again = candidate.get(&format!("/api/materials/{}/file", pictures[0])).await;
    assert_eq!(again.bytes().await.unwrap().to_vec(), served, "the picture, byte for byte, in the bucket");
    // New rows number on from the restored ones (PostgreSQL's sequences were moved past them).
    let bob = restored.candidate(BOB).await;
    bob.upload_ok("id_card", 1, samples::jpeg(120, 90)).await;
}

#[tokio::test]
async fn a_part_sealed_again_to_the_recipient_with_its_manifest_rewritten_is_refused_and_nothing_is_installed() {
    let app = spawn_app().await;
    app.submitted_candidate(ALICE).await;
    let backup = backup_in_a_folder(&app);
    let genuine = backup.keys.path().join("genuine");
    copy_folder(&backup.target, &genuine);

    // Someone who can write to the backups, but holds no key, seals a database part of their own
    // to the recipient the manifest names: ALICE an administrator. (They would write the rows
    // themselves; the test edits the real ones, which takes the identity, for brevity.)
    let part = backup.target.join("database.json.age");
    let mut tables: Value =
        serde_json::from_slice(&open(&std::fs::read(&part).unwrap(), &backup.identity).unwrap()).unwrap();
    let alice = tables["user"].as_array_mut().unwrap().iter_mut().find(|user| user["id_number"] == ALICE).unwrap();
    alice["role"] = json!("admin");
    let manifest_file = backup.target.join("manifest.json");
    let mut manifest: Value = serde_json::from_slice(&std::fs::read(&manifest_file).unwrap()).unwrap();
    let recipient = parse_recipient(manifest["encrypted_to"].as_str().unwrap()).unwrap();
    let resealed = seal(&serde_json::to_vec(&tables).unwrap(), &recipient).unwrap();
    std::fs::write(&part, &resealed).unwrap();
    let restored_dir = tempfile::tempdir().unwrap();

    // The part alone: its SHA-256 is not the one signed.
    let (whole, said) = verify_backup_at(&app, &backup.target, &[]);
    assert!(!whole && said.contains("damaged") && said.contains("database.json.age"), "{said}");
    let (done, said) = restore_into(&restored_dir, &backup.identity_file, &backup.target, &[]);
    assert!(!done && said.contains("database.json.age") && said.contains("nothing was restored"), "{said}");

    // The manifest rewritten to list it: the manifest no longer matches its signature, and no
    // flag lets that pass.
    let listed = manifest["parts"].as_array_mut().unwrap().iter_mut().find(|p| p["name"] == "database.json.age");
    let listed = listed.unwrap();
    listed["bytes"] = json!(resealed.len());
    listed["sha256"] = json!(sha256_hex(&resealed));
    std::fs::write(&manifest_file, serde_json::to_vec_pretty(&manifest).unwrap()).unwrap();
    for flags in [&[][..], &["--accept-unsigned"][..]] {
        let (whole, said) = verify_backup_at(&app, &backup.target, flags);
        assert!(!whole && said.contains("manifest.json does not match its signature"), "{said}");
        let (done, said) = restore_into(&restored_dir, &backup.identity_file, &backup.target, flags);
        assert!(!done && said.contains("manifest.json does not match its signature"), "{said}");
    }

    // Nothing was installed: the backup as it was written restores into the same installation,
    // which takes one only while it is empty.
    let (whole, said) = verify_backup_at(&app, &genuine, &[]);
    assert!(whole, "{said}");
    let (done, said) = restore_into(&restored_dir, &backup.identity_file, &genuine, &[]);
    assert!(done && said.contains(&backup.signer), "{said}");
}

#[tokio::test]
async fn a_backup_signed_by_a_key_the_restore_side_does_not_hold_is_refused() {
    let app = spawn_app().await;
    app.submitted_candidate(ALICE).await;
    let ours = backup_in_a_folder(&app);
    // Another installation (here: these rows under another session secret, so another signer)
    // seals a whole backup to our recipient, which any manifest names, and signs it itself.
    let theirs = ours.keys.path().join("theirs");
    let mut backup = app.command();
    backup
        .env("ZIGE_SESSION_SECRET", "another installation's secret ".repeat(3))
        .env("ZIGE_BACKUP_RECIPIENT", ours.identity.to_public().to_string())
        .arg("backup")
        .arg(&theirs);
    let (taken, said) = run(backup);
    assert!(taken, "{said}");
    let summary: Value = serde_json::from_str(said.lines().last().unwrap()).unwrap();
    let their_signer = summary["signed_by"].as_str().unwrap().to_string();
    assert_ne!(their_signer, ours.signer);

    let (whole, said) = verify_backup_at(&app, &theirs, &[]);
    assert!(!whole && said.contains(&format!("is signed by {their_signer}, not by a key")), "{said}");
    let (whole, said) = verify_backup_at(&app, &theirs, &["--signed-by", &ours.signer]);
    assert!(!whole && said.contains(&their_signer) && said.contains("--signed-by"), "{said}");
    let restored_dir = tempfile::tempdir().unwrap();
    let (done, said) = restore_into(&restored_dir, &ours.identity_file, &theirs, &["--accept-unsigned"]);
    assert!(!done && said.contains(&their_signer) && said.contains("ZIGE_BACKUP_IDENTITY_FILE"), "{said}");

    // The installation's own backup, signed by the key the restore side holds, restores there.
    let (done, said) = restore_into(&restored_dir, &ours.identity_file, &ours.target, &[]);
    assert!(done, "{said}");
}

#[tokio::test]
async fn an_unsigned_backup_is_refused_unless_the_operator_accepts_it_knowingly() {
    let app = spawn_app().await;
    app.submitted_candidate(ALICE).await;
    let backup = backup_in_a_folder(&app);
    // As a backup taken before Zige signed its backups is (or one whose signature was removed).
    std::fs::remove_file(backup.target.join("manifest.sig")).unwrap();

    let (whole, said) = verify_backup_at(&app, &backup.target, &[]);
    assert!(!whole && said.contains("manifest.json is not signed") && said.contains("--accept-unsigned"), "{said}");
    let restored_dir = tempfile::tempdir().unwrap();
    let (done, said) = restore_into(&restored_dir, &backup.identity_file, &backup.target, &[]);
    assert!(!done && said.contains("manifest.json is not signed") && said.contains("--accept-unsigned"), "{said}");

    let (whole, said) = verify_backup_at(&app, &backup.target, &["--accept-unsigned"]);
    assert!(whole && said.contains("unsigned, accepted with --accept-unsigned"), "{said}");
    let (done, said) = restore_into(&restored_dir, &backup.identity_file, &backup.target, &["--accept-unsigned"]);
    assert!(done && said.contains("unsigned, accepted with --accept-unsigned"), "{said}");
}
