//! Every stored picture's perceptual hash, held by each server to compare a new picture with: a
//! comparison is a few thousand XORs, where asking the database would read every hash again for
//! every upload. It grows from the last finding it has, so pictures another server looked at
//! arrive too; a picture deleted since stays here until the server restarts, which is harmless —
//! a pair naming it finds no picture on the desk.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect};

use crate::error::AppError;
use crate::ssr::entities::{material, picture_finding};
use picture_checks::document_hash::same_document;

struct Hashed {
    blob_key: String,
    owner_id: i32,
    hash: Vec<u8>,
}

#[derive(Default)]
pub struct PictureHashes {
    /// The last finding read (findings are numbered as they are recorded).
    last_id: i32,
    hashed: Vec<Hashed>,
}

impl PictureHashes {
    /// Reads the findings recorded since the last call.
    pub async fn catch_up(&mut self, db: &DatabaseConnection) -> Result<(), AppError> {
        use base64::Engine as _;
        let rows: Vec<(i32, String, Option<String>, i32)> = picture_finding::Entity::find()
            .select_only()
            .column(picture_finding::Column::Id)
            .column(picture_finding::Column::BlobKey)
            .column(picture_finding::Column::PerceptualHash)
            .column(material::Column::UserId)
            .join(JoinType::InnerJoin, owner_of_finding())
            .filter(picture_finding::Column::Id.gt(self.last_id))
            .order_by_asc(picture_finding::Column::Id)
            .into_tuple()
            .all(db)
            .await
            .map_err(|e| crate::ssr::internal("picture hashes", e))?;
        for (id, blob_key, hash, owner_id) in rows {
            self.last_id = self.last_id.max(id);
            let hash = hash.and_then(|h| base64::engine::general_purpose::STANDARD.decode(h).ok());
            if let Some(hash) = hash {
                self.hashed.push(Hashed { blob_key, owner_id, hash });
            }
        }
        Ok(())
    }

    /// Other candidates' pictures of the same document as `hash`, with how many bits differ.
    pub fn alike(&self, hash: &[u8], owner_id: i32, blob_key: &str) -> Vec<(String, u32)> {
        self.hashed
            .iter()
            .filter(|other| other.owner_id != owner_id && other.blob_key != blob_key)
            .filter_map(|other| same_document(hash, &other.hash).map(|distance| (other.blob_key.clone(), distance)))
            .collect()
    }
}

/// A finding's picture and whose it is.
fn owner_of_finding() -> sea_orm::RelationDef {
    picture_finding::Entity::belongs_to(material::Entity)
        .from(picture_finding::Column::BlobKey)
        .to(material::Column::BlobKey)
        .into()
}
