//! What a reviewer decides about an application, and the checks a decision must pass before it
//! is sent (in the browser) and before it is stored (on the server): the same function for both.

use serde::{Deserialize, Serialize};

use super::application_life_cycle::Change;
use super::record_ids::MaterialId;

/// Why a picture (or the form) must be replaced or corrected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
// Types the server's `review_flags.reason` column (see `role.rs` for why a derive may be `cfg`).
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
#[serde(rename_all = "snake_case")]
pub enum ReviewReason {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "unclear"))]
    Unclear,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "wrong_document"))]
    WrongDocument,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "incomplete"))]
    Incomplete,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "not_upright"))]
    NotUpright,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "other"))]
    Other,
}

impl ReviewReason {
    pub const ALL: [ReviewReason; 5] = [
        ReviewReason::Unclear,
        ReviewReason::WrongDocument,
        ReviewReason::Incomplete,
        ReviewReason::NotUpright,
        ReviewReason::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReviewReason::Unclear => "unclear",
            ReviewReason::WrongDocument => "wrong_document",
            ReviewReason::Incomplete => "incomplete",
            ReviewReason::NotUpright => "not_upright",
            ReviewReason::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<ReviewReason> {
        Self::ALL.into_iter().find(|r| r.as_str() == text)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            ReviewReason::Unclear => "图片不清晰",
            ReviewReason::WrongDocument => "材料不对",
            ReviewReason::Incomplete => "材料不完整",
            ReviewReason::NotUpright => "图片方向不正",
            ReviewReason::Other => "其他问题",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            ReviewReason::Unclear => "Not clear enough",
            ReviewReason::WrongDocument => "Wrong document",
            ReviewReason::Incomplete => "Incomplete",
            ReviewReason::NotUpright => "Not upright",
            ReviewReason::Other => "Other problem",
        }
    }
}

impl Decision {
    /// The step of the application's life cycle this decision takes.
    pub fn change(&self) -> Change {
        match self {
            Decision::Approve => Change::Approve,
            Decision::Return { .. } => Change::Return,
            Decision::Reject { .. } => Change::Reject,
        }
    }
}

/// One picture (or, with no material, the personal form) sent back for replacement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewFlag {
    /// `None`: the personal form must be corrected.
    pub material_id: Option<MaterialId>,
    pub reason: ReviewReason,
    pub comment: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    Approve,
    /// Unlocks exactly the flagged pictures (and the form if flagged) for the candidate.
    Return {
        flags: Vec<ReviewFlag>,
    },
    Reject {
        reason: String,
    },
}

impl Decision {
    pub fn label_zh(&self) -> &'static str {
        match self {
            Decision::Approve => "审核通过",
            Decision::Return { .. } => "退回修改",
            Decision::Reject { .. } => "审核不通过",
        }
    }

    pub fn label_en(&self) -> &'static str {
        match self {
            Decision::Approve => "Approved",
            Decision::Return { .. } => "Returned for revision",
            Decision::Reject { .. } => "Rejected",
        }
    }
}

/// The longest comment or rejection reason, in characters.
pub const MAX_COMMENT_CHARS: usize = 200;

/// A problem with a decision, in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionProblem {
    pub message_zh: String,
    pub message_en: String,
}

