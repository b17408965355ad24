use sea_orm::entity::prelude::*;

/// One row of an exam's imported eligibility list.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "eligible_candidates")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub exam_code: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id_number: String,
    pub name: String,
    pub imported_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
