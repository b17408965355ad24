//! Small operations on grey pictures that both checks use.

use image::GrayImage;

/// A copy whose long side is at most `long_side`, and the factor it was scaled by.
pub fn shrink(grey: &GrayImage, long_side: u32) -> (GrayImage, f32) {
    let long = grey.width().max(grey.height());
    if long <= long_side {
        return (grey.clone(), 1.0);
    }
    let scale = long_side as f32 / long as f32;
    let (w, h) = ((grey.width() as f32 * scale).round() as u32, (grey.height() as f32 * scale).round() as u32);
    (image::imageops::resize(grey, w, h, image::imageops::FilterType::Triangle), scale)
}

/// The grey value at a point between pixels, interpolated (edges repeat outwards).
pub fn bilinear(grey: &GrayImage, x: f32, y: f32) -> u8 {
    let (w, h) = (grey.width() as i64, grey.height() as i64);
    let (x0, y0) = (x.floor() as i64, y.floor() as i64);
    let (fx, fy) = (x - x0 as f32, y - y0 as f32);
    let at = |x: i64, y: i64| f32::from(grey.get_pixel(x.clamp(0, w - 1) as u32, y.clamp(0, h - 1) as u32).0[0]);
    let top = at(x0, y0) * (1.0 - fx) + at(x0 + 1, y0) * fx;
    let bottom = at(x0, y0 + 1) * (1.0 - fx) + at(x0 + 1, y0 + 1) * fx;
    (top * (1.0 - fy) + bottom * fy).round() as u8
}

/// Otsu's threshold of a grey picture.
pub fn otsu(grey: &GrayImage) -> u8 {
    let mut histogram = [0u64; 256];
    for p in grey.pixels() {
        histogram[p.0[0] as usize] += 1;
    }
    let total: u64 = histogram.iter().sum();
    let sum_all: f64 = histogram.iter().enumerate().map(|(v, &n)| v as f64 * n as f64).sum();
    let (mut below, mut sum_below, mut best, mut threshold) = (0u64, 0.0f64, 0.0f64, 127u8);
    for (v, &n) in histogram.iter().enumerate() {
        below += n;
        sum_below += v as f64 * n as f64;
        if below == 0 || below == total {
            continue;
        }
        let above = total - below;
        let (mean_below, mean_above) = (sum_below / below as f64, (sum_all - sum_below) / above as f64);
        let between = below as f64 * above as f64 * (mean_below - mean_above).powi(2);
        if between > best {
            (best, threshold) = (between, v as u8);
        }
    }
    threshold
}

/// Normalised correlation of `a`'s columns x0..x1 with `b` moved by (dx, dy).
pub fn correlation(a: &GrayImage, b: &GrayImage, dx: i32, dy: i32, x0: u32, x1: u32) -> f32 {
    let (mut sa, mut sb, mut saa, mut sbb, mut sab, mut n) = (0f64, 0f64, 0f64, 0f64, 0f64, 0f64);
    for y in 0..a.height() {
        let by = y as i32 + dy;
        if by < 0 || by >= b.height() as i32 {
            continue;
        }
        for x in x0..x1.min(a.width()) {
            let bx = x as i32 + dx;
            if bx < 0 || bx >= b.width() as i32 {
                continue;
            }
            let va = f64::from(a.get_pixel(x, y).0[0]);
            let vb = f64::from(b.get_pixel(bx as u32, by as u32).0[0]);
            sa += va;
            sb += vb;
            saa += va * va;
            sbb += vb * vb;
            sab += va * vb;
            n += 1.0;
        }
    }
    if n < 50.0 {
        return 0.0;
    }
    let covariance = sab / n - sa / n * sb / n;
    let spread = ((saa / n - (sa / n).powi(2)) * (sbb / n - (sb / n).powi(2))).sqrt();
    (covariance / spread.max(1e-6)) as f32
}

/// What varies along each row: the row's mean taken out (halved, around mid-grey), so that what
/// every line of print shares — a band of ink across the middle — no longer correlates.
pub fn along_rows(grey: &GrayImage) -> GrayImage {
    let mut out = grey.clone();
    for y in 0..grey.height() {
        let mean = (0..grey.width()).map(|x| f32::from(grey.get_pixel(x, y).0[0])).sum::<f32>() / grey.width() as f32;
        for x in 0..grey.width() {
            let v = f32::from(grey.get_pixel(x, y).0[0]);
            out.get_pixel_mut(x, y).0[0] = ((v - mean) / 2.0 + 128.0).round().clamp(0.0, 255.0) as u8;
        }
    }
    out
}
