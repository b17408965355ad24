//! 报名登记表 (seed 004: "据此生成的《报名登记表》将进入个人档案"): what an exam's registration form
//! holds besides the candidate's data — the boxes left for stamps and opinions, in the exam file's
//! `[registration_form]`. An exam without that table prints no registration form.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistrationFormSpec {
    /// The boxes, in print order, e.g. 所在单位组织人事部门意见 (signed and stamped on paper).
    pub stamp_boxes: Vec<StampBox>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StampBox {
    pub title_zh: String,
    pub title_en: String,
}

/// The boxes a form can hold on one A4 page with the photo, the personal form and a résumé.
pub const MAX_STAMP_BOXES: usize = 4;

impl RegistrationFormSpec {
    /// What is wrong with the table, in words an administrator can act on.
    pub fn mistakes(&self) -> Vec<String> {
        let mut mistakes = Vec::new();
        if self.stamp_boxes.len() > MAX_STAMP_BOXES {
            mistakes.push(format!(
                "registration_form: {} stamp boxes, at most {MAX_STAMP_BOXES} fit on the page",
                self.stamp_boxes.len()
            ));
        }
        for (index, stamp) in self.stamp_boxes.iter().enumerate() {
            if stamp.title_zh.trim().is_empty() || stamp.title_en.trim().is_empty() {
                mistakes.push(format!("registration_form: stamp box {} needs title_zh and title_en", index + 1));
            }
        }
        mistakes
    }
}
