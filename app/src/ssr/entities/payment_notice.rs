use sea_orm::entity::prelude::*;

/// One payment notification a gateway sent, kept once (see `ssr::payments::notices`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "payment_notices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub gateway: String,
    pub notice_id: String,
    pub order_no: String,
    pub txn: String,
    pub amount_fen: i64,
    pub outcome: String,
    pub received_at: DateTimeUtc,
    pub settled_at: Option<DateTimeUtc>,
    pub settled_by: Option<String>,
    pub body: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
