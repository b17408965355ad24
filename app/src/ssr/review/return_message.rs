//! What a returned application tells its candidate (seed 000's 退回修改): each flagged picture by
//! its category and number, or the personal form, with the reason and the reviewer's comment, and
//! the moment the review closes — in both languages, for the timeline, the email and the text.

use crate::domain::china_time::ChinaTime;
use crate::domain::review_decision::ReviewFlag;
use crate::domain::ExamDefinition;
use crate::ssr::entities::material;

/// "毕业证 第 1 张：图片不清晰（编号无法辨别），请重新上传" for each flag, in both languages.
pub fn return_message(
    definition: &ExamDefinition,
    materials: &[material::Model],
    flags: &[ReviewFlag],
) -> (String, String) {
    let mut zh = Vec::new();
    let mut en = Vec::new();
    for flag in flags {
        let comment_zh =
            if flag.comment.trim().is_empty() { String::new() } else { format!("（{}）", flag.comment.trim()) };
        let comment_en =
            if flag.comment.trim().is_empty() { String::new() } else { format!(" ({})", flag.comment.trim()) };
        match flag.material_id.as_ref().and_then(|id| materials.iter().find(|m| m.id == *id)) {
            Some(material) => {
                let category = definition.category(&material.category);
                let name_zh = category.map(|c| c.name_zh.clone()).unwrap_or_else(|| material.category.clone());
                let name_en = category.map(|c| c.name_en.clone()).unwrap_or_else(|| material.category.clone());
                zh.push(format!(
                    "{name_zh} 第 {} 张：{}{comment_zh}，请重新上传",
                    material.seq_no,
                    flag.reason.label_zh()
                ));
                en.push(format!(
                    "{name_en} no. {}: {}{comment_en}; please upload it again",
                    material.seq_no,
                    flag.reason.label_en().to_lowercase()
                ));
            }
            None => {
                zh.push(format!("个人信息表：{}{comment_zh}，请修改", flag.reason.label_zh()));
                en.push(format!(
                    "Personal form: {}{comment_en}; please correct it",
                    flag.reason.label_en().to_lowercase()
                ));
            }
        }
    }
    let until = ChinaTime::of(&definition.windows.review_closes);
    (
        format!("退回修改：{}。请于 {} 前修改并重新提交。", zh.join("；"), until.zh()),
        format!("Returned for revision: {}. Correct and resubmit before {}.", en.join("; "), until.en()),
    )
}
