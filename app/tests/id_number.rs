//! Identity document numbers.

use app::domain::id_number::resident_id_check_char;
use app::domain::{IdNumber, IdNumberError, IdType};
use proptest::prelude::*;

#[test]
fn a_valid_resident_id_is_accepted() {
    assert_eq!(IdNumber::parse(IdType::ResidentId, "11010519491231002X").unwrap().as_str(), "11010519491231002X");
}

#[test]
fn a_lower_case_x_is_normalised_to_upper_case() {
    assert_eq!(IdNumber::parse(IdType::ResidentId, " 11010519491231002x ").unwrap().as_str(), "11010519491231002X");
}

#[test]
fn a_wrong_check_digit_names_the_right_one() {
    assert_eq!(
        IdNumber::parse(IdType::ResidentId, "110105194912310021"),
        Err(IdNumberError::CheckDigitMismatch { expected: 'X', actual: '1' })
    );
}

#[test]
fn an_impossible_birth_date_is_refused() {
    // 1990-02-30
    let body = "44030519900230123";
    let id = format!("{body}{}", resident_id_check_char(body.as_bytes()));
    assert_eq!(IdNumber::parse(IdType::ResidentId, &id), Err(IdNumberError::InvalidBirthDate));
}

#[test]
fn an_unknown_province_is_refused() {
    let body = "99030519900101123";
    let id = format!("{body}{}", resident_id_check_char(body.as_bytes()));
    assert_eq!(IdNumber::parse(IdType::ResidentId, &id), Err(IdNumberError::UnknownRegion));
}

#[test]
fn seventeen_digits_are_too_few() {
    assert_eq!(
        IdNumber::parse(IdType::ResidentId, "11010519491231002"),
        Err(IdNumberError::WrongLength { expected: "18", actual: 17 })
    );
}

#[test]
fn residence_permits_need_region_81_82_or_83() {
    let body = "81000019900101123";
    let id = format!("{body}{}", resident_id_check_char(body.as_bytes()));
    assert!(IdNumber::parse(IdType::HkMacaoTaiwanResidencePermit, &id).is_ok());
    assert_eq!(
        IdNumber::parse(IdType::HkMacaoTaiwanResidencePermit, "11010519491231002X"),
        Err(IdNumberError::WrongPrefix)
    );
}

#[test]
fn permits_and_passports_have_sane_formats() {
    assert!(IdNumber::parse(IdType::HkMacaoHomeReturnPermit, "H12345678").is_ok());
    assert!(IdNumber::parse(IdType::HkMacaoHomeReturnPermit, "m1234567890").is_ok());
    assert_eq!(IdNumber::parse(IdType::HkMacaoHomeReturnPermit, "X12345678"), Err(IdNumberError::WrongPrefix));
    assert_eq!(IdNumber::parse(IdType::HkMacaoHomeReturnPermit, "中12345678"), Err(IdNumberError::WrongPrefix));
    assert!(IdNumber::parse(IdType::TaiwanCompatriotPermit, "12345678").is_ok());
    assert!(IdNumber::parse(IdType::TaiwanCompatriotPermit, "1234567").is_err());
    assert!(IdNumber::parse(IdType::Passport, "e12345678").is_ok());
    assert_eq!(IdNumber::parse(IdType::Passport, "E1234-5678"), Err(IdNumberError::BadCharacters));
    assert_eq!(IdNumber::parse(IdType::Passport, ""), Err(IdNumberError::Empty));
}

#[test]
fn masking_keeps_only_the_ends() {
    assert_eq!(IdNumber::parse(IdType::ResidentId, "11010519491231002X").unwrap().masked(), "110***********002X");
}

fn valid_resident_id() -> impl Strategy<Value = String> {
    (prop::sample::select(vec![11u8, 31, 44, 65, 82]), 0u32..10000, 1900u32..2099, 1u32..13, 1u32..29, 0u32..1000)
        .prop_map(|(province, county, year, month, day, seq)| {
            let body = format!("{province:02}{county:04}{year:04}{month:02}{day:02}{seq:03}");
            format!("{body}{}", resident_id_check_char(body.as_bytes()))
        })
}

proptest! {
    #[test]
    fn every_well_formed_resident_id_parses(id in valid_resident_id()) {
        prop_assert!(IdNumber::parse(IdType::ResidentId, &id).is_ok());
    }

    #[test]
    fn changing_any_one_digit_is_caught(id in valid_resident_id(), at in 0usize..17, delta in 1u8..10) {
        let mut bytes = id.into_bytes();
        bytes[at] = b'0' + (bytes[at] - b'0' + delta) % 10;
        let changed = String::from_utf8(bytes).unwrap();
        prop_assert!(IdNumber::parse(IdType::ResidentId, &changed).is_err());
    }

    #[test]
    fn parsing_never_panics(raw in "\\PC{0,30}", kind in 0usize..5) {
        let _ = IdNumber::parse(IdType::ALL[kind], &raw);
    }
}
