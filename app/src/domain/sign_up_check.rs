//! Seed 002's check step: "点击'注册'按钮，再次输入证件类型、证件号、姓名信息进行核对，校验无误后，
//! 完成注册". After 注册, the candidate types the document's type, its number and the name once more
//! (nothing filled in, nothing pasted); sign-up goes on only when both agree, and a difference is
//! named at its field. Judged the same way in the browser and on the server.

use super::field_error::FieldError;
use super::id_number::normalised_id_number;
use super::sign_up_form::{SignUpFields, TypedAgain};

/// Each field typed again that is not what was typed first, named at its own field
/// (`check_id_type`, `check_id_number`, `check_name`); none when both agree. An ID number is
/// compared as accounts keep it (trimmed, x as X), a name trimmed.
pub fn differences(first: &SignUpFields, again: &TypedAgain) -> Vec<FieldError> {
    let mut found = Vec::new();
    if first.id_type != again.id_type {
        found.push(FieldError::new(
            "check_id_type",
            "证件类型与第一次选择的不一致，请核对",
            "The document type is not the one chosen first; check it",
        ));
    }
    if normalised_id_number(&first.id_number) != normalised_id_number(&again.id_number) {
        found.push(FieldError::new(
            "check_id_number",
            "证件号码与第一次填写的不一致，请核对",
            "The document number is not the one typed first; check it",
        ));
    }
    if first.name.trim() != again.name.trim() {
        found.push(FieldError::new(
            "check_name",
            "姓名与第一次填写的不一致，请核对",
            "The name is not the one typed first; check it",
        ));
    }
    found
}

/// The server's judgement of a sign-up's check step: it must have been taken, and agree.
pub fn check_problems(fields: &SignUpFields) -> Vec<FieldError> {
    match &fields.typed_again {
        Some(again) => differences(fields, again),
        None => vec![FieldError::new(
            "check_id_number",
            "请再次输入证件类型、证件号码和姓名进行核对",
            "Type the document type, its number and your name once more to check them",
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first() -> SignUpFields {
        SignUpFields {
            id_type: "resident_id".into(),
            id_number: "11010519491231002x".into(),
            name: "张三".into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_same_three_fields_agree_whatever_the_case_of_x_and_the_spaces_around() {
        let again =
            TypedAgain {
                id_type: "resident_id".into(), id_number: " 11010519491231002X".into(), name: "张三 ".into()
            };
        assert!(differences(&first(), &again).is_empty());
    }

    #[test]
    fn each_difference_is_named_at_its_field() {
        let again =
            TypedAgain { id_type: "passport".into(), id_number: "110105194912310021".into(), name: "张山".into() };
        let fields: Vec<String> = differences(&first(), &again).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["check_id_type", "check_id_number", "check_name"]);
        let only_name =
            TypedAgain { id_type: "resident_id".into(), id_number: "11010519491231002x".into(), name: "张山".into() };
        let named = differences(&first(), &only_name);
        assert_eq!(named.len(), 1);
        assert_eq!(named[0].message_zh, "姓名与第一次填写的不一致，请核对");
    }

    #[test]
    fn a_sign_up_without_the_check_step_is_refused() {
        assert_eq!(check_problems(&first()).len(), 1);
        let checked = SignUpFields {
            typed_again: Some(TypedAgain {
                id_type: "resident_id".into(),
                id_number: "11010519491231002X".into(),
                name: "张三".into(),
            }),
            ..first()
        };
        assert!(check_problems(&checked).is_empty());
    }
}
