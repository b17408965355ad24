//! Prints the advice on how each picture in a folder looks (`domain::picture_quality`), with the
//! numbers it was decided on: the table in `docs/photo-quality.md`. Each picture is first scaled to
//! at most `ANALYSIS_SIDE` on its long side, as the browser does before measuring.
//! Usage: cargo run -p app --example picture_quality_set -- FOLDER
//! (`./scripts/bench-picture-quality.sh` builds the folder from real photographs and runs this.)

use app::domain::picture_quality::{measure, quality_advice, PictureKind, ANALYSIS_SIDE};
use image::imageops::FilterType;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let folder = std::env::args().nth(1).ok_or("usage: picture_quality_set FOLDER")?;
    let mut files: Vec<_> = std::fs::read_dir(&folder)?.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    println!(
        "| picture | size | sharpness | median | darkest 1 % | ink | background | as a document | as an ID photo |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for path in files {
        let Ok(picture) = image::open(&path) else { continue };
        let picture = picture.to_rgba8();
        let (w, h) = picture.dimensions();
        let scale = (f64::from(ANALYSIS_SIDE) / f64::from(w.max(h))).min(1.0);
        let (sw, sh) = ((f64::from(w) * scale).round() as u32, (f64::from(h) * scale).round() as u32);
        let scaled =
            if scale < 1.0 { image::imageops::resize(&picture, sw, sh, FilterType::Triangle) } else { picture };
        let Some(m) = measure(scaled.as_raw(), sw, sh) else { continue };
        let advice = |kind| {
            let codes: Vec<_> = quality_advice(&m, kind).iter().map(|v| v.code.as_str()).collect();
            if codes.is_empty() {
                "—".to_string()
            } else {
                codes.join(", ")
            }
        };
        let [r, g, b] = m.background.rgb;
        println!(
            "| {} | {w}×{h} | {:.0} | {} | {} | {:.2} % | #{r:02x}{g:02x}{b:02x} ±{:.0} | {} | {} |",
            path.file_name().unwrap_or_default().to_string_lossy(),
            m.sharpness,
            m.median,
            m.darkest,
            m.ink_share * 100.0,
            m.background.unevenness,
            advice(PictureKind::Document),
            advice(PictureKind::Portrait),
        );
    }
    Ok(())
}
