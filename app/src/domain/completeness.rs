//! What a submission still lacks. The browser lists it before 提交审核; the server decides with the
//! same function before it locks anything.

use super::exam_definition::ExamDefinition;
use super::personal_form::{check_form, FormValues, Strictness};
use super::position_tree::find_position;

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MissingItem {
    pub message_zh: String,
    pub message_en: String,
}

/// `uploaded` holds (category code, sequence number) of every image the candidate has.
pub fn missing_for_submission(exam: &ExamDefinition, uploaded: &[(String, u32)], form: &FormValues, position: Option<&str>) -> Vec<MissingItem> {
    let mut missing = Vec::new();
    let mut add = |zh: String, en: String| missing.push(MissingItem { message_zh: zh, message_en: en });
    for category in &exam.categories {
        let seq_nos: Vec<u32> = uploaded.iter().filter(|(code, _)| *code == category.code).map(|(_, seq)| *seq).collect();
        let (name_zh, name_en) = (&category.name_zh, &category.name_en);
        if category.rules.required && !category.slots.is_empty() {
            for (index, slot) in category.slots.iter().enumerate() {
                if !seq_nos.contains(&(index as u32 + 1)) {
                    add(format!("{name_zh}：缺少{}", slot.name_zh), format!("{name_en}: the {} is missing", slot.name_en));
                }
            }
        } else if (seq_nos.len() as u32) < category.required_count() {
            let need = category.required_count();
            add(format!("{name_zh}：需要 {need} 张，已上传 {} 张", seq_nos.len()), format!("{name_en}: {need} needed, {} uploaded", seq_nos.len()));
        }
    }
    for problem in check_form(&exam.form, form, Strictness::Submit) {
        add(format!("个人信息：{}", problem.message_zh), format!("Personal information: {}", problem.message_en));
    }
    if !exam.positions.is_empty() && position.and_then(|code| find_position(&exam.positions, code)).is_none() {
        add("尚未选择报考职位".to_string(), "No position chosen yet".to_string());
    }
    missing
}
