//! The data folder, the database and the stored files are the server's user's alone, whatever
//! the machine's umask, and a folder an older version left readable is narrowed (issue 50).
use crate::support;

use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

use support::*;

/// Every file and folder under `root` whose mode lets others than its owner in.
fn open_to_others(root: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut waiting = vec![root.to_path_buf()];
    while let Some(path) = waiting.pop() {
        let metadata = std::fs::symlink_metadata(&path).unwrap();
        if metadata.permissions().mode() & 0o077 != 0 {
            found.push(format!("{} {:o}", path.display(), metadata.permissions().mode() & 0o777));
        }
        if metadata.is_dir() {
            waiting.extend(std::fs::read_dir(&path).unwrap().map(|entry| entry.unwrap().path()));
        }
    }
    found
}

#[tokio::test]
async fn the_data_folder_and_everything_the_server_writes_in_it_are_its_user_s_alone() {
    let data_dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(data_dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let port = support::cluster::free_port();
    let mut server = server_command(&data_dir, None)
        .env("ZIGE_LISTEN", format!("127.0.0.1:{port}"))
        .env("ZIGE_SEED_DEMO", "true")
        .env("ZIGE_RATE_LIMITS", "false")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let candidate = Browser::at(format!("http://127.0.0.1:{port}"));
    let deadline = Instant::now() + Duration::from_secs(60);
    while candidate.http.get(format!("http://127.0.0.1:{port}/health")).send().await.is_err() {
        assert!(Instant::now() < deadline, "the server never answered");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // A candidate's picture, stored as a file of its own.
    assert!(candidate.sign_up(ALICE, "考生", "secret-pass-1").await.status().is_success());
    assert!(candidate.call("accept_pledge", serde_json::json!({ "code": "000" })).await.status().is_success());
    assert_eq!(candidate.upload("id_card", 1, "card.jpg", samples::jpeg(120, 90)).await.status(), 201);
    server.kill().unwrap();
    server.wait().unwrap();
    assert_eq!(open_to_others(data_dir.path()), Vec::<String>::new());
}
