//! 学历 as a diploma row gives it (seed 004 section 四, 高等教育学历栏), and what its 证书编号 must
//! look like. A national diploma (国民教育, registered with 学信网 since 2001) has 18 digits: the
//! school's code (5), the kind of schooling (1), the year of graduation (4), the level (2) and a
//! serial (6). A 党校 diploma is numbered by its school, so only its shape is checked.

use super::year_month::YearMonth;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiplomaLevel {
    JuniorCollege,
    Bachelor,
    Master,
    Doctor,
    CentralPartySchool,
    ProvincialPartySchool,
}

/// Every level, in the order the row's list offers them.
pub const DIPLOMA_LEVELS: [DiplomaLevel; 6] = [
    DiplomaLevel::JuniorCollege,
    DiplomaLevel::Bachelor,
    DiplomaLevel::Master,
    DiplomaLevel::Doctor,
    DiplomaLevel::CentralPartySchool,
    DiplomaLevel::ProvincialPartySchool,
];

/// A 党校 number: letters and digits, as its school prints them.
const PARTY_SCHOOL_NUMBER_CHARS: std::ops::RangeInclusive<usize> = 4..=30;

impl DiplomaLevel {
    /// As the row stores it and the registration form prints it; the names of 文化程度 in
    /// preset 004 where the two lists share a level.
    pub fn name_zh(self) -> &'static str {
        match self {
            DiplomaLevel::JuniorCollege => "大学专科",
            DiplomaLevel::Bachelor => "大学本科",
            DiplomaLevel::Master => "硕士研究生",
            DiplomaLevel::Doctor => "博士研究生",
            DiplomaLevel::CentralPartySchool => "中央党校大学",
            DiplomaLevel::ProvincialPartySchool => "省委党校大学",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            DiplomaLevel::JuniorCollege => "Junior college",
            DiplomaLevel::Bachelor => "Bachelor's",
            DiplomaLevel::Master => "Master's",
            DiplomaLevel::Doctor => "Doctorate",
            DiplomaLevel::CentralPartySchool => "Central Party School",
            DiplomaLevel::ProvincialPartySchool => "Provincial Party School",
        }
    }

    pub fn parse(name: &str) -> Option<DiplomaLevel> {
        DIPLOMA_LEVELS.into_iter().find(|level| level.name_zh() == name.trim())
    }

    /// Digits 11–12 of a national diploma's number; none for a 党校 diploma.
    fn national_code(self) -> Option<&'static str> {
        match self {
            DiplomaLevel::Doctor => Some("01"),
            DiplomaLevel::Master => Some("02"),
            DiplomaLevel::Bachelor => Some("05"),
            DiplomaLevel::JuniorCollege => Some("06"),
            DiplomaLevel::CentralPartySchool | DiplomaLevel::ProvincialPartySchool => None,
        }
    }

    fn of_national_code(code: &str) -> Option<DiplomaLevel> {
        DIPLOMA_LEVELS.into_iter().find(|level| level.national_code() == Some(code))
    }

    /// What is wrong with `number` for a diploma of this level earned in `graduated`, in both
    /// languages; none when it could be one.
    pub fn number_mistake(self, number: &str, graduated: Option<YearMonth>) -> Option<(String, String)> {
        let number = number.trim();
        let Some(level_code) = self.national_code() else {
            let chars = number.chars().count();
            let shaped =
                PARTY_SCHOOL_NUMBER_CHARS.contains(&chars) && number.chars().all(|c| c.is_ascii_alphanumeric());
            return (!shaped).then(|| {
                (
                    "证书编号应为 4 至 30 位字母或数字".to_string(),
                    "The certificate number must be 4 to 30 letters or digits".to_string(),
                )
            });
        };
        if number.len() != 18 || !number.bytes().all(|b| b.is_ascii_digit()) {
            let digits = number.chars().filter(char::is_ascii_digit).count();
            let others = number.chars().count() - digits;
            let found_zh =
                if others > 0 { format!("现有 {others} 个非数字字符") } else { format!("现为 {digits} 位") };
            let found_en =
                if others > 0 { format!("it has {others} other characters") } else { format!("it has {digits}") };
            return Some((
                format!("证书编号应为 18 位数字，{found_zh}"),
                format!("The certificate number must be 18 digits; {found_en}"),
            ));
        }
        let (year, printed_level) = (&number[6..10], &number[10..12]);
        if printed_level != level_code {
            let meaning = DiplomaLevel::of_national_code(printed_level);
            return Some((
                format!(
                    "证书编号第 11–12 位为 {printed_level}（{}），与学历“{}”（{level_code}）不符",
                    meaning.map_or("不是学历层次代码", DiplomaLevel::name_zh),
                    self.name_zh()
                ),
                format!(
                    "Digits 11–12 of the certificate number are {printed_level} ({}), not {level_code} for {}",
                    meaning.map_or("no level", DiplomaLevel::name_en),
                    self.name_en()
                ),
            ));
        }
        let graduated = graduated?;
        (year != graduated.year.to_string()).then(|| {
            (
                format!("证书编号第 7–10 位为毕业年份 {year}，与毕业时间 {} 不符", graduated.text_zh()),
                format!(
                    "Digits 7–10 of the certificate number give the year of graduation, {year}, not that of {}",
                    graduated.text_en()
                ),
            )
        })
    }
}

