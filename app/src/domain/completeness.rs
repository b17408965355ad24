//! What a submission still lacks. The browser lists it before 提交审核; the server decides with the
//! same function before it locks anything.

use super::exam_definition::{CategoryDefinition, SlotName};
use super::personal_form::{check_form, FieldRules, Strictness};
use super::position_tree::find_position;
use super::required_when::{Circumstances, ExamParts};

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

/// The shortfall of one category holding pictures with sequence numbers `seq_nos`, when it is
/// `required` of the candidate (`CategoryDefinition::requiredness`).
pub fn category_shortfall<'a>(category: &'a CategoryDefinition, seq_nos: &[u32], required: bool) -> Shortfall<'a> {
    if required && !category.slots.is_empty() {
        let empty: Vec<&SlotName> = category
            .slots
            .iter()
            .enumerate()
            .filter(|(index, _)| !seq_nos.contains(&(*index as u32 + 1)))
            .map(|(_, slot)| slot)
            .collect();
        return if empty.is_empty() { Shortfall::Nothing } else { Shortfall::Slots(empty) };
    }
    let (need, have) = (category.needed_count(required), seq_nos.len() as u32);
    if have < need {
        Shortfall::Materials { need, have }
    } else {
        Shortfall::Nothing
    }
}

/// `uploaded` holds (category code, sequence number) of every picture the candidate has; `now`
/// is the position, form and 报考类别 the submission is judged with.
pub fn missing_for_submission(
    categories: &[CategoryDefinition],
    exam: ExamParts<'_>,
    uploaded: &[(String, u32)],
    now: &Circumstances<'_>,
    rules: FieldRules,
) -> Vec<MissingItem> {
    let mut missing = Vec::new();
    let mut add = |zh: String, en: String| missing.push(MissingItem { message_zh: zh, message_en: en });
    for category in categories {
        let seq_nos: Vec<u32> =
            uploaded.iter().filter(|(code, _)| *code == category.code).map(|(_, seq)| *seq).collect();
        let (name_zh, name_en) = (&category.name_zh, &category.name_en);
        let requiredness = category.requiredness(exam, now);
        // "（因所选职位要求）": why a category only some must upload is required of this candidate.
        let (why_zh, why_en) = requiredness
            .reason()
            .map(|reason| reason.words())
            .map(|(zh, en)| (format!("（{zh}）"), format!(" ({en})")))
            .unwrap_or_default();
        match category_shortfall(category, &seq_nos, requiredness.is_required()) {
            Shortfall::Nothing => {}
            Shortfall::Slots(slots) => {
                for slot in slots {
                    add(
                        format!("{name_zh}：缺少{}{why_zh}", slot.name_zh),
                        format!("{name_en}: the {} is missing{why_en}", slot.name_en),
                    );
                }
            }
            Shortfall::Materials { need, have } => add(
                format!("{name_zh}：需要 {need} 张，已上传 {have} 张{why_zh}"),
                format!("{name_en}: {need} needed, {have} uploaded{why_en}"),
            ),
        }
    }
    for problem in check_form(exam.form, now.form, Strictness::Submit, rules) {
        add(format!("个人信息：{}", problem.message_zh), format!("Personal information: {}", problem.message_en));
    }
    if !exam.positions.is_empty() && now.position.and_then(|code| find_position(exam.positions, code)).is_none() {
        add("尚未选择报考职位".to_string(), "No position chosen yet".to_string());
    }
    missing
}
