//! `server exam validate` and `server exam import`.
use crate::support;

use std::process::Command;

use serde_json::json;
use support::*;

fn server() -> Command {
    Command::new(env!("CARGO_BIN_EXE_server"))
}

const DEMO_EXAM: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../exams/000-qualification-review.toml");

#[test]
fn the_shipped_demo_exam_validates() {
    let output = server().args(["exam", "validate", DEMO_EXAM]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8(output.stdout).unwrap().contains("exam 000 with 6 categories is valid"));
}

#[test]
fn validate_names_every_mistake_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("exam.toml");
    std::fs::write(
        &file,
        "code = \"900\"\ntitle_zh = \"t\"\ntitle_en = \"t\"\norganiser_zh = \"o\"\norganiser_en = \"o\"\npledge_zh = \"p\"\npledge_en = \"p\"\n\
         [windows]\nupload_opens = \"2026-12-01T09:00:00+08:00\"\nupload_closes = \"2026-11-01T09:00:00+08:00\"\n\
         review_closes = \"2026-12-20T09:00:00+08:00\"\nresults_published = \"2026-12-25T09:00:00+08:00\"\n\n\
         [[categories]]\ncode = \"photo\"\nname_zh = \"照片\"\nname_en = \"Photo\"\n[categories.rules]\nmin_bytes = 500\nmax_bytes = 100\n\n\
         [[categories]]\ncode = \"Photo 2\"\nname_zh = \"照片\"\nname_en = \"Photo\"\n",
    )
    .unwrap();
    let output = server().args(["exam", "validate"]).arg(&file).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let errors = String::from_utf8(output.stderr).unwrap();
    assert!(errors.contains("line 10: windows.upload_closes must be after windows.upload_opens"), "{errors}");
    assert!(errors.contains("line 15: \"photo\": min_bytes (500) is larger than max_bytes (100)"), "{errors}");
    assert!(errors.contains("line 23: \"Photo 2\": a category code must be lower-case"), "{errors}");
}

#[test]
fn validate_points_at_a_misspelt_key() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("exam.toml");
    let text = std::fs::read_to_string(DEMO_EXAM).unwrap().replace("max_count = 2", "max_cont = 2");
    let line = text.lines().position(|l| l.contains("max_cont")).unwrap() + 1;
    std::fs::write(&file, text).unwrap();
    let output = server().args(["exam", "validate"]).arg(&file).output().unwrap();
    let errors = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(errors.contains(&format!("line {line}")) && errors.contains("max_cont"), "{errors}");
}

#[tokio::test]
async fn an_imported_exam_is_offered_to_candidates() {
    let data_dir = tempfile::tempdir().unwrap();
    let file = data_dir.path().join("exam.toml");
    let text = std::fs::read_to_string(DEMO_EXAM).unwrap().replace("code = \"000\"", "code = \"777\"");
    std::fs::write(&file, text).unwrap();
    // The example pictures the file names live beside it.
    let examples = data_dir.path().join("examples");
    std::fs::create_dir(&examples).unwrap();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../exams/examples")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), examples.join(entry.file_name())).unwrap();
    }
    let database_url = fresh_database_url().await;
    let import = |file: &std::path::Path| {
        server_command(&data_dir, database_url.as_deref()).args(["exam", "import"]).arg(file).output().unwrap()
    };
    assert!(import(&file).status.success());
    assert_eq!(import(&file).status.code(), Some(1), "a second import must not overwrite");

    let app = spawn_app_with(|c| {
        c.data_dir = data_dir.path().to_path_buf();
        c.database_url = database_url.clone();
    })
    .await;
    let alice = app.candidate(ALICE).await;
    let exams: serde_json::Value = alice.call("list_exams", json!({})).await.json().await.unwrap();
    let codes: Vec<&str> = exams.as_array().unwrap().iter().map(|e| e["exam"]["code"].as_str().unwrap()).collect();
    // 004 admits only its list, so Alice does not see it.
    assert_eq!(codes, vec!["000", "777"]);
}
