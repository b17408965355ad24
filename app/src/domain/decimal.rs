//! A number with a fixed count of decimals, as messages show it ("412.5", "0.35", "87").
//!
//! `format!("{:.1}")` on a float would do the same, but it brings the standard library's float
//! printer into the browser's code (about 17 KB of the WASM before compression); this rounds
//! to a whole count of hundredths or tenths and prints integers.

/// `value` rounded half away from zero to `places` decimals (at most 4), every decimal written.
pub fn fixed(value: f64, places: u32) -> String {
    let places = places.min(4);
    let scale = 10_i64.pow(places);
    let scaled = (value * scale as f64).round() as i64;
    let sign = if scaled < 0 { "-" } else { "" };
    let (whole, part) = (scaled.abs() / scale, scaled.abs() % scale);
    if places == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{part:0width$}", width = places as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::fixed;

    #[test]
    fn writes_every_decimal_asked_for() {
        assert_eq!(fixed(412.5, 1), "412.5");
        assert_eq!(fixed(3.0, 1), "3.0");
        assert_eq!(fixed(0.35, 2), "0.35");
        assert_eq!(fixed(0.05, 3), "0.050");
    }

    #[test]
    fn rounds_to_the_nearest_and_halves_away_from_zero() {
        assert_eq!(fixed(87.4, 0), "87");
        assert_eq!(fixed(87.5, 0), "88");
        assert_eq!(fixed(2.25, 1), "2.3");
        assert_eq!(fixed(-1.25, 1), "-1.3");
        assert_eq!(fixed(-0.04, 1), "0.0");
    }

    #[test]
    fn agrees_with_the_float_printer_away_from_halves() {
        for value in [0.0, 1.0 / 3.0, 2.0 / 3.0, 12.345_678, 99.96, 1234.5678, 25.049] {
            for places in 0..=3 {
                assert_eq!(fixed(value, places), format!("{value:.*}", places as usize), "{value} to {places}");
            }
        }
    }
}
