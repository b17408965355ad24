//! The assistant's findings for the pictures on a review screen. Another candidate's picture of
//! the same document is named (family name, the picture, a link) only to a reviewer who may
//! review that application too; anyone else learns only that such a picture exists.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::domain::china_day::end_of_china_day;
use crate::domain::china_time::ChinaTime;
use crate::domain::exam_definition::ExamDefinition;
use crate::domain::qr_code::CodeTarget;
use crate::domain::record_ids::MaterialId;
use crate::domain::ViolationCode;
use crate::error::AppError;
use crate::models::picture_findings::{
    AlikeApplication, AlikePicture, FaceFact, NumberFinding, NumbersRead, PictureFindings, QrFinding, VerificationEnd,
};
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Staff;
use crate::ssr::access::reviewer_access;
use crate::ssr::application::people;
use crate::ssr::entities::picture_finding::{NumberComparison, QrState};
use crate::ssr::entities::{advice_receipt, material, picture_finding, similar_picture};

/// The findings of each of `pictures` (all of the exam `definition`) the assistant has looked at,
/// by material id.
#[tracing::instrument(skip_all, fields(user = %account.id))]
pub async fn findings_of(
    db: &DatabaseConnection,
    account: &Caller<Staff>,
    pictures: &[material::Model],
    definition: &ExamDefinition,
) -> Result<HashMap<MaterialId, PictureFindings>, AppError> {
    let review_closes = definition.windows.review_closes;
    let keys: Vec<String> = pictures.iter().map(|p| p.blob_key.clone()).collect();
    let pairs =
        similar_picture::Entity::find().filter(similar_picture::Column::BlobKey.is_in(keys.clone())).all(db).await?;
    // The other sides' findings too: their numbers as read.
    let found =
        picture_finding::by_blob_key(db, keys.iter().cloned().chain(pairs.iter().map(|p| p.other_blob_key.clone())))
            .await?;
    let alike = alike_pictures(db, account, &pairs).await?;
    let receipts = advice_receipt::Entity::find()
        .filter(advice_receipt::Column::UserId.is_in(pictures.iter().map(|p| p.user_id)))
        .filter(advice_receipt::Column::Sha256.is_in(keys.iter().filter_map(|key| found.get(key)?.sha256.clone())))
        .all(db)
        .await?;
    let mut by_material = HashMap::new();
    for picture in pictures {
        // Still being compared with other people's pictures: not looked at yet.
        let Some(finding) = found.get(&picture.blob_key).filter(|f| f.finished()) else { continue };
        let alike = pairs
            .iter()
            .filter(|pair| pair.blob_key == picture.blob_key)
            .filter_map(|pair| {
                let mut alike = alike.get(&pair.other_blob_key).cloned()?;
                let theirs = found.get(&pair.other_blob_key);
                alike.numbers = numbers_read(finding, theirs, alike.other.is_some());
                alike.same_file =
                    finding.sha256.is_some() && finding.sha256.as_ref() == theirs.and_then(|t| t.sha256.as_ref());
                Some(alike)
            })
            .collect();
        // The owner's own receipt about these very bytes; another account's says nothing.
        let shown = finding
            .sha256
            .as_ref()
            .is_some_and(|sha256| receipts.iter().any(|r| r.user_id == picture.user_id && &r.sha256 == sha256));
        let frame = definition.categories.iter().find(|c| c.code == picture.category).map(|c| c.face);
        let face = finding
            .face_place
            .as_deref()
            .and_then(picture_finding::face_place_from_stored)
            .zip(frame)
            .map(|(place, frame)| FaceFact { place, frame });
        by_material.insert(picture.id.clone(), findings(finding, alike, shown, face, review_closes));
    }
    Ok(by_material)
}

