//! Byte counts as people read them in messages: "412 KB", "1.2 MB". 1 KB = 1024 bytes, as the
//! exam notices mean it. Rounded away from the limit, so a file one byte over 300 KB never reads
//! as "300 KB, above the 300 KB limit".

use super::decimal_text::whole_or_tenths;

#[derive(Clone, Copy)]
pub enum Rounding {
    Up,
    Down,
}

pub fn format_bytes(bytes: u64, rounding: Rounding) -> String {
    const KB: f64 = 1024.0;
    let (value, unit) = if bytes >= 1024 * 1024 { (bytes as f64 / (KB * KB), "MB") } else { (bytes as f64 / KB, "KB") };
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let tenths = value * 10.0;
    let tenths = match rounding {
        Rounding::Up => tenths.ceil(),
        Rounding::Down => tenths.floor(),
    };
    format!("{} {unit}", whole_or_tenths(tenths as u64))
}

/// A limit from a rule: exact when it is a whole number of KB.
pub fn format_limit(bytes: u64) -> String {
    format_bytes(bytes, Rounding::Up)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_kilobytes_read_without_decimals() {
        assert_eq!(format_limit(300 * 1024), "300 KB");
    }

    #[test]
    fn one_byte_over_a_limit_never_reads_as_the_limit() {
        assert_eq!(format_bytes(300 * 1024 + 1, Rounding::Up), "300.1 KB");
    }

    #[test]
    fn one_byte_under_a_minimum_never_reads_as_the_minimum() {
        assert_eq!(format_bytes(100 * 1024 - 1, Rounding::Down), "99.9 KB");
    }

    #[test]
    fn megabytes_for_large_files() {
        assert_eq!(format_bytes(5 * 1024 * 1024, Rounding::Up), "5 MB");
    }

    #[test]
    fn tiny_files_in_bytes() {
        assert_eq!(format_bytes(12, Rounding::Up), "12 B");
    }
}