/// The level a national diploma's number names (digits 11–12), where `number` has such a number's
/// shape: 18 digits and a level's code. What the reviewer's assistant takes for a 证书编号 read off
/// a record.
pub fn level_of_national_number(number: &str) -> Option<DiplomaLevel> {
    if number.len() != 18 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    DiplomaLevel::of_national_code(&number[10..12])
}

#[cfg(test)]
mod tests {
    use super::*;

    const BACHELOR_2009: &str = "104221200905001234";

    fn july(year: u16) -> Option<YearMonth> {
        Some(YearMonth { year, month: 7 })
    }

    #[test]
    fn a_national_number_of_the_level_and_year_is_taken() {
        assert_eq!(DiplomaLevel::Bachelor.number_mistake(BACHELOR_2009, july(2009)), None);
        assert_eq!(DiplomaLevel::Master.number_mistake("104221201202000077", july(2012)), None);
    }

    #[test]
    fn a_number_short_of_digits_says_how_many_it_has() {
        let (zh, en) = DiplomaLevel::Bachelor.number_mistake("10422120090500123", july(2009)).unwrap();
        assert_eq!(zh, "证书编号应为 18 位数字，现为 17 位");
        assert_eq!(en, "The certificate number must be 18 digits; it has 17");
        let (zh, _) = DiplomaLevel::Bachelor.number_mistake("1042212009O5001234", july(2009)).unwrap();
        assert_eq!(zh, "证书编号应为 18 位数字，现有 1 个非数字字符");
    }

    #[test]
    fn the_printed_level_must_be_the_rows_level() {
        let (zh, en) = DiplomaLevel::Master.number_mistake(BACHELOR_2009, july(2009)).unwrap();
        assert_eq!(zh, "证书编号第 11–12 位为 05（大学本科），与学历“硕士研究生”（02）不符");
        assert!(en.contains("are 05 (Bachelor's), not 02 for Master's"), "{en}");
        let (zh, _) = DiplomaLevel::Bachelor.number_mistake("104221200909001234", july(2009)).unwrap();
        assert!(zh.contains("09（不是学历层次代码）"), "{zh}");
    }

    #[test]
    fn the_printed_year_must_be_the_year_of_graduation() {
        let (zh, _) = DiplomaLevel::Bachelor.number_mistake(BACHELOR_2009, july(2010)).unwrap();
        assert_eq!(zh, "证书编号第 7–10 位为毕业年份 2009，与毕业时间 2010年7月 不符");
        // Without a graduation date only the number's own shape is judged.
        assert_eq!(DiplomaLevel::Bachelor.number_mistake(BACHELOR_2009, None), None);
    }

    #[test]
    fn a_party_school_number_is_judged_by_its_shape_alone() {
        assert_eq!(DiplomaLevel::CentralPartySchool.number_mistake("DX2015001234", july(2015)), None);
        assert!(DiplomaLevel::ProvincialPartySchool.number_mistake("12", july(2015)).is_some());
        assert!(DiplomaLevel::ProvincialPartySchool.number_mistake("党校2015-01", july(2015)).is_some());
    }

    #[test]
    fn a_national_number_names_its_level() {
        assert_eq!(level_of_national_number(BACHELOR_2009), Some(DiplomaLevel::Bachelor));
        assert_eq!(level_of_national_number("104221201202000077"), Some(DiplomaLevel::Master));
        assert_eq!(level_of_national_number("104221200909001234"), None, "09 is no level");
        assert_eq!(level_of_national_number("10422120090500123"), None, "17 digits");
        assert_eq!(level_of_national_number("10422120090500123X"), None);
    }

    #[test]
    fn levels_are_read_by_their_chinese_names() {
        for level in DIPLOMA_LEVELS {
            assert_eq!(DiplomaLevel::parse(level.name_zh()), Some(level));
        }
        assert_eq!(DiplomaLevel::parse("高中"), None);
    }
}