fn findings(
    row: &picture_finding::Model,
    alike: Vec<AlikePicture>,
    looks_shown: bool,
    face: Option<FaceFact>,
    review_closes: DateTime<FixedOffset>,
) -> PictureFindings {
    let looks: Option<Vec<ViolationCode>> =
        row.looks_advice.as_deref().map(|codes| codes.split(',').filter_map(ViolationCode::parse).collect());
    PictureFindings {
        looks_shown_to_candidate: looks_shown && looks.as_ref().is_some_and(|codes| !codes.is_empty()),
        looks,
        face,
        qr: match (row.qr.as_deref().map(QrState::parse), &row.qr_text) {
            (None, _) => None,
            (Some(Some(QrState::Xuexin | QrState::Other)), Some(text)) => {
                Some(QrFinding::Read { text: text.clone(), target: CodeTarget::of(text) })
            }
            (Some(_), _) => Some(QrFinding::Unreadable),
        },
        id_number: number_finding(row.id_number.as_deref(), row.id_number_read.as_deref()),
        diploma_number: number_finding(row.diploma_number.as_deref(), row.diploma_number_read.as_deref()),
        alike,
        verification_end: row.verification_ends_on.map(|day| verification_end(day, review_closes)),
    }
}

/// The record's last day of online verification against the close of the review.
fn verification_end(day: NaiveDate, review_closes: DateTime<FixedOffset>) -> VerificationEnd {
    VerificationEnd {
        ends: ChinaTime::end_of(day),
        review_closes: ChinaTime::of(&review_closes),
        ends_first: end_of_china_day(day) < review_closes,
    }
}

/// A number's comparison as its two columns keep it: the comparison's word and the number read.
fn number_finding(comparison: Option<&str>, read: Option<&str>) -> Option<NumberFinding> {
    Some(match (NumberComparison::parse(comparison?), read) {
        (Some(NumberComparison::Matches), _) => NumberFinding::Matches,
        (Some(NumberComparison::Differs), Some(read)) => NumberFinding::Differs { read: read.to_string() },
        (Some(NumberComparison::Unfinished), _) => NumberFinding::Unfinished,
        _ => NumberFinding::Unreadable,
    })
}

/// What the two pictures' document numbers read as; the other's number only when its
/// application is `reviewable` too.
fn numbers_read(
    mine: &picture_finding::Model,
    theirs: Option<&picture_finding::Model>,
    reviewable: bool,
) -> Option<NumbersRead> {
    match (mine.document_number_looked_for()?, theirs?.document_number_looked_for()?) {
        (Some(one), Some(other)) => (one == other).then_some(NumbersRead::Same(one)),
        (Some(one), None) => Some(NumbersRead::OnlyThis(one)),
        (None, Some(other)) => Some(NumbersRead::OnlyOther(reviewable.then_some(other))),
        (None, None) => Some(NumbersRead::Neither),
    }
}

/// The other side of each pair whose picture still exists, by its blob key.
async fn alike_pictures(
    db: &DatabaseConnection,
    account: &Caller<Staff>,
    pairs: &[similar_picture::Model],
) -> Result<HashMap<String, AlikePicture>, AppError> {
    if pairs.is_empty() {
        return Ok(HashMap::new());
    }
    let others = material::Entity::find()
        .filter(material::Column::BlobKey.is_in(pairs.iter().map(|p| p.other_blob_key.clone())))
        .all(db)
        .await?;
    let names = people::names_of(db, others.iter().map(|o| o.user_id).collect()).await?;
    let mut alike = HashMap::new();
    for other in others {
        let distance = pairs.iter().find(|p| p.other_blob_key == other.blob_key).map_or(0, |p| p.distance as u32);
        let shown = match reviewer_access::reviewable_material(db, account, &other).await {
            Ok(application) => names.get(&other.user_id).map(|person| AlikeApplication {
                application_id: application.id,
                name_start: name_start(&person.name),
                exam_code: other.exam_code.clone(),
                file_url: format!("/api/materials/{}/file", other.id),
            }),
            Err(AppError::NotFound | AppError::Forbidden) => None,
            Err(error) => return Err(error),
        };
        alike.insert(other.blob_key.clone(), AlikePicture { distance, same_file: false, numbers: None, other: shown });
    }
    Ok(alike)
}

/// "王…": the first character of a name.
fn name_start(name: &str) -> String {
    name.chars().next().map(|first| format!("{first}…")).unwrap_or_default()
}
