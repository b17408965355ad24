//! Reads every picture of a folder with rxing and with rqrr; prints, per picture, whether each
//! read the code and how long it took, then the totals. A picture whose name starts with `bad_`
//! should not be read (the code cut off, smeared, or absent).

use std::time::Instant;

fn main() {
    let folder = std::env::args().nth(1).expect("usage: qr-decoders FOLDER");
    let mut pictures: Vec<_> = std::fs::read_dir(&folder).unwrap().map(|entry| entry.unwrap().path()).collect();
    pictures.sort();
    let (mut rxing_read, mut rqrr_read, mut rxing_ms, mut rqrr_ms) = (0, 0, 0.0, 0.0);
    for path in &pictures {
        let luma = image::open(path).unwrap().to_luma8();
        let (width, height) = luma.dimensions();
        let started = Instant::now();
        let by_rxing = qr_decoders::read_with_rxing(luma.as_raw().clone(), width, height);
        let rxing_took = started.elapsed().as_secs_f64() * 1e3;
        let started = Instant::now();
        let mut prepared = rqrr::PreparedImage::prepare(luma);
        let by_rqrr = prepared.detect_grids().first().and_then(|grid| grid.decode().ok()).map(|(_, text)| text);
        let rqrr_took = started.elapsed().as_secs_f64() * 1e3;
        rxing_ms += rxing_took;
        rqrr_ms += rqrr_took;
        rxing_read += u32::from(by_rxing.is_some());
        rqrr_read += u32::from(by_rqrr.is_some());
        println!(
            "{:44} rxing {:5} {rxing_took:6.1} ms   rqrr {:5} {rqrr_took:6.1} ms",
            path.file_name().unwrap().to_string_lossy(),
            by_rxing.is_some(),
            by_rqrr.is_some()
        );
    }
    let n = pictures.len();
    println!("read: rxing {rxing_read}/{n}, rqrr {rqrr_read}/{n}; time in all: rxing {rxing_ms:.0} ms, rqrr {rqrr_ms:.0} ms");
}
