use sea_orm::entity::prelude::*;

/// A key admission tickets are signed with (`ssr::tickets::ticket_keys`). Not `Serialize`: it
/// holds a secret.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "ticket_keys")]
pub struct Model {
    /// Numbered by the server that writes it (1, then one more per rotation), never by the
    /// database: servers starting together agree on key 1.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    /// The Ed25519 secret seed, base64url.
    pub seed: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
