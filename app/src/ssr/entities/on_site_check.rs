use sea_orm::entity::prelude::*;

use crate::domain::on_site_outcome::OnSiteOutcome;
use crate::domain::record_ids::{ApplicationId, ExamCode};

/// 原件审核 of one application at the branch's on-site check (`ssr::on_site`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "on_site_checks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub application_id: ApplicationId,
    pub exam_code: ExamCode,
    /// Item codes seen, comma-separated.
    pub seen: String,
    /// 留存 item codes received, comma-separated.
    pub received: String,
    /// None while the check goes on.
    pub outcome: Option<OnSiteOutcome>,
    pub reason: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
    /// Changes so far (ticks and outcome), from 1: an act made on a card of another version is
    /// refused (`on_site::check_versions`).
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
