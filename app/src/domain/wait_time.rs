//! How long to wait, as a message says it: seconds under two minutes, whole minutes (rounded
//! up, so nobody comes back too early) above.

pub fn format_wait_zh(seconds: u64) -> String {
    if seconds < 120 {
        format!("{seconds} 秒")
    } else {
        format!("{} 分钟", seconds.div_ceil(60))
    }
}

pub fn format_wait_en(seconds: u64) -> String {
    if seconds < 120 {
        format!("{seconds} seconds")
    } else {
        format!("{} minutes", seconds.div_ceil(60))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_waits_read_in_seconds_and_long_ones_in_minutes_rounded_up() {
        assert_eq!(format_wait_zh(30), "30 秒");
        assert_eq!(format_wait_en(119), "119 seconds");
        assert_eq!(format_wait_zh(121), "3 分钟");
        assert_eq!(format_wait_en(900), "15 minutes");
    }
}