/// Checks a decision against the pictures the application has: a return names at least one
/// picture or the form, each at most once and each one of this application's; "other" needs a
/// comment; a rejection needs a reason; no text is longer than the limit.
pub fn check_decision(decision: &Decision, material_ids: &[MaterialId]) -> Vec<DecisionProblem> {
    let mut problems = Vec::new();
    let mut problem = |zh: String, en: String| problems.push(DecisionProblem { message_zh: zh, message_en: en });
    match decision {
        Decision::Approve => {}
        Decision::Return { flags } => {
            if flags.is_empty() {
                problem(
                    "退回修改须至少标出一张需要更换的图片或个人信息表".into(),
                    "A return must mark at least one picture or the personal form for correction".into(),
                );
            }
            let mut seen: Vec<&Option<MaterialId>> = Vec::new();
            for flag in flags {
                if seen.contains(&&flag.material_id) {
                    problem("同一张图片只能标记一次".into(), "Each picture can be marked only once".into());
                }
                seen.push(&flag.material_id);
                if let Some(id) = &flag.material_id {
                    if !material_ids.contains(id) {
                        problem(
                            "标记的图片不属于该申请".into(),
                            "A marked picture does not belong to this application".into(),
                        );
                    }
                }
                if flag.reason == ReviewReason::Other && flag.comment.trim().is_empty() {
                    problem(
                        "原因为“其他问题”时须填写说明".into(),
                        "Reason \"other\" needs a comment saying what is wrong".into(),
                    );
                }
                let chars = flag.comment.chars().count();
                if chars > MAX_COMMENT_CHARS {
                    problem(
                        format!("说明 {chars} 字，超过上限 {MAX_COMMENT_CHARS} 字"),
                        format!("The comment has {chars} characters, more than the {MAX_COMMENT_CHARS} allowed"),
                    );
                }
            }
        }
        Decision::Reject { reason } => {
            let chars = reason.trim().chars().count();
            if chars == 0 {
                problem("审核不通过须填写原因".into(), "A rejection needs a reason".into());
            }
            if chars > MAX_COMMENT_CHARS {
                problem(
                    format!("原因 {chars} 字，超过上限 {MAX_COMMENT_CHARS} 字"),
                    format!("The reason has {chars} characters, more than the {MAX_COMMENT_CHARS} allowed"),
                );
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flag(id: Option<&str>, reason: ReviewReason, comment: &str) -> ReviewFlag {
        ReviewFlag { material_id: id.map(MaterialId::from), reason, comment: comment.to_string() }
    }

    #[test]
    fn a_return_must_mark_something_of_this_application_once() {
        let ids = vec![MaterialId::from("a"), MaterialId::from("b")];
        assert_eq!(check_decision(&Decision::Return { flags: vec![] }, &ids).len(), 1);
        assert!(check_decision(&Decision::Return { flags: vec![flag(Some("a"), ReviewReason::Unclear, "")] }, &ids)
            .is_empty());
        assert!(check_decision(
            &Decision::Return { flags: vec![flag(None, ReviewReason::Incomplete, "出生年月缺失")] },
            &ids
        )
        .is_empty());
        let twice = Decision::Return {
            flags: vec![flag(Some("a"), ReviewReason::Unclear, ""), flag(Some("a"), ReviewReason::NotUpright, "")],
        };
        assert_eq!(check_decision(&twice, &ids).len(), 1);
        let foreign = Decision::Return { flags: vec![flag(Some("z"), ReviewReason::Unclear, "")] };
        assert!(check_decision(&foreign, &ids)[0].message_en.contains("does not belong"));
    }

    #[test]
    fn other_needs_a_comment_and_comments_have_a_limit() {
        let ids = vec![MaterialId::from("a")];
        let bare = Decision::Return { flags: vec![flag(Some("a"), ReviewReason::Other, "  ")] };
        assert!(check_decision(&bare, &ids)[0].message_zh.contains("其他问题"));
        let long = Decision::Return { flags: vec![flag(Some("a"), ReviewReason::Unclear, &"字".repeat(201))] };
        assert!(check_decision(&long, &ids)[0].message_zh.contains("201"));
    }

    #[test]
    fn a_rejection_needs_a_reason() {
        assert_eq!(check_decision(&Decision::Reject { reason: " ".into() }, &[]).len(), 1);
        assert!(check_decision(&Decision::Reject { reason: "学历不符合报考条件".into() }, &[]).is_empty());
        assert!(check_decision(&Decision::Approve, &[]).is_empty());
    }

    #[test]
    fn reason_codes_round_trip() {
        for reason in ReviewReason::ALL {
            assert_eq!(ReviewReason::parse(reason.as_str()), Some(reason));
        }
    }
}
