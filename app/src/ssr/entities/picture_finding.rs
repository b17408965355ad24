use sea_orm::entity::prelude::*;

use crate::domain::face_geometry::HeadPlace;

/// What the reviewer's assistant found in one stored picture (`ssr::assistant::picture_assistant`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "picture_findings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub blob_key: String,
    /// [`stored_hash`] of the hash; none when the picture could not be decoded.
    pub perceptual_hash: Option<String>,
    /// The looks advice's codes, comma-separated ("" when it looks fine).
    pub looks_advice: Option<String>,
    /// On an ID photo with exactly one face: where its head sits ([`stored_face_place`]).
    pub face_place: Option<String>,
    /// Where the category wants a QR code: a [`QrState`]'s word.
    pub qr: Option<String>,
    pub qr_text: Option<String>,
    /// On an ID card's front, or a record that prints its holder's number: a [`NumberComparison`]'s
    /// word, against the account's number.
    pub id_number: Option<String>,
    pub id_number_read: Option<String>,
    /// Where the number's reading was not finished ([`NumberComparison::Unfinished`]): when it is
    /// tried again.
    pub id_number_retry_at: Option<DateTimeUtc>,
    pub looked_at: DateTimeUtc,
    /// On a record that prints a 证书编号 (`diploma_number = true`): a [`NumberComparison`]'s word,
    /// against the numbers in the candidate's 高等教育学历 rows (`assistant::diploma_number_check`).
    pub diploma_number: Option<String>,
    /// The 证书编号 read, whatever it compared as: compared again when the rows change.
    pub diploma_number_read: Option<String>,
    /// Where its reading was not finished: when it is tried again.
    pub diploma_number_retry_at: Option<DateTimeUtc>,
    /// On a 学信网 record that prints it: the last day of its online verification.
    pub verification_ends_on: Option<Date>,
    /// When the document's number was looked for (`assistant::documents_differ`): only once the
    /// picture was joined with another person's; null until then.
    pub document_number_read_at: Option<DateTimeUtc>,
    /// The number read then; null: none could be read.
    pub document_number: Option<String>,
    /// Where tesseract did not finish reading the document's number: when it is read again (and
    /// the picture's pairs compared again once it is); null otherwise.
    pub document_number_retry_at: Option<DateTimeUtc>,
    /// Hex SHA-256 of the stored file, which the candidate's advice receipts name.
    pub sha256: Option<String>,
    /// When the comparison with other people's pictures ended (at once where there was no hash
    /// to compare); null while it runs. Until then the review screen shows the picture as not yet looked
    /// at: a "相似" still to come must not be missing from an application that looks finished.
    pub compared_at: Option<DateTimeUtc>,
}

impl Model {
    /// Everything the assistant does for this picture is done.
    pub fn finished(&self) -> bool {
        self.compared_at.is_some()
    }

    /// A number it prints (the holder's ID number, a 证书编号) is still to be read (its reading was not
    /// finished): until it is, the queue does not count the picture as looked at.
    pub fn number_pending(&self) -> bool {
        self.id_number.as_deref() == Some(NumberComparison::Unfinished.as_str())
            || self.diploma_number.as_deref() == Some(NumberComparison::Unfinished.as_str())
    }

    /// The document's number as looked for: None until it was, then the number read or None.
    pub fn document_number_looked_for(&self) -> Option<Option<String>> {
        self.document_number_read_at.map(|_| self.document_number.clone())
    }
}

/// A head's place as the `face_place` column holds it: its share of the height, the eyes' line and
/// the face off centre, in shares of the photo to three places ("0.234,0.312,-0.121").
pub fn stored_face_place(place: &HeadPlace) -> String {
    format!("{:.3},{:.3},{:.3}", place.head_share, place.eye_line, place.off_centre)
}

/// The place the `face_place` column holds as `stored`; None for anything else.
pub fn face_place_from_stored(stored: &str) -> Option<HeadPlace> {
    let mut shares = stored.split(',').map(|share| share.parse::<f64>().ok().filter(|share| share.is_finite()));
    let place = HeadPlace { head_share: shares.next()??, eye_line: shares.next()??, off_centre: shares.next()?? };
    shares.next().is_none().then_some(place)
}

/// A perceptual hash as the `perceptual_hash` column holds it (base64).
pub fn stored_hash(hash: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(hash)
}

/// The hash the `perceptual_hash` column holds as `stored`; None for text that is not base64.
pub fn hash_from_stored(stored: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(stored).ok()
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// The findings of the pictures stored under `blob_keys`, by blob key (a picture not looked at yet
/// has none).
pub async fn by_blob_key(
    db: &impl ConnectionTrait,
    blob_keys: impl IntoIterator<Item = String>,
) -> Result<std::collections::HashMap<String, Model>, DbErr> {
    let found = Entity::find().filter(Column::BlobKey.is_in(blob_keys)).all(db).await?;
    Ok(found.into_iter().map(|row| (row.blob_key.clone(), row)).collect())
}

/// What the `qr` column says: the code leads to a 学信网 report, elsewhere, or was not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QrState {
    Xuexin,
    Other,
    Unreadable,
}

impl QrState {
    /// The column's word (the queue's filters ask the database for it).
    pub const fn as_str(self) -> &'static str {
        match self {
            QrState::Xuexin => "xuexin",
            QrState::Other => "other",
            QrState::Unreadable => "unreadable",
        }
    }

    pub fn parse(word: &str) -> Option<QrState> {
        [QrState::Xuexin, QrState::Other, QrState::Unreadable].into_iter().find(|s| s.as_str() == word)
    }
}

/// What the `id_number` and `diploma_number` columns say: a number printed on the picture against
/// the one it should be (the account's ID number; a number in the 高等教育学历 rows).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberComparison {
    Matches,
    Differs,
    Unreadable,
    /// Tesseract failed or ran out of time: nothing is known yet, and it is tried again.
    Unfinished,
}

impl NumberComparison {
    pub const fn as_str(self) -> &'static str {
        match self {
            NumberComparison::Matches => "matches",
            NumberComparison::Differs => "differs",
            NumberComparison::Unreadable => "unreadable",
            NumberComparison::Unfinished => "unfinished",
        }
    }

    pub fn parse(word: &str) -> Option<NumberComparison> {
        [
            NumberComparison::Matches,
            NumberComparison::Differs,
            NumberComparison::Unreadable,
            NumberComparison::Unfinished,
        ]
        .into_iter()
        .find(|s| s.as_str() == word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heads_place_is_read_back_as_it_was_kept_and_nothing_else_is() {
        let place = HeadPlace { head_share: 0.2341, eye_line: 0.3119, off_centre: -0.1207 };
        let stored = stored_face_place(&place);
        assert_eq!(stored, "0.234,0.312,-0.121");
        let read = face_place_from_stored(&stored).unwrap();
        assert!((read.head_share - 0.234).abs() < 1e-9 && (read.off_centre + 0.121).abs() < 1e-9);
        for other in ["", "0.2,0.3", "0.2,0.3,0.1,0.4", "a,b,c", "NaN,0.3,0.1", "0.2,,0.1"] {
            assert_eq!(face_place_from_stored(other), None, "{other:?}");
        }
    }
}
