//! A month of a year, as 入党时间 and 参加工作时间 are asked for ("仅填写**年**月").

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct YearMonth {
    pub year: u16,
    pub month: u8,
}

impl YearMonth {
    /// Reads "2015-07" (what `<input type="month">` sends) and "2015.7" (how résumés are
    /// written). Years outside 1900–2100 are refused as typing mistakes.
    pub fn parse(text: &str) -> Option<YearMonth> {
        let (year, month) = text.trim().split_once(['-', '.', '/'])?;
        let year: u16 = year.trim().parse().ok()?;
        let month: u8 = month.trim().parse().ok()?;
        ((1900..=2100).contains(&year) && (1..=12).contains(&month)).then_some(YearMonth { year, month })
    }

    pub fn next(self) -> YearMonth {
        if self.month == 12 {
            YearMonth { year: self.year + 1, month: 1 }
        } else {
            YearMonth { year: self.year, month: self.month + 1 }
        }
    }

    /// The value an `<input type="month">` holds.
    pub fn input_value(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    pub fn text_zh(self) -> String {
        format!("{}年{}月", self.year, self.month)
    }

    pub fn text_en(self) -> String {
        format!("{}-{:02}", self.year, self.month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_the_form_and_the_resume_spelling() {
        assert_eq!(YearMonth::parse("2015-07"), Some(YearMonth { year: 2015, month: 7 }));
        assert_eq!(YearMonth::parse("2015.7"), Some(YearMonth { year: 2015, month: 7 }));
        assert_eq!(YearMonth::parse("2015.13"), None);
        assert_eq!(YearMonth::parse("15.7"), None);
        assert_eq!(YearMonth::parse("2015"), None);
    }

    #[test]
    fn december_is_followed_by_january() {
        assert_eq!(YearMonth { year: 2016, month: 12 }.next(), YearMonth { year: 2017, month: 1 });
    }
}
