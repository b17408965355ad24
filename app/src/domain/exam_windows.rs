//! The four moments of an exam and which phase a given instant falls in. The server decides with
//! its own clock; the browser only uses the same function to show the countdown.

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

/// Times are written with their offset (`2026-12-01T09:00:00+08:00`) and shown on China's clock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamWindows {
    pub upload_opens: DateTime<FixedOffset>,
    pub upload_closes: DateTime<FixedOffset>,
    pub review_closes: DateTime<FixedOffset>,
    pub results_published: DateTime<FixedOffset>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExamPhase {
    /// Before `upload_opens`: candidates may look, not write.
    NotYetOpen,
    /// From `upload_opens` (inclusive) until `upload_closes` (exclusive): uploads and edits.
    Open,
    /// From `upload_closes` until `results_published`: view-only for candidates.
    Closed,
    /// From `results_published` on.
    ResultsPublished,
}

impl ExamWindows {
    /// The four keys as exam files write them, in time order.
    pub const KEYS: [&'static str; 4] = ["upload_opens", "upload_closes", "review_closes", "results_published"];

    /// The four moments, in the order of `KEYS`.
    pub fn moments(&self) -> [&DateTime<FixedOffset>; 4] {
        [&self.upload_opens, &self.upload_closes, &self.review_closes, &self.results_published]
    }

    /// The exam's own offset (that of its first moment): the one its times are shown in.
    pub fn offset(&self) -> FixedOffset {
        *self.upload_opens.offset()
    }

    pub fn phase_at(&self, now: DateTime<Utc>) -> ExamPhase {
        if now < self.upload_opens {
            ExamPhase::NotYetOpen
        } else if now < self.upload_closes {
            ExamPhase::Open
        } else if now < self.results_published {
            ExamPhase::Closed
        } else {
            ExamPhase::ResultsPublished
        }
    }

    /// The next moment a candidate should know about, with its name, or None when all passed.
    pub fn next_deadline(&self, now: DateTime<Utc>) -> Option<(Deadline, DateTime<FixedOffset>)> {
        [
            (Deadline::UploadOpens, self.upload_opens),
            (Deadline::UploadCloses, self.upload_closes),
            (Deadline::ResultsPublished, self.results_published),
        ]
        .into_iter()
        .find(|(_, at)| now < *at)
    }

    /// Every mistake in English, for the administrator.
    pub fn mistakes(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.upload_closes <= self.upload_opens {
            out.push("windows.upload_closes must be after windows.upload_opens".to_string());
        }
        if self.review_closes < self.upload_closes {
            out.push("windows.review_closes must not be before windows.upload_closes".to_string());
        }
        if self.results_published < self.review_closes {
            out.push("windows.results_published must not be before windows.review_closes".to_string());
        }
        out
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Deadline {
    UploadOpens,
    UploadCloses,
    ResultsPublished,
}

impl Deadline {
    pub fn label_zh(self) -> &'static str {
        match self {
            Deadline::UploadOpens => "上传开始",
            Deadline::UploadCloses => "上传截止",
            Deadline::ResultsPublished => "结果公布",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Deadline::UploadOpens => "Upload opens",
            Deadline::UploadCloses => "Upload closes",
            Deadline::ResultsPublished => "Results published",
        }
    }
}

/// "3天 4小时 5分" / "3 d 4 h 5 min" for a number of seconds left; seconds shown in the last hour.
pub fn format_time_left(seconds: i64) -> (String, String) {
    let s = seconds.max(0);
    let (days, hours, minutes, secs) = (s / 86_400, s % 86_400 / 3_600, s % 3_600 / 60, s % 60);
    if days > 0 {
        (format!("{days}天 {hours}小时 {minutes}分"), format!("{days} d {hours} h {minutes} min"))
    } else if hours > 0 {
        (format!("{hours}小时 {minutes}分"), format!("{hours} h {minutes} min"))
    } else {
        (format!("{minutes}分 {secs}秒"), format!("{minutes} min {secs} s"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn windows() -> ExamWindows {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
        ExamWindows {
            upload_opens: at("2026-12-01T09:00:00+08:00"),
            upload_closes: at("2026-12-10T17:00:00+08:00"),
            review_closes: at("2026-12-20T17:00:00+08:00"),
            results_published: at("2026-12-25T09:00:00+08:00"),
        }
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn upload_is_open_from_the_opening_second_until_just_before_the_closing_second() {
        let w = windows();
        assert_eq!(w.phase_at(utc("2026-12-01T00:59:59Z")), ExamPhase::NotYetOpen);
        assert_eq!(w.phase_at(utc("2026-12-01T01:00:00Z")), ExamPhase::Open);
        assert_eq!(w.phase_at(utc("2026-12-10T08:59:59Z")), ExamPhase::Open);
        assert_eq!(w.phase_at(utc("2026-12-10T09:00:00Z")), ExamPhase::Closed);
        assert_eq!(w.phase_at(utc("2026-12-25T01:00:00Z")), ExamPhase::ResultsPublished);
    }

    #[test]
    fn the_next_deadline_moves_on_as_time_passes() {
        let w = windows();
        assert_eq!(w.next_deadline(utc("2026-11-01T00:00:00Z")).unwrap().0, Deadline::UploadOpens);
        assert_eq!(w.next_deadline(utc("2026-12-05T00:00:00Z")).unwrap().0, Deadline::UploadCloses);
        assert_eq!(w.next_deadline(utc("2027-01-01T00:00:00Z")), None);
    }

    #[test]
    fn windows_out_of_order_are_named() {
        let mut w = windows();
        std::mem::swap(&mut w.upload_opens, &mut w.upload_closes);
        assert_eq!(w.mistakes(), vec!["windows.upload_closes must be after windows.upload_opens".to_string()]);
    }

    #[test]
    fn time_left_reads_in_days_then_hours_then_seconds() {
        assert_eq!(format_time_left(2 * 86_400 + 3 * 3_600 + 60).0, "2天 3小时 1分");
        assert_eq!(format_time_left(125).1, "2 min 5 s");
        assert_eq!(format_time_left(-5).1, "0 min 0 s");
    }
}
