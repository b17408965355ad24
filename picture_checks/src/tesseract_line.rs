//! Tesseract as a child process killed at a deadline, reading one line of digits (and X), or a
//! page of simplified Chinese; one core per run (`OMP_THREAD_LIMIT=1`), so how many run at once is
//! the caller's to bound.

use std::io::{Read as _, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use image::GrayImage;

/// Runs `tesseract stdin stdout` on the crop (as PGM) as one line of 0-9 and X; None if it fails
/// or is still running at the deadline (then it is killed).
pub fn run_tesseract(tesseract: &Path, crop: &GrayImage, deadline: Instant) -> Option<String> {
    let line = ["-l", "eng", "--oem", "1", "--psm", "7", "--dpi", "300"];
    let digits = ["-c", "tessedit_char_whitelist=0123456789X", "-c", "load_system_dawg=0", "-c", "load_freq_dawg=0"];
    run(tesseract, crop, &[&line[..], &digits[..]].concat(), deadline)
}

/// Runs `tesseract stdin stdout` on a page (as PGM) in simplified Chinese (`chi_sim`, Debian's
/// tesseract-ocr-chi-sim), its layout found by tesseract (`--psm 6`: one block of text); None if it
/// fails (the language not installed) or is still running at the deadline.
pub fn run_tesseract_chinese(tesseract: &Path, page: &GrayImage, dpi: u32, deadline: Instant) -> Option<String> {
    let dpi = dpi.to_string();
    run(tesseract, page, &["-l", "chi_sim", "--oem", "1", "--psm", "6", "--dpi", &dpi], deadline)
}

fn run(tesseract: &Path, crop: &GrayImage, args: &[&str], deadline: Instant) -> Option<String> {
    let mut pgm = format!("P5\n{} {}\n255\n", crop.width(), crop.height()).into_bytes();
    pgm.extend_from_slice(crop.as_raw());
    let mut child = Command::new(tesseract)
        .args(["stdin", "stdout"])
        .args(args)
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let writer = std::thread::spawn(move || stdin.write_all(&pgm)); // dropped when done: EOF
    let mut stdout = child.stdout.take()?;
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        stdout.read_to_string(&mut text).map(|_| text)
    });
    loop {
        match child.try_wait() {
            Ok(Some(status)) => {
                let _ = writer.join();
                let text = reader.join().ok()?.ok()?;
                return status.success().then_some(text);
            }
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                let _ = writer.join();
                let _ = reader.join();
                return None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hung_tesseract_is_killed_at_the_deadline() {
        let dir = std::env::temp_dir().join(format!("id-number-ocr-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let hung = dir.join("tesseract");
        std::fs::write(&hung, "#!/bin/sh\nexec sleep 30\n").unwrap();
        std::fs::set_permissions(&hung, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
        let started = Instant::now();
        let read = run_tesseract(&hung, &GrayImage::new(400, 80), started + Duration::from_millis(300));
        assert_eq!(read, None);
        assert!(started.elapsed() < Duration::from_secs(2));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
