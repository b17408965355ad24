use sea_orm::entity::prelude::*;

use crate::domain::record_ids::{ApplicationId, ExamCode, UserId};
use crate::domain::ApplicationState;

/// One candidate's application to one exam: pledge, form, position and where it stands.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "applications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: ApplicationId,
    pub user_id: UserId,
    pub exam_code: ExamCode,
    pub state: ApplicationState,
    pub pledge_accepted_at: Option<DateTimeUtc>,
    /// `FormValues` as JSON.
    pub form: String,
    pub position_code: Option<String>,
    pub submitted_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
    /// Bumped by every take, decision and resubmission; a decision on an older one is stale.
    pub review_version: i32,
    /// The reviewer who took the application last.
    pub reviewer_id: Option<UserId>,
    pub taken_at: Option<DateTimeUtc>,
    /// The first or latest submission: the queue's order.
    pub last_submitted_at: Option<DateTimeUtc>,
    /// How many times it has been submitted (2 and more: resubmitted).
    pub round: i32,
    /// Returned with the personal form opened for correction.
    pub form_unlocked: bool,
    pub decided_at: Option<DateTimeUtc>,
    /// Why it was rejected, as the reviewer wrote it.
    pub decision_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
