//! Every stored picture's perceptual hash, held by each server to compare a new picture with: a
//! comparison is a few thousand XORs, where asking the database would read every hash again for
//! every upload. It grows from the last finding it has, so pictures another server looked at
//! arrive too, also one whose row became visible after later-numbered ones (see
//! [`LATE_COMMIT_WINDOW`]); a picture deleted since stays here until the server restarts, which is
//! harmless — a pair naming it finds no picture on the review screen.

use std::collections::BTreeSet;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect};

use crate::domain::record_ids::UserId;
use crate::error::AppError;
use crate::ssr::entities::{material, picture_finding};
use picture_checks::document_hash::same_document;

struct Hashed {
    blob_key: String,
    owner_id: UserId,
    hash: Vec<u8>,
}

/// How far back each catch-up reads again. A finding's number is taken when its row is inserted
/// and the row is seen when it commits, so with several servers a row can appear after rows
/// numbered later; read only from the last number held, it would never be compared with again.
/// Each recording is one statement, so a window of a few hundred is far more than two servers
/// can overtake.
const LATE_COMMIT_WINDOW: i32 = 256;

/// A finding's row as the index reads it: its number, picture, hash (base64) and owner.
type FindingRow = (i32, String, Option<String>, UserId);

#[derive(Default)]
pub struct PictureHashes {
    /// The finding numbers read within the window below the highest (findings are numbered as
    /// they are recorded), so a row read again is not added twice.
    recent_ids: BTreeSet<i32>,
    hashed: Vec<Hashed>,
}

impl PictureHashes {
    /// Reads the findings recorded since the last call.
    pub async fn catch_up(&mut self, db: &DatabaseConnection) -> Result<(), AppError> {
        let rows: Vec<FindingRow> = picture_finding::Entity::find()
            .select_only()
            .column(picture_finding::Column::Id)
            .column(picture_finding::Column::BlobKey)
            .column(picture_finding::Column::PerceptualHash)
            .column(material::Column::UserId)
            .join(JoinType::InnerJoin, owner_of_finding())
            .filter(picture_finding::Column::Id.gt(self.last_id() - LATE_COMMIT_WINDOW))
            .order_by_asc(picture_finding::Column::Id)
            .into_tuple()
            .all(db)
            .await?;
        self.take(rows);
        Ok(())
    }

    /// Adds the rows not held yet.
    fn take(&mut self, rows: Vec<FindingRow>) {
        for (id, blob_key, hash, owner_id) in rows {
            if id <= self.last_id() - LATE_COMMIT_WINDOW || !self.recent_ids.insert(id) {
                continue;
            }
            let hash = hash.as_deref().and_then(picture_finding::hash_from_stored);
            if let Some(hash) = hash {
                self.hashed.push(Hashed { blob_key, owner_id, hash });
            }
        }
        self.recent_ids = self.recent_ids.split_off(&(self.last_id() - LATE_COMMIT_WINDOW + 1));
    }

    /// The highest finding number read; 0 before the first.
    fn last_id(&self) -> i32 {
        self.recent_ids.last().copied().unwrap_or(0)
    }

    /// Other candidates' pictures of the same document as `hash`, with how many bits differ.
    pub fn alike(&self, hash: &[u8], owner_id: UserId, blob_key: &str) -> Vec<(String, u32)> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A hash with half its bits set, `shift` bits from another made so: a matching pair when the
    /// shift is small.
    fn hash(shift: u32) -> Option<String> {
        let bits: u128 = (u128::MAX >> 64) << shift;
        Some(picture_finding::stored_hash(&bits.to_le_bytes()[..16]))
    }

    fn row(id: i32, owner: i32) -> FindingRow {
        (id, format!("picture-{id}"), hash(1), UserId(owner))
    }

    #[test]
    fn a_finding_that_appears_after_later_numbered_ones_is_still_compared_with() {
        let mut hashes = PictureHashes::default();
        // Finding 7 (another server's) is numbered but not yet committed when 8 is read.
        hashes.take(vec![row(5, 1), row(6, 2), row(8, 3)]);
        assert_eq!(hashes.hashed.len(), 3);
        // Read again from the window: 7 is there now; 5, 6 and 8 are not added twice.
        hashes.take(vec![row(5, 1), row(6, 2), row(7, 4), row(8, 3)]);
        let mut held: Vec<&str> = hashes.hashed.iter().map(|h| h.blob_key.as_str()).collect();
        held.sort();
        assert_eq!(held, ["picture-5", "picture-6", "picture-7", "picture-8"]);
        let probe = picture_finding::hash_from_stored(&hash(2).unwrap()).unwrap();
        assert!(hashes.alike(&probe, UserId(9), "new").iter().any(|(key, _)| key == "picture-7"));
    }

    #[test]
    fn rows_far_below_the_window_are_not_read_again() {
        let mut hashes = PictureHashes::default();
        hashes.take(vec![row(1, 1), row(1000, 2)]);
        hashes.take(vec![row(1, 1)]);
        assert_eq!(hashes.hashed.len(), 2);
        assert!(hashes.recent_ids.iter().all(|&id| id > 1000 - LATE_COMMIT_WINDOW));
    }
}
