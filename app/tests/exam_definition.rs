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
