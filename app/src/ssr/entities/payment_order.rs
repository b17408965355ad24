use sea_orm::entity::prelude::*;

use crate::domain::payment_order::{OrderFacts, OrderState};
use crate::domain::record_ids::{ApplicationId, ExamCode, OrderId, UserId};

/// One fee order of one application (see `ssr::payments`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "payment_orders")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: OrderId,
    #[sea_orm(unique)]
    pub order_no: String,
    pub application_id: ApplicationId,
    pub user_id: UserId,
    pub exam_code: ExamCode,
    pub amount_fen: i64,
    pub gateway: String,
    pub state: OrderState,
    /// The application's id while the order is open (unique: one open order per application).
    pub open_for: Option<ApplicationId>,
    pub paid_txn: Option<String>,
    pub created_at: DateTimeUtc,
    pub paid_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub refunded_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The amount in fen (the column is signed only because SQL has no unsigned integers).
    pub fn amount(&self) -> u64 {
        self.amount_fen.max(0) as u64
    }

    /// The order as the domain decides events on it.
    pub fn facts(&self) -> OrderFacts {
        OrderFacts { state: self.state, amount_fen: self.amount(), paid_txn: self.paid_txn.clone() }
    }
}
