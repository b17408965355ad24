use sea_orm::entity::prelude::*;

/// What the reviewer's assistant found in one stored picture (`ssr::review::picture_assistant`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "picture_findings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub blob_key: String,
    /// Base64; none when the picture could not be decoded.
    pub perceptual_hash: Option<String>,
    /// The looks advice's codes, comma-separated ("" when it looks fine).
    pub looks_advice: Option<String>,
    /// "xuexin" (a 学信网 report's address), "other" or "unreadable" where the category wants a QR
    /// code.
    pub qr: Option<String>,
    pub qr_text: Option<String>,
    /// "matches" or "differs" (from the account's number) or "unreadable", on an ID card's front.
    pub id_number: Option<String>,
    pub id_number_read: Option<String>,
    /// The paper's ink map, base64 (`picture_checks::document_hash`).
    pub ink_map: Option<String>,
    pub looked_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
