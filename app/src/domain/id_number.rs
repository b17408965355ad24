//! Identity document numbers as a registration form offers them. Held only once parsed.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdType {
    /// 居民身份证 (GB 11643).
    ResidentId,
    /// 港澳台居民居住证: the same 18-character scheme with region 81, 82 or 83.
    HkMacaoTaiwanResidencePermit,
    /// 港澳居民来往内地通行证 ("回乡证"): H or M followed by 8 or 10 digits.
    HkMacaoHomeReturnPermit,
    /// 台湾居民来往大陆通行证 ("台胞证"): 8 digits (or 10 on older cards).
    TaiwanCompatriotPermit,
    /// 护照: 5 to 17 letters and digits.
    Passport,
}

impl IdType {
    pub const ALL: [IdType; 5] = [
        IdType::ResidentId,
        IdType::HkMacaoTaiwanResidencePermit,
        IdType::HkMacaoHomeReturnPermit,
        IdType::TaiwanCompatriotPermit,
        IdType::Passport,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            IdType::ResidentId => "resident_id",
            IdType::HkMacaoTaiwanResidencePermit => "hmt_residence_permit",
            IdType::HkMacaoHomeReturnPermit => "hk_macao_permit",
            IdType::TaiwanCompatriotPermit => "taiwan_permit",
            IdType::Passport => "passport",
        }
    }

    pub fn from_str_code(code: &str) -> Option<IdType> {
        IdType::ALL.into_iter().find(|t| t.as_str() == code)
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            IdType::ResidentId => "居民身份证",
            IdType::HkMacaoTaiwanResidencePermit => "港澳台居民居住证",
            IdType::HkMacaoHomeReturnPermit => "港澳居民来往内地通行证",
            IdType::TaiwanCompatriotPermit => "台湾居民来往大陆通行证",
            IdType::Passport => "护照",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            IdType::ResidentId => "Resident ID card",
            IdType::HkMacaoTaiwanResidencePermit => "HK/Macao/Taiwan residence permit",
            IdType::HkMacaoHomeReturnPermit => "Home-return permit (HK/Macao)",
            IdType::TaiwanCompatriotPermit => "Taiwan compatriot permit",
            IdType::Passport => "Passport",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IdNumber {
    id_type: IdType,
    value: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum IdNumberError {
    Empty,
    WrongLength { expected: &'static str, actual: usize },
    BadCharacters,
    UnknownRegion,
    InvalidBirthDate,
    CheckDigitMismatch { expected: char, actual: char },
    WrongPrefix,
}

impl IdNumberError {
    pub fn message_zh(&self) -> String {
        self.messages().0
    }

    pub fn message_en(&self) -> String {
        self.messages().1
    }

    /// The message in Chinese and English, side by side so the two say the same thing.
    fn messages(&self) -> (String, String) {
        let pair = |zh: &str, en: &str| (zh.to_string(), en.to_string());
        match self {
            IdNumberError::Empty => pair("请填写证件号码", "Enter the document number"),
            IdNumberError::WrongLength { expected, actual } => (
                format!("证件号码应为 {expected} 位，实际 {actual} 位"),
                format!("The number must have {expected} characters; it has {actual}"),
            ),
            IdNumberError::BadCharacters => pair(
                "证件号码含有不允许的字符（身份证只能是数字，最后一位可以是 X）",
                "The number has characters that are not allowed (resident IDs are digits, the last may be X)",
            ),
            IdNumberError::UnknownRegion => {
                pair("证件号码前两位不是有效的省级行政区代码", "The first two digits are not a valid province code")
            }
            IdNumberError::InvalidBirthDate => {
                pair("证件号码第 7–14 位不是有效的出生日期", "Digits 7–14 are not a valid date of birth")
            }
            IdNumberError::CheckDigitMismatch { expected, actual } => (
                format!("校验位应为 {expected}，实际为 {actual}，请核对号码"),
                format!("The check digit should be {expected}, not {actual}; check the number"),
            ),
            IdNumberError::WrongPrefix => {
                pair("证件号码开头不符合该证件格式", "The number does not start the way this document's numbers do")
            }
        }
    }
}

/// GB/T 2260 province-level codes, plus 71 (Taiwan), 81 (Hong Kong), 82 (Macao), 83 (residence
/// permits for Taiwan residents).
const PROVINCE_CODES: [u8; 35] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
    64, 65, 71, 81, 82, 83,
];
const CHECK_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// An ID number as typed, in the form accounts keep it: spaces around it trimmed, letters
/// upper-cased (a lower-case x check digit becomes X). What is looked up, compared and parsed.
pub fn normalised_id_number(typed: &str) -> String {
    typed.trim().to_ascii_uppercase()
}

impl IdNumber {
    /// Parses what a person typed, normalised first (`normalised_id_number`).
    pub fn parse(id_type: IdType, raw: &str) -> Result<IdNumber, IdNumberError> {
        let value = normalised_id_number(raw);
        if value.is_empty() {
            return Err(IdNumberError::Empty);
        }
        match id_type {
            IdType::ResidentId => check_resident_id(&value, false)?,
            IdType::HkMacaoTaiwanResidencePermit => check_resident_id(&value, true)?,
            IdType::HkMacaoHomeReturnPermit => check_home_return_permit(&value)?,
            IdType::TaiwanCompatriotPermit => check_digits_of_length(&value, &[8, 10], "8/10")?,
            IdType::Passport => check_passport(&value)?,
        }
        Ok(IdNumber { id_type, value })
    }

    pub fn id_type(&self) -> IdType {
        self.id_type
    }

    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// For screens that must not show the whole number: first 3 and last 4 characters.
    pub fn masked(&self) -> String {
        let chars: Vec<char> = self.value.chars().collect();
        if chars.len() <= 7 {
            return "*".repeat(chars.len());
        }
        let hidden = chars.len() - 7;
        format!(
            "{}{}{}",
            chars[..3].iter().collect::<String>(),
            "*".repeat(hidden),
            chars[chars.len() - 4..].iter().collect::<String>()
        )
    }
}

/// A number in an imported list, whose type the list does not say: an 18-character number is judged
/// as a resident ID (so a wrong check digit is named), anything else may be any other document type.
pub fn parse_any_id_number(raw: &str) -> Result<IdNumber, (String, String)> {
    if raw.trim().len() == 18 {
        let types = [IdType::ResidentId, IdType::HkMacaoTaiwanResidencePermit];
        let first_error = match IdNumber::parse(types[0], raw) {
            Ok(id) => return Ok(id),
            Err(e) => e,
        };
        return IdNumber::parse(types[1], raw).map_err(|_| (first_error.message_zh(), first_error.message_en()));
    }
    IdType::ALL
        .into_iter()
        .find_map(|t| IdNumber::parse(t, raw).ok())
        .ok_or_else(|| ("不是任何一种可用的证件号码".to_string(), "it matches no accepted document type".to_string()))
}

/// The ISO 7064 MOD 11-2 check character for the first 17 digits.
pub fn resident_id_check_char(first17: &[u8]) -> char {
    let sum: u32 = first17.iter().zip(CHECK_WEIGHTS).map(|(d, w)| (d - b'0') as u32 * w).sum();
    CHECK_CHARS[(sum % 11) as usize]
}

fn check_resident_id(value: &str, permit: bool) -> Result<(), IdNumberError> {
    let bytes = value.as_bytes();
    if bytes.len() != 18 {
        return Err(IdNumberError::WrongLength { expected: "18", actual: value.chars().count() });
    }
    let (body, last) = (&bytes[..17], bytes[17]);
    if !body.iter().all(u8::is_ascii_digit) || !(last.is_ascii_digit() || last == b'X') {
        return Err(IdNumberError::BadCharacters);
    }
    let province = (body[0] - b'0') * 10 + (body[1] - b'0');
    let region_ok = if permit { matches!(province, 81..=83) } else { PROVINCE_CODES.contains(&province) };
    if !region_ok {
        return Err(if permit { IdNumberError::WrongPrefix } else { IdNumberError::UnknownRegion });
    }
    let digits = |range: std::ops::Range<usize>| value[range].parse::<u32>().unwrap_or(0);
    if !is_valid_date(digits(6..10), digits(10..12), digits(12..14)) {
        return Err(IdNumberError::InvalidBirthDate);
    }
    let expected = resident_id_check_char(body);
    if expected != last as char {
        return Err(IdNumberError::CheckDigitMismatch { expected, actual: last as char });
    }
    Ok(())
}

fn is_valid_date(year: u32, month: u32, day: u32) -> bool {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2099).contains(&year) && (1..=days_in_month).contains(&day)
}

fn check_home_return_permit(value: &str) -> Result<(), IdNumberError> {
    let Some(rest) = value.strip_prefix('H').or_else(|| value.strip_prefix('M')) else {
        return Err(IdNumberError::WrongPrefix);
    };
    check_digits_of_length(rest, &[8, 10], "8/10").map_err(|e| match e {
        IdNumberError::WrongLength { actual, .. } => {
            IdNumberError::WrongLength { expected: "9/11", actual: actual + 1 }
        }
        other => other,
    })
}

fn check_digits_of_length(value: &str, lengths: &[usize], expected: &'static str) -> Result<(), IdNumberError> {
    if !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(IdNumberError::BadCharacters);
    }
    if !lengths.contains(&value.len()) {
        return Err(IdNumberError::WrongLength { expected, actual: value.len() });
    }
    Ok(())
}

fn check_passport(value: &str) -> Result<(), IdNumberError> {
    if !value.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(IdNumberError::BadCharacters);
    }
    if !(5..=17).contains(&value.len()) {
        return Err(IdNumberError::WrongLength { expected: "5–17", actual: value.chars().count() });
    }
    Ok(())
}
