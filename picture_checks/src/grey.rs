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

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    /// Grey rising by `step` a column from `left`, the same down each column.
    fn gradient(width: u32, height: u32, left: u8, step: u8) -> GrayImage {
        GrayImage::from_fn(width, height, |x, _| Luma([left + step * x as u8]))
    }

    #[test]
    fn shrinking_keeps_the_shape_and_says_by_how_much() {
        let (small, scale) = shrink(&GrayImage::new(400, 200), 100);
        assert_eq!(small.dimensions(), (100, 50));
        assert_eq!(scale, 0.25);
        let (upright, scale) = shrink(&GrayImage::new(300, 900), 600);
        assert_eq!(upright.dimensions(), (200, 600));
        assert!((scale - 2.0 / 3.0).abs() < 1e-6, "{scale}");
    }

    #[test]
    fn a_picture_already_small_enough_is_not_enlarged() {
        let grey = gradient(80, 60, 10, 3);
        let (same, scale) = shrink(&grey, 100);
        assert_eq!(scale, 1.0);
        assert_eq!(same, grey);
    }

    #[test]
    fn between_pixels_the_grey_is_the_weighted_mean_of_the_four_around() {
        let grey = GrayImage::from_raw(2, 2, vec![0, 100, 200, 40]).unwrap();
        assert_eq!(bilinear(&grey, 0.0, 0.0), 0);
        assert_eq!(bilinear(&grey, 1.0, 1.0), 40);
        assert_eq!(bilinear(&grey, 0.5, 0.0), 50);
        assert_eq!(bilinear(&grey, 0.0, 0.25), 50);
        assert_eq!(bilinear(&grey, 0.5, 0.5), 85, "(0 + 100 + 200 + 40) / 4");
        // Three quarters of the way along a gradient rising 10 a column, from column 2.
        assert_eq!(bilinear(&gradient(10, 3, 0, 10), 2.75, 1.0), 28);
    }

    #[test]
    fn beyond_the_edges_the_edge_pixels_repeat() {
        let grey = gradient(10, 4, 20, 10);
        assert_eq!(bilinear(&grey, -5.0, 1.0), 20);
        assert_eq!(bilinear(&grey, 30.0, -2.0), 110);
        assert_eq!(bilinear(&grey, 8.5, 9.0), 105, "halfway between columns 8 and 9, on the last row");
    }

    #[test]
    fn otsus_threshold_parts_dark_print_from_light_paper() {
        // Print of 30–60 on paper of 190–230, a third of the page, unevenly.
        let page = GrayImage::from_fn(90, 60, |x, y| {
            let ink = (x / 10) % 3 == 0;
            let wobble = ((x * 7 + y * 13) % 31) as u8;
            Luma([if ink { 30 + wobble } else { 190 + wobble + wobble / 3 }])
        });
        let t = otsu(&page);
        assert!((60..190).contains(&t), "{t}");
        let light = page.pixels().filter(|p| p.0[0] > t).count();
        assert_eq!(light, 90 * 60 * 2 / 3, "everything lighter than the threshold is the paper");
    }

    #[test]
    fn a_picture_correlates_fully_with_itself_and_negatively_with_its_negative() {
        let grey = GrayImage::from_fn(40, 30, |x, y| Luma([((x * 37 + y * 11) % 200) as u8]));
        let negative = GrayImage::from_fn(40, 30, |x, y| Luma([255 - grey.get_pixel(x, y).0[0]]));
        assert!((correlation(&grey, &grey, 0, 0, 0, 40) - 1.0).abs() < 1e-4);
        assert!((correlation(&grey, &negative, 0, 0, 0, 40) + 1.0).abs() < 1e-4);
    }

    #[test]
    fn correlation_finds_a_copy_where_it_was_moved_to() {
        let grey = GrayImage::from_fn(60, 40, |x, y| Luma([((x * x + 3 * y * y + x * y) % 251) as u8]));
        // The copy shows the picture moved 4 right and 3 down.
        let moved = GrayImage::from_fn(60, 40, |x, y| {
            Luma([grey.get_pixel(x.saturating_sub(4).min(59), y.saturating_sub(3).min(39)).0[0]])
        });
        let there = correlation(&grey, &moved, 4, 3, 0, 56);
        assert!(there > 0.999, "{there}");
        assert!(correlation(&grey, &moved, 0, 0, 0, 56) < there - 0.1);
        assert!(correlation(&grey, &moved, 3, 3, 0, 56) < there - 0.1);
    }

    #[test]
    fn an_even_grey_or_too_small_an_overlap_correlates_with_nothing() {
        let grey = GrayImage::from_fn(40, 30, |x, y| Luma([((x * 37 + y * 11) % 200) as u8]));
        let even = GrayImage::from_pixel(40, 30, Luma([128]));
        assert!(correlation(&grey, &even, 0, 0, 0, 40).abs() < 1e-6);
        // Moved so far that 4 columns of 30 rows overlap (120 pixels), then 1 column: 30 pixels,
        // fewer than the 50 a correlation needs.
        assert!(correlation(&grey, &grey, 36, 0, 0, 40) != 0.0);
        assert_eq!(correlation(&grey, &grey, 39, 0, 0, 40), 0.0);
    }

    #[test]
    fn along_rows_keeps_what_varies_along_a_row_and_drops_what_a_whole_row_shares() {
        // A band of ink across the middle: each row is even, so nothing is left of it.
        let band = GrayImage::from_fn(20, 10, |_, y| Luma([if (3..7).contains(&y) { 40 } else { 230 }]));
        assert!(along_rows(&band).pixels().all(|p| p.0[0] == 128));
        // A row of 100 and 200 in turn, mean 150: 50 below and above, halved, around 128.
        let stripes = GrayImage::from_fn(20, 2, |x, _| Luma([if x % 2 == 0 { 100 } else { 200 }]));
        let along = along_rows(&stripes);
        assert_eq!(along.get_pixel(0, 0).0[0], 103);
        assert_eq!(along.get_pixel(1, 1).0[0], 153);
    }
}
