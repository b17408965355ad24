//! What a submission still lacks. The browser lists it before 提交审核; the server decides with the
//! same function before it locks anything.

use super::exam_definition::{CategoryDefinition, ExamDefinition, SlotName};
use super::personal_form::{check_form, FormValues, Strictness};
use super::position_tree::find_position;

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MissingItem {
    pub message_zh: String,
    pub message_en: String,
}

/// What one category still lacks before a submission.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shortfall<'a> {
    Nothing,
    /// A required category with named slots: the slots still empty.
    Slots(Vec<&'a SlotName>),
    /// Fewer pictures than the category needs.
    Materials {
        need: u32,
        have: u32,
    },
}

/// The shortfall of one category holding pictures with sequence numbers `seq_nos`.
pub fn category_shortfall<'a>(category: &'a CategoryDefinition, seq_nos: &[u32]) -> Shortfall<'a> {
    if category.rules.required && !category.slots.is_empty() {
        let empty: Vec<&SlotName> = category
            .slots
            .iter()
            .enumerate()
            .filter(|(index, _)| !seq_nos.contains(&(*index as u32 + 1)))
            .map(|(_, slot)| slot)
            .collect();
        return if empty.is_empty() { Shortfall::Nothing } else { Shortfall::Slots(empty) };
    }
    let (need, have) = (category.required_count(), seq_nos.len() as u32);
    if have < need {
        Shortfall::Materials { need, have }
    } else {
        Shortfall::Nothing
    }
}

/// `uploaded` holds (category code, sequence number) of every picture the candidate has.
pub fn missing_for_submission(
    exam: &ExamDefinition,
    uploaded: &[(String, u32)],
    form: &FormValues,
    position: Option<&str>,
) -> Vec<MissingItem> {
    let mut missing = Vec::new();
    let mut add = |zh: String, en: String| missing.push(MissingItem { message_zh: zh, message_en: en });
    for category in &exam.categories {
        let seq_nos: Vec<u32> =
            uploaded.iter().filter(|(code, _)| *code == category.code).map(|(_, seq)| *seq).collect();
        let (name_zh, name_en) = (&category.name_zh, &category.name_en);
        match category_shortfall(category, &seq_nos) {
            Shortfall::Nothing => {}
            Shortfall::Slots(slots) => {
                for slot in slots {
                    add(
                        format!("{name_zh}：缺少{}", slot.name_zh),
                        format!("{name_en}: the {} is missing", slot.name_en),
                    );
                }
            }
            Shortfall::Materials { need, have } => add(
                format!("{name_zh}：需要 {need} 张，已上传 {have} 张"),
                format!("{name_en}: {need} needed, {have} uploaded"),
            ),
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
