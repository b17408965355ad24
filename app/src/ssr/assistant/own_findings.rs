//! What the assistant found in a person's own pictures, as their copy of their data gives it
//! (下载我的资料): the looks advice, the QR code's text, the ID card's number against the account's,
//! the document number read, a record's 证书编号 against the rows and the last day it verifies.
//! Comparisons with other people's pictures are theirs too, and are left out.

use std::collections::BTreeMap;

use sea_orm::DatabaseConnection;
use serde_json::{json, Value};

use crate::error::AppError;
use crate::ssr::entities::{material, picture_finding};

/// The findings of each of `pictures` the assistant has looked at, by exam code.
pub async fn by_exam(
    db: &DatabaseConnection,
    pictures: &[material::Model],
) -> Result<BTreeMap<String, Vec<Value>>, AppError> {
    let findings = picture_finding::by_blob_key(db, pictures.iter().map(|p| p.blob_key.clone())).await?;
    let mut by_exam: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for picture in pictures {
        let Some(found) = findings.get(&picture.blob_key) else { continue };
        by_exam.entry(picture.exam_code.to_string()).or_default().push(json!({
            "category": picture.category, "seq_no": picture.seq_no, "looked_at": found.looked_at,
            "looks_advice": found.looks_advice, "face_place": found.face_place, "qr": found.qr, "qr_text": found.qr_text,
            "id_number": found.id_number, "id_number_read": found.id_number_read,
            "document_number": found.document_number,
            "diploma_number": found.diploma_number, "diploma_number_read": found.diploma_number_read,
            "verification_ends_on": found.verification_ends_on,
        }));
    }
    Ok(by_exam)
}
