//! Numbers with one decimal ("1.2 MB", "3.5%") written with integer arithmetic. Rust's float
//! formatting (`{:.1}`, or `{}` of an `f64`) brings its Grisu and Dragon4 code into the candidate's
//! WASM, about 5 KB of its download (`docs/benchmarks.md`), for what a rounding and a division do.

/// `value` to one decimal, rounded half away from zero; no ".0" is dropped ("3.0").
pub fn tenths_text(value: f64) -> String {
    let tenths = (value * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let tenths = tenths.unsigned_abs();
    format!("{sign}{}.{}", tenths / 10, tenths % 10)
}

/// A whole number of tenths ("12" for 120, "12.5" for 125): the ".0" left out.
pub fn whole_or_tenths(tenths: u64) -> String {
    match tenths % 10 {
        0 => (tenths / 10).to_string(),
        rest => format!("{}.{rest}", tenths / 10),
    }
}

/// `value` rounded to a whole number, as people read a percentage or a DPI.
pub fn whole_text(value: f64) -> String {
    (value.round() as i64).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_decimal_is_rounded_half_away_from_zero_as_people_expect() {
        assert_eq!(tenths_text(12.0), "12.0");
        assert_eq!(tenths_text(2.36), "2.4");
        assert_eq!(tenths_text(0.25), "0.3");
        assert_eq!(tenths_text(-1.26), "-1.3");
        assert_eq!(tenths_text(0.04), "0.0");
    }

    #[test]
    fn whole_tenths_drop_their_decimal() {
        assert_eq!(whole_or_tenths(3000), "300");
        assert_eq!(whole_or_tenths(3001), "300.1");
        assert_eq!(whole_text(99.5), "100");
    }
}
