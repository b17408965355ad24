//! Telling apart two documents the perceptual hash joins (issue 34). Two certificates printed on
//! one template share their seal, frame and layout, so their hashes meet; what each says it is
//! does not: its QR code's text (a 学信网 report's 验证码), or the number it is known by (a
//! 证书编号, an ID card's number) read by tesseract. A pair whose two pictures both say, and say
//! differently, is two documents; everything else stays "相似" for the reviewer to read.
//!
//! The number is read only for pictures the hash joined with another person's, once per picture
//! (kept in `picture_findings`): about 0.6 s of a core each (`./scripts/bench-picture-hashes.sh`).

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::error::AppError;
use crate::ssr::entities::{material, picture_finding};
use crate::ssr::infra::server_state::ServerState;
use crate::ssr::review::picture_analysis::document_number;
use crate::ssr::review::quiet_picture_work::when_quiet;

/// Of the pictures `alike` (other people's, with their hashes' distance) those `blob_key`'s
/// picture is not told apart from.
pub async fn not_told_apart(
    state: &ServerState,
    blob_key: &str,
    alike: Vec<(String, u32)>,
) -> Result<Vec<(String, u32)>, AppError> {
    if alike.is_empty() {
        return Ok(alike);
    }
    let keys = alike.iter().map(|(key, _)| key.clone()).chain([blob_key.to_string()]);
    let findings = picture_finding::by_blob_key(&state.db, keys)
        .await
        .map_err(|e| crate::ssr::internal("picture findings of a pair", e))?;
    let Some(mine) = findings.get(blob_key) else { return Ok(alike) };
    let codes_differ =
        |other: &picture_finding::Model| matches!((&mine.qr_text, &other.qr_text), (Some(a), Some(b)) if a != b);
    let alike: Vec<(String, u32)> =
        alike.into_iter().filter(|(key, _)| !findings.get(key).is_some_and(codes_differ)).collect();
    if alike.is_empty() || state.assistant.tesseract().is_none() {
        return Ok(alike);
    }
    let Some(my_number) = number_of(state, mine).await? else { return Ok(alike) };
    let mut kept = Vec::new();
    for (key, distance) in alike {
        let their_number = match findings.get(&key) {
            Some(theirs) => number_of(state, theirs).await?,
            None => None,
        };
        if their_number.is_none_or(|number| number == my_number) {
            kept.push((key, distance));
        }
    }
    Ok(kept)
}

/// The picture's document number: as read before, or read now and kept.
async fn number_of(state: &ServerState, finding: &picture_finding::Model) -> Result<Option<String>, AppError> {
    if finding.document_number_read_at.is_some() {
        return Ok(finding.document_number.clone());
    }
    let Some(tesseract) = state.assistant.tesseract() else { return Ok(None) };
    let picture = material::Entity::find()
        .filter(material::Column::BlobKey.eq(&finding.blob_key))
        .one(&state.db)
        .await
        .map_err(|e| crate::ssr::internal("picture of a finding", e))?;
    let number = match picture {
        Some(picture) => when_quiet(state, &picture, move |bytes| document_number(bytes, &tesseract)).await?.flatten(),
        None => None,
    };
    picture_finding::Entity::update_many()
        .filter(picture_finding::Column::Id.eq(finding.id))
        .set(picture_finding::ActiveModel {
            document_number_read_at: Set(Some(state.clock.now())),
            document_number: Set(number.clone()),
            ..Default::default()
        })
        .exec(&state.db)
        .await
        .map_err(|e| crate::ssr::internal("document number update", e))?;
    Ok(number)
}
