//! Seed 002's "有效期内的第二代居民身份证或有效期内的临时身份证": the ID's last valid day, asked at
//! sign-up with its type, or 长期 (long-term: a resident ID issued after 46 never expires). An
//! expired document is refused at sign-up; one that expires before an exam's day is warned about
//! on 我的考试. Judged the same way in the browser and on the server.

use chrono::NaiveDate;

use super::field_error::FieldError;

/// What the sign-up form sends for a document that never expires.
pub const LONG_TERM: &str = "long_term";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdValidity {
    /// Valid to the end of this China day.
    Until(NaiveDate),
    LongTerm,
}

impl IdValidity {
    /// The form's value ("2031-05-01", or `LONG_TERM`) against China's `today`.
    pub fn parse(text: &str, today: NaiveDate) -> Result<IdValidity, FieldError> {
        let text = text.trim();
        if text == LONG_TERM {
            return Ok(IdValidity::LongTerm);
        }
        if text.is_empty() {
            return Err(FieldError::new(
                "id_valid_until",
                "请填写证件有效期的截止日期；长期有效的，请勾选“长期”",
                "Enter the last day the document is valid; tick “Long-term” if it never expires",
            ));
        }
        let day = day_of(text).ok_or_else(|| {
            FieldError::new(
                "id_valid_until",
                format!("证件有效期“{text}”不是有效的日期（如 2031-05-01）"),
                format!("The document's validity “{text}” is not a date (e.g. 2031-05-01)"),
            )
        })?;
        if day < today {
            return Err(FieldError::new(
                "id_valid_until",
                format!("证件已于 {day} 过期，请使用有效期内的证件注册"),
                format!("The document expired on {day}; sign up with a valid one"),
            ));
        }
        Ok(IdValidity::Until(day))
    }

    /// As the account keeps it.
    pub fn stored(&self) -> String {
        match self {
            IdValidity::Until(day) => day.to_string(),
            IdValidity::LongTerm => LONG_TERM.to_string(),
        }
    }

    pub fn from_stored(text: &str) -> Option<IdValidity> {
        if text == LONG_TERM {
            Some(IdValidity::LongTerm)
        } else {
            day_of(text).map(IdValidity::Until)
        }
    }

    /// The document is no longer valid on `day`.
    pub fn expired_by(&self, day: NaiveDate) -> Option<NaiveDate> {
        match self {
            IdValidity::Until(last) if *last < day => Some(*last),
            _ => None,
        }
    }
}

/// "2031-05-01", written by hand: chrono's format parser is code every candidate would download.
fn day_of(text: &str) -> Option<NaiveDate> {
    let mut parts = text.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        day_of(text).unwrap()
    }

    #[test]
    fn a_valid_day_or_long_term_is_taken_and_an_expired_one_refused_with_its_day() {
        let today = day("2026-11-30");
        assert_eq!(IdValidity::parse("2026-11-30", today), Ok(IdValidity::Until(today)));
        assert_eq!(IdValidity::parse(LONG_TERM, today), Ok(IdValidity::LongTerm));
        let expired = IdValidity::parse("2026-11-29", today).unwrap_err();
        assert_eq!(expired.message_zh, "证件已于 2026-11-29 过期，请使用有效期内的证件注册");
        assert!(IdValidity::parse("", today).unwrap_err().message_zh.contains("长期"));
        for malformed in ["2026-02-30", "26-1-1", "2031/05/01", "2031-05-01-1", "明年"] {
            assert!(
                IdValidity::parse(malformed, today).unwrap_err().message_zh.contains("不是有效的日期"),
                "{malformed}"
            );
        }
    }

    #[test]
    fn it_is_kept_as_text_and_read_back_and_says_when_it_expired_before_a_day() {
        let until = IdValidity::Until(day("2027-01-01"));
        assert_eq!(IdValidity::from_stored(&until.stored()), Some(until));
        assert_eq!(IdValidity::from_stored(LONG_TERM), Some(IdValidity::LongTerm));
        assert_eq!(until.expired_by(day("2027-09-05")), Some(day("2027-01-01")));
        assert_eq!(until.expired_by(day("2027-01-01")), None, "valid through its last day");
        assert_eq!(IdValidity::LongTerm.expired_by(day("2099-01-01")), None);
    }
}
