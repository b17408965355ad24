use sea_orm::entity::prelude::*;

/// An email, a text or a 公众号 message waiting to be sent, or sent.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// "email", "sms" or "official_account".
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTimeUtc,
    pub not_before: DateTimeUtc,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub claimed_until: Option<DateTimeUtc>,
    pub sent_at: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    /// A result held for this exam's results time; moves when that time moves.
    pub held_for_results_of: Option<String>,
    /// A text's gateway template (`TextTemplate::as_str`); None for emails.
    pub text_template: Option<String>,
    /// The template's parameters, a JSON object of strings.
    pub text_params: Option<String>,
    /// When the worker stopped trying (reason in `last_error`): shown to administrators.
    pub given_up_at: Option<DateTimeUtc>,
    /// The site's path a 公众号 message leads to; None for emails and texts.
    pub link: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
