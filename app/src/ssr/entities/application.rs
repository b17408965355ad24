use sea_orm::entity::prelude::*;

/// One candidate's application to one exam: pledge, form, position and where it stands.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "applications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    pub exam_code: String,
    /// `ApplicationState` as text.
    pub state: String,
    pub pledge_accepted_at: Option<DateTimeUtc>,
    /// `FormValues` as JSON.
    pub form: String,
    pub position_code: Option<String>,
    pub submitted_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
