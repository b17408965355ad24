//! 系统使用咨询 (seed 000, 四: "技术咨询电话：0755-88892919，受理咨询时间：2021年1月12日至1月26日
//! （工作日9:00-12:00、14:00-18:00）"): whom a candidate of this exam calls or writes to, and when
//! they answer. From the exam file's `[helpline]`; shown on the exam page, in 我的考试, under an
//! error on the exam page and on the candidate's documents.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Helpline {
    /// "0755-88892919".
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    /// The first and last China day it answers (both included); none: while the exam runs.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    #[serde(default)]
    pub until: Option<NaiveDate>,
    /// Its hours in words: "工作日9:00-12:00、14:00-18:00" and "working days 9:00–12:00 and 14:00–18:00".
    #[serde(default)]
    pub hours_zh: Option<String>,
    #[serde(default)]
    pub hours_en: Option<String>,
}

impl Helpline {
    /// The helpline in one sentence, as the seed writes it, in Chinese and English.
    pub fn words(&self) -> (String, String) {
        let mut zh = Vec::new();
        let mut en = Vec::new();
        if let Some(phone) = &self.phone {
            zh.push(format!("咨询电话：{phone}"));
            en.push(format!("helpline: {phone}"));
        }
        if let Some(email) = &self.email {
            zh.push(format!("咨询邮箱：{email}"));
            en.push(format!("email: {email}"));
        }
        let days = match (self.from, self.until) {
            (Some(from), Some(until)) => Some((
                format!("{}至{}", day_zh(from, None), day_zh(until, Some(from))),
                format!("{} to {}", day_en(from), day_en(until)),
            )),
            (Some(from), None) => Some((format!("{}起", day_zh(from, None)), format!("from {}", day_en(from)))),
            (None, Some(until)) => Some((format!("至{}", day_zh(until, None)), format!("until {}", day_en(until)))),
            (None, None) => None,
        };
        let hours = (self.hours_zh.clone(), self.hours_en.clone());
        let when = match (days, hours) {
            (Some((days_zh, days_en)), (Some(hours_zh), hours_en)) => {
                Some((format!("{days_zh}（{hours_zh}）"), format!("{days_en} ({})", hours_en.unwrap_or(hours_zh))))
            }
            (Some(days), _) => Some(days),
            (None, (Some(hours_zh), hours_en)) => Some((hours_zh.clone(), hours_en.unwrap_or(hours_zh))),
            (None, (None, _)) => None,
        };
        if let Some((when_zh, when_en)) = when {
            zh.push(format!("受理咨询时间：{when_zh}"));
            en.push(format!("answering {when_en}"));
        }
        let en = en.join("; ");
        let en = match en.get(..1) {
            Some(first) => format!("{}{}", first.to_uppercase(), &en[1..]),
            None => en,
        };
        (format!("{}。", zh.join("，")), format!("{en}."))
    }

    /// Whether it says how to reach it at all (a phone or an email).
    pub fn reachable(&self) -> bool {
        self.phone.is_some() || self.email.is_some()
    }

    /// What is wrong with it, for the administrator who wrote the exam file.
    pub fn mistakes(&self) -> Vec<String> {
        let mut mistakes = Vec::new();
        if !self.reachable() {
            mistakes.push("helpline needs a phone or an email".to_string());
        }
        if let (Some(from), Some(until)) = (self.from, self.until) {
            if from > until {
                mistakes.push(format!("helpline: from ({from}) is after until ({until})"));
            }
        }
        mistakes
    }
}

/// "2021年1月12日", or "1月26日" within the year of `after`.
fn day_zh(day: NaiveDate, after: Option<NaiveDate>) -> String {
    match after {
        Some(earlier) if earlier.year() == day.year() => format!("{}月{}日", day.month(), day.day()),
        _ => format!("{}年{}月{}日", day.year(), day.month(), day.day()),
    }
}

/// "12 January 2021".
fn day_en(day: NaiveDate) -> String {
    format!("{} {} {}", day.day(), super::china_day::english_month(day), day.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed_000() -> Helpline {
        Helpline {
            phone: Some("0755-88892919".into()),
            email: None,
            from: NaiveDate::from_ymd_opt(2021, 1, 12),
            until: NaiveDate::from_ymd_opt(2021, 1, 26),
            hours_zh: Some("工作日9:00-12:00、14:00-18:00".into()),
            hours_en: Some("working days 9:00–12:00 and 14:00–18:00".into()),
        }
    }

    #[test]
    fn seed_000_s_helpline_reads_as_the_seed_writes_it() {
        let (zh, en) = seed_000().words();
        assert_eq!(
            zh,
            "咨询电话：0755-88892919，受理咨询时间：2021年1月12日至1月26日（工作日9:00-12:00、14:00-18:00）。"
        );
        assert_eq!(
            en,
            "Helpline: 0755-88892919; answering 12 January 2021 to 26 January 2021 (working days 9:00–12:00 and 14:00–18:00)."
        );
    }

    #[test]
    fn an_email_alone_with_no_days_is_said_plainly() {
        let helpline = Helpline {
            phone: None,
            email: Some("kaowu@example.cn".into()),
            from: None,
            until: None,
            hours_zh: None,
            hours_en: None,
        };
        assert!(helpline.reachable());
        assert_eq!(
            helpline.words(),
            ("咨询邮箱：kaowu@example.cn。".to_string(), "Email: kaowu@example.cn.".to_string())
        );
    }
}
