//! `server check-files`: one JSON line per file, from the same check uploads get.
use crate::support;

use std::process::Command;

use serde_json::Value;
use support::samples::*;

#[test]
fn check_materials_prints_one_json_line_per_file_with_every_violation() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("photo.toml");
    std::fs::write(
        &rules,
        "formats = [\"jpeg\"]\nmax_bytes = 307200\nmin_width = 295\nmin_height = 413\naspect = \"3:4\"\n",
    )
    .unwrap();
    let good = dir.path().join("good.jpg");
    std::fs::write(&good, jpeg_with_exif(&jpeg(413, 310), ExifSpec { orientation: Some(6), ..Default::default() }))
        .unwrap();
    let bad = dir.path().join("bad.jpg");
    std::fs::write(&bad, png(100, 100)).unwrap();

    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("check-files")
        .arg("--rules")
        .arg(&rules)
        .arg(&good)
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "a refused file makes the exit status 1");
    let lines: Vec<Value> =
        String::from_utf8(output.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);

    let good = &lines[0];
    assert_eq!(good["accept"], true);
    assert_eq!(
        (good["format"].as_str(), good["width"].as_u64(), good["height"].as_u64(), good["orientation"].as_u64()),
        (Some("jpeg"), Some(310), Some(413), Some(6))
    );
    assert!(good["violations"].as_array().unwrap().is_empty());

    let bad = &lines[1];
    assert_eq!(bad["accept"], false);
    let codes: Vec<&str> = bad["violations"].as_array().unwrap().iter().map(|v| v["code"].as_str().unwrap()).collect();
    assert_eq!(codes, vec!["format_not_allowed", "width_too_small", "height_too_small", "aspect_mismatch"]);
    assert!(bad["violations"][0]["message_zh"].as_str().unwrap().contains("PNG"));
    assert!(bad["violations"][0]["message_en"].as_str().unwrap().contains("PNG"));
}

#[test]
fn check_materials_names_a_mistake_in_the_rule_file() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.toml");
    std::fs::write(&rules, "max_byte = 100\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("check-files")
        .arg("--rules")
        .arg(&rules)
        .arg("x.jpg")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr).unwrap().contains("max_byte"));
}

#[test]
fn check_materials_names_the_format_of_refused_files_and_cuts_what_follows_a_picture() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("scan.toml");
    std::fs::write(&rules, "formats = [\"jpeg\"]\nmax_bytes = 307200\n").unwrap();
    let heic = dir.path().join("IMG_0001.jpg");
    std::fs::write(&heic, b"\0\0\0\x18ftypheic\0\0\0\0mif1heic").unwrap();
    let webp = dir.path().join("photo.jpg");
    std::fs::write(&webp, [&b"RIFF\x24\0\0\0WEBPVP8 "[..], &[0; 24]].concat()).unwrap();
    let gif = dir.path().join("scan.jpg");
    std::fs::write(&gif, b"GIF89a\x01\0\x01\0\0\0\0;").unwrap();
    let picture = jpeg(120, 90);
    let motion = dir.path().join("motion.jpg");
    let video = [&b"MotionPhoto_Data"[..], &[0, 0, 0, 24], b"ftypmp42", &[0; 2048]].concat();
    std::fs::write(&motion, [&picture[..], &video].concat()).unwrap();

    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("check-files")
        .arg("--rules")
        .arg(&rules)
        .args([&heic, &webp, &gif, &motion])
        .output()
        .unwrap();
    let lines: Vec<Value> =
        String::from_utf8(output.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let formats: Vec<&str> = lines.iter().map(|line| line["format"].as_str().unwrap_or("")).collect();
    assert_eq!(formats, vec!["heif", "webp", "gif", "jpeg"]);
    assert!(lines[..3].iter().all(|line| line["accept"] == false));
    let motion = &lines[3];
    assert_eq!(motion["accept"], true, "{motion}");
    assert_eq!(motion["bytes"].as_u64(), Some(picture.len() as u64));
    assert_eq!(motion["cut_bytes"].as_u64(), Some(video.len() as u64));
}
