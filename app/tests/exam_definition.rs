//! Exam files as administrators write them: what a category allows when the file is silent.

use app::domain::category_rules::DEFAULT_MAX_COUNT;
use app::domain::exam_definition::ExamDefinition;

fn exam_with(categories: &str) -> ExamDefinition {
    exam_file(categories).validated().unwrap()
}

fn exam_file(tables: &str) -> ExamDefinition {
    let text = format!(
        r#"
        code = "900"
        title_zh = "测试考试"
        title_en = "Test exam"
        organiser_zh = "测试"
        organiser_en = "Test"
        pledge_zh = "本人承诺所提交材料真实有效。"
        pledge_en = "I promise the materials are genuine."
        [windows]
        upload_opens = "2026-01-01T00:00:00+08:00"
        upload_closes = "2026-02-01T00:00:00+08:00"
        review_closes = "2026-03-01T00:00:00+08:00"
        results_published = "2026-04-01T00:00:00+08:00"
        {tables}"#
    );
    toml::from_str::<ExamDefinition>(&text).unwrap()
}

#[test]
fn a_category_that_names_no_count_takes_the_default_cap_and_a_file_may_raise_it() {
    let exam = exam_with(
        r#"
        [[categories]]
        code = "other"
        name_zh = "其他材料"
        name_en = "Other"
        [[categories]]
        code = "papers"
        name_zh = "论文"
        name_en = "Papers"
        rules = { max_count = 60 }
        "#,
    );
    assert_eq!(exam.category("other").unwrap().rules.max_count, Some(DEFAULT_MAX_COUNT));
    assert_eq!(exam.category("papers").unwrap().rules.max_count, Some(60));
}

#[test]
fn an_online_fee_taken_only_after_the_originals_pass_on_site_is_refused() {
    let tables = |online: bool| {
        format!(
            r#"
        [fee]
        amount_fen = 18000
        online = {online}
        on_site = true
        [on_site]
        fee_after_check = true
        [[on_site.items]]
        code = "id_card"
        name_zh = "身份证"
        name_en = "ID card"
        handling = "return"
        [[categories]]
        code = "other"
        name_zh = "其他材料"
        name_en = "Other"
        "#
        )
    };
    let mistakes = exam_file(&tables(true)).validated().unwrap_err();
    assert!(
        mistakes.iter().any(|m| m.message.contains("fee_after_check") && m.message.contains("online")),
        "{mistakes:?}"
    );
    assert!(exam_file(&tables(false)).validated().is_ok(), "on site only, after the check: as seed 004");
}

#[test]
fn a_record_whose_diploma_number_is_compared_needs_the_rows_to_compare_it_with() {
    let tables = |form: &str| {
        format!(
            r#"
        {form}
        [[categories]]
        code = "chsi_record"
        name_zh = "学历证书电子注册备案表"
        name_en = "Diploma registration record"
        diploma_number = true
        "#
        )
    };
    let mistakes = exam_file(&tables("")).validated().unwrap_err();
    assert_eq!(mistakes.len(), 1, "{mistakes:?}");
    assert_eq!(mistakes[0].near_code.as_deref(), Some("chsi_record"));
    assert!(mistakes[0].message.contains("kind = \"diplomas\""), "{}", mistakes[0].message);
    let rows = r#"
        [[form]]
        key = "diplomas"
        label_zh = "高等教育学历"
        label_en = "Higher education"
        kind = "diplomas"
        required = true
        "#;
    let exam = exam_file(&tables(rows)).validated().unwrap();
    assert!(exam.category("chsi_record").unwrap().diploma_number);
}
