//! What the review side tells the candidate: a flag on a picture or the form, a timestamped line
//! of the timeline, a notification.

use serde::{Deserialize, Serialize};

use crate::domain::china_time::ChinaTime;

/// A reviewer's request to replace a picture or correct the form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlagView {
    pub reason: crate::domain::review_decision::ReviewReason,
    pub comment: String,
}

impl FlagView {
    pub fn text_zh(&self) -> String {
        if self.comment.is_empty() {
            self.reason.label_zh().to_string()
        } else {
            format!("{}：{}", self.reason.label_zh(), self.comment)
        }
    }

    pub fn text_en(&self) -> String {
        if self.comment.is_empty() {
            self.reason.label_en().to_string()
        } else {
            format!("{}: {}", self.reason.label_en(), self.comment)
        }
    }
}

/// One timestamped message on the candidate's timeline (as in 2020/3/14 22:02:08 上报完成).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at: ChinaTime,
    pub message_zh: String,
    pub message_en: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotificationView {
    pub id: i32,
    pub at: ChinaTime,
    pub message_zh: String,
    pub message_en: String,
    pub link: String,
    pub read: bool,
}
