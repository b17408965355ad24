//! Reads the ID number off every picture of a folder and prints, per picture, what it should
//! read (the 18 characters its name starts with; names starting with `bad_` should read as
//! nothing), what it read and how long that took, then the totals: read exactly, false reads (a
//! valid number other than the expected one: must be none), unreadable, time per picture, and
//! the share read by each condition in the names (photo/scan, f fill, t tilt, b blur, l light).
//! Usage: id-number-ocr FOLDER [TESSERACT] (default /usr/bin/tesseract); ID_OCR_CROPS=DIR saves
//! every crop handed to tesseract.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use app::domain::{IdNumber, IdType};
use picture_checks::id_card::{read_id_number_traced, Reading};

/// The server's bound on one card (`app::ssr::assistant::picture_analysis`).
const TIMEOUT: Duration = Duration::from_secs(10);

/// What the server accepts as a read number: what it accepts as an account's.
fn accept(text: &str) -> Option<String> {
    IdNumber::parse(IdType::ResidentId, text).ok().map(|number| number.as_str().to_string())
}

fn main() {
    let folder = std::env::args().nth(1).expect("usage: id-number-ocr FOLDER [TESSERACT]");
    let tesseract = PathBuf::from(std::env::args().nth(2).unwrap_or_else(|| "/usr/bin/tesseract".into()));
    let crops = std::env::var_os("ID_OCR_CROPS").map(PathBuf::from);
    let mut pictures: Vec<PathBuf> = std::fs::read_dir(&folder).unwrap().map(|entry| entry.unwrap().path()).collect();
    pictures.sort();
    let (mut readable, mut exact, mut false_reads, mut unreadable, mut bad, mut bad_read) = (0, 0, 0, 0, 0, 0);
    let (mut total_ms, mut worst_ms) = (0.0f64, 0.0f64);
    let mut by_condition: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for path in &pictures {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let expected = (!name.starts_with("bad_")).then(|| name[..18].to_string());
        let picture = image::open(path).unwrap();
        let started = Instant::now();
        let mut tries = 0;
        let reading = read_id_number_traced(&picture, &tesseract, TIMEOUT, &accept, &mut |crop, text| {
            tries += 1;
            if let Some(dir) = &crops {
                save_crop(dir, &name, tries, crop, text);
            }
        });
        let ms = started.elapsed().as_secs_f64() * 1e3;
        total_ms += ms;
        worst_ms = worst_ms.max(ms);
        let read = match &reading {
            Reading::Read(number) => number.as_str(),
            Reading::Unreadable => "-",
            Reading::Unfinished => panic!("tesseract failed or ran out of time on {name}: the figures would be wrong"),
        };
        let verdict = match (&expected, &reading) {
            (Some(want), Reading::Read(got)) if want == got => "exact",
            (Some(_), Reading::Read(_)) => "FALSE READ",
            (Some(_), Reading::Unreadable) => "unreadable",
            (None, Reading::Read(_)) => "FALSE READ",
            (None, Reading::Unreadable) => "rightly unreadable",
            (_, Reading::Unfinished) => unreachable!("refused above"),
        };
        println!("{name:60} read {read:18} {verdict:18} {tries} crop(s) {ms:6.0} ms");
        match expected {
            Some(_) => {
                readable += 1;
                let ok = verdict == "exact";
                exact += u32::from(ok);
                false_reads += u32::from(verdict == "FALSE READ");
                unreadable += u32::from(verdict == "unreadable");
                for condition in name[19..].split('_') {
                    let entry = by_condition.entry(condition.to_string()).or_default();
                    entry.0 += u32::from(ok);
                    entry.1 += 1;
                }
            }
            None => {
                bad += 1;
                bad_read += u32::from(verdict == "FALSE READ");
                false_reads += u32::from(verdict == "FALSE READ");
            }
        }
    }
    println!();
    for (condition, (ok, n)) in &by_condition {
        println!("  {condition:8} {ok:3}/{n:<3} read exactly");
    }
    let n = pictures.len().max(1) as f64;
    println!(
        "readable set: {exact}/{readable} read exactly ({:.0} %), {unreadable} unreadable; must not read: {bad_read}/{bad} read; \
         false reads in all: {false_reads}; time per picture: {:.0} ms mean, {worst_ms:.0} ms worst",
        100.0 * f64::from(exact) / f64::from(readable.max(1)),
        total_ms / n
    );
}

fn save_crop(dir: &Path, name: &str, n: u32, crop: &image::GrayImage, text: &str) {
    std::fs::create_dir_all(dir).unwrap();
    let text: String = text.chars().filter(char::is_ascii_alphanumeric).collect();
    crop.save(dir.join(format!("{name}.{n}.{text}.png"))).unwrap();
}
