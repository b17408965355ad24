//! tower-sessions' store on the same SeaORM connection as everything else, so one pool serves
//! the database on SQLite and PostgreSQL alike.

use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, Set, SqlErr};
use time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, ExpiredDeletion, Result};
use tower_sessions::SessionStore;

use app::domain::record_ids::UserId;

mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "sessions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub data: String,
        pub expires_at: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

#[derive(Clone, Debug)]
pub struct SeaOrmSessionStore {
    db: DatabaseConnection,
}

impl SeaOrmSessionStore {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

tokio::task_local! {
    /// Whether the session store found the database not answering during this request; the layer
    /// around tower-sessions' (`http::middleware::session_saved`) reads it.
    pub static DATABASE_SILENT: std::cell::Cell<bool>;
}

/// Notes that the database did not answer (outside a request: nothing).
fn note_database_silent() {
    let _ = DATABASE_SILENT.try_with(|silent| silent.set(true));
}

/// The database's error as the session layer carries it (text only): a database that does not
/// answer is marked so, and its callers answer 503 like any other request that needed it
/// (`failure::SESSION_STORE_UNREACHABLE`).
fn backend(e: sea_orm::DbErr) -> Error {
    match app::ssr::infra::failure::store_not_answering(&e) {
        Some(_) => {
            // A save after the handler's answer fails in tower-sessions' layer, which says 500.
            note_database_silent();
            Error::Backend(format!("{}: {e}", app::ssr::infra::failure::SESSION_STORE_UNREACHABLE))
        }
        None => Error::Backend(e.to_string()),
    }
}

/// Removes every stored session of the account (a deleted account's other browsers): the rows
/// go, not only their standing. A session's data is its JSON map, `"user_id":<id>` in it.
pub async fn delete_sessions_of(db: &DatabaseConnection, user_id: UserId) -> std::result::Result<u64, sea_orm::DbErr> {
    let key = app::ssr::access::session_user::USER_ID_KEY;
    let holding = |after: char| entity::Column::Data.like(format!("%\"{key}\":{user_id}{after}%"));
    let deleted =
        entity::Entity::delete_many().filter(Condition::any().add(holding(',')).add(holding('}'))).exec(db).await?;
    Ok(deleted.rows_affected)
}

fn row_of(record: &Record) -> Result<entity::ActiveModel> {
    Ok(entity::ActiveModel {
        id: Set(record.id.to_string()),
        data: Set(serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?),
        expires_at: Set(record.expiry_date.unix_timestamp()),
    })
}

#[async_trait::async_trait]
impl SessionStore for SeaOrmSessionStore {
    /// Inserts under a fresh id; on the (astronomically rare) collision, draws another id
    /// rather than overwrite someone else's session.
    async fn create(&self, record: &mut Record) -> Result<()> {
        loop {
            match entity::Entity::insert(row_of(record)?).exec(&self.db).await {
                Ok(_) => return Ok(()),
                Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                    record.id = Id::default()
                }
                Err(e) => return Err(backend(e)),
            }
        }
    }

    async fn save(&self, record: &Record) -> Result<()> {
        entity::Entity::insert(row_of(record)?)
            .on_conflict(
                OnConflict::column(entity::Column::Id)
                    .update_columns([entity::Column::Data, entity::Column::ExpiresAt])
                    .to_owned(),
            )
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let now = OffsetDateTime::now_utc().unix_timestamp();
        let Some(row) = entity::Entity::find_by_id(id.to_string())
            .filter(entity::Column::ExpiresAt.gt(now))
            .one(&self.db)
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        Ok(Some(Record {
            id: *id,
            data: serde_json::from_str(&row.data).map_err(|e| Error::Decode(e.to_string()))?,
            expiry_date: OffsetDateTime::from_unix_timestamp(row.expires_at)
                .map_err(|e| Error::Decode(e.to_string()))?,
        }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        entity::Entity::delete_by_id(id.to_string()).exec(&self.db).await.map_err(backend)?;
        Ok(())
    }
}

#[async_trait::async_trait]
impl ExpiredDeletion for SeaOrmSessionStore {
    async fn delete_expired(&self) -> Result<()> {
        let now = OffsetDateTime::now_utc().unix_timestamp();
        entity::Entity::delete_many()
            .filter(entity::Column::ExpiresAt.lte(now))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
