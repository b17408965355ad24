//! The face detector on the benchmark set `scripts/bench/face_set.py` builds: how often it finds
//! the one face of 200 portraits (100 laid at known places from one real face, 100 different real
//! faces), how many faces it finds where there is none (100 pictures without a face, the exams'
//! documents), how long a search takes, and, on the portraits whose head is known, how far the
//! crop around the face lands from the exam's frame. Each picture is drawn at most `FACE_SIDE` on
//! its long side, as the browser and the server do.
//! Usage: cargo run -p app --features ssr --example face_set -- FOLDER (the detector is compiled
//! optimised in every profile: `[profile.dev.package.rustface]`)
//! (`./scripts/bench-faces.sh` builds the folder and runs this.)

use std::collections::HashMap;
use std::time::Instant;

use app::domain::face_finder::{FaceFinder, FACE_SIDE};
use app::domain::face_frame::FaceFrame;
use app::domain::face_geometry::{crop_around_head, FaceBox};
use image::imageops::FilterType;

/// Where a laid head is, as shares of its picture: hair top, chin, eyes' line (of the height), the
/// face's middle (of the width).
type Truth = (f64, f64, f64, f64);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let folder = std::env::args().nth(1).ok_or("usage: face_set FOLDER")?;
    let model = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../public/face/seeta_fd_frontal_v1.0.bin"))?;
    let finder = FaceFinder::from_model(&model).ok_or("not the model")?;
    let truths = read_truths(&format!("{folder}/truth.tsv"))?;
    let frame = FaceFrame::default();
    let mut files: Vec<_> = std::fs::read_dir(&folder)?.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    let (mut laid, mut laid_found, mut faces, mut faces_found, mut others, mut false_faces) = (0, 0, 0, 0, 0, 0);
    let mut times = Vec::new();
    let (mut share_errors, mut eye_errors, mut crops_in_frame) = (Vec::new(), Vec::new(), 0);
    for path in files {
        let name = path.file_name().unwrap_or_default().to_string_lossy().to_string();
        let Ok(picture) = image::open(&path) else { continue };
        let (w, h) = (picture.width(), picture.height());
        let scale = (f64::from(FACE_SIDE) / f64::from(w.max(h))).min(1.0);
        let (sw, sh) = ((f64::from(w) * scale).round() as u32, (f64::from(h) * scale).round() as u32);
        let drawn = picture.resize_exact(sw, sh, FilterType::Triangle).to_rgba8();
        let started = Instant::now();
        let found = finder.find(drawn.as_raw(), sw, sh);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        if name.starts_with("portrait-") {
            laid += 1;
            if let ([face], Some(truth)) = (found.as_slice(), truths.get(&name)) {
                laid_found += 1;
                let (share_error, eye_error) = crop_error(face, sw, (w, h), *truth, &frame);
                share_errors.push(share_error);
                eye_errors.push(eye_error);
                if share_error.abs() <= 0.05 && eye_error.abs() <= 0.05 {
                    crops_in_frame += 1;
                }
            }
        } else if name.starts_with("lfw-face-") {
            faces += 1;
            faces_found += usize::from(found.len() == 1);
        } else {
            others += 1;
            false_faces += found.len();
        }
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times.get(((times.len() as f64 - 1.0) * q).round() as usize).copied().unwrap_or_default();
    let mean_abs = |v: &[f64]| v.iter().map(|e| e.abs()).sum::<f64>() / v.len().max(1) as f64;
    let worst = |v: &[f64]| v.iter().map(|e| e.abs()).fold(0.0, f64::max);
    println!("| what | result |\n|---|---|");
    println!("| one face found, portraits laid at known places | {laid_found} of {laid} |");
    println!("| one face found, different real faces (LFW) | {faces_found} of {faces} |");
    println!(
        "| faces found in pictures without one (LFW's others, the documents) | {false_faces} in {others} pictures |"
    );
    println!(
        "| search time at {FACE_SIDE} px, median / p90 / worst (this machine, native) | {:.0} / {:.0} / {:.0} ms |",
        at(0.5),
        at(0.9),
        at(1.0)
    );
    println!(
        "| the crop around the face: the head's share against the aimed {:.1} %, mean / worst error | {:.1} / {:.1} points |",
        frame.head_share_aimed() * 100.0,
        mean_abs(&share_errors) * 100.0,
        worst(&share_errors) * 100.0
    );
    println!(
        "| the crop: the eyes' line against the aimed {:.0} %, mean / worst error | {:.1} / {:.1} points |",
        frame.eye_line_aimed() * 100.0,
        mean_abs(&eye_errors) * 100.0,
        worst(&eye_errors) * 100.0
    );
    println!("| crops within 5 points of both aims | {crops_in_frame} of {} |", share_errors.len());
    Ok(())
}

/// How far the crop around `face` (found in the picture drawn `sw` wide) puts the true head from
/// the frame's aims: (head share − aimed, eyes' line − aimed), in shares of the crop's height.
fn crop_error(face: &FaceBox, sw: u32, size: (u32, u32), truth: Truth, frame: &FaceFrame) -> (f64, f64) {
    let (w, h) = (f64::from(size.0), f64::from(size.1));
    let scale = w / f64::from(sw);
    let upright =
        FaceBox { x: face.x * scale, y: face.y * scale, width: face.width * scale, height: face.height * scale };
    let Some(crop) = crop_around_head(&upright, size.0, size.1, 0.75, frame) else { return (1.0, 1.0) };
    let (hair_top, chin, eyes, _) = truth;
    let crop_h = f64::from(crop.height);
    let share = (chin - hair_top) * h / crop_h;
    let eye_line = (eyes * h - f64::from(crop.y)) / crop_h;
    (share - frame.head_share_aimed(), eye_line - frame.eye_line_aimed())
}

fn read_truths(path: &str) -> Result<HashMap<String, Truth>, Box<dyn std::error::Error>> {
    let mut truths = HashMap::new();
    for line in std::fs::read_to_string(path)?.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        if let [name, hair_top, chin, eyes, middle] = fields.as_slice() {
            truths.insert(name.to_string(), (hair_top.parse()?, chin.parse()?, eyes.parse()?, middle.parse()?));
        }
    }
    Ok(truths)
}
