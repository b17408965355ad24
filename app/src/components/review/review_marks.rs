//! What the reviewer has said so far about each picture and the form, before deciding.

use std::collections::BTreeMap;

use crate::domain::record_ids::MaterialId;
use crate::domain::review_decision::{Decision, ReviewFlag, ReviewReason};

/// The form's key among the picture ids.
pub const FORM_KEY: &str = "form";

#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    Ok,
    Replace { reason: ReviewReason, comment: String },
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks(pub BTreeMap<String, Mark>);

impl Marks {
    pub fn flags(&self) -> Vec<ReviewFlag> {
        self.0
            .iter()
            .filter_map(|(key, mark)| match mark {
                Mark::Replace { reason, comment } => Some(ReviewFlag {
                    material_id: (key != FORM_KEY).then(|| MaterialId(key.clone())),
                    reason: *reason,
                    comment: comment.clone(),
                }),
                Mark::Ok => None,
            })
            .collect()
    }

    pub fn replace_count(&self) -> usize {
        self.0.values().filter(|m| matches!(m, Mark::Replace { .. })).count()
    }

    pub fn return_decision(&self) -> Decision {
        Decision::Return { flags: self.flags() }
    }
}
