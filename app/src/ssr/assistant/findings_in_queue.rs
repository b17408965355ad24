//! The assistant's findings in the review queue: a badge per kind on each row, and the filter to
//! "nothing found" (every picture looked at, every number it prints read, no finding: approved at
//! a glance) or to one kind.
//! What counts as each kind is said twice, once for the database (the filter) and once for rows
//! already read (the badges), side by side here so they stay the same; a test holds them equal.

use std::collections::{BTreeSet, HashMap, HashSet};

use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::domain::record_ids::{ExamCode, UserId};
use crate::error::AppError;
use crate::models::picture_findings::{FindingFilter, FindingKind};
use crate::ssr::entities::picture_finding::{NumberComparison, QrState};
use crate::ssr::entities::{material, picture_finding, similar_picture};

/// A finding `f` of this kind, in SQL (the columns' own words: nothing here comes from a request).
fn kind_sql(kind: FindingKind) -> String {
    match kind {
        FindingKind::QrUnreadable => format!("f.qr = '{}'", QrState::Unreadable.as_str()),
        FindingKind::QrElsewhere => format!("f.qr = '{}'", QrState::Other.as_str()),
        FindingKind::Looks => "f.looks_advice <> ''".to_string(),
        FindingKind::SameDocument => "EXISTS (SELECT 1 FROM similar_pictures s JOIN materials o \
             ON o.blob_key = s.other_blob_key WHERE s.blob_key = f.blob_key)"
            .to_string(),
        FindingKind::IdNumberDiffers => format!("f.id_number = '{}'", NumberComparison::Differs.as_str()),
        FindingKind::IdNumberUnreadable => format!("f.id_number = '{}'", NumberComparison::Unreadable.as_str()),
        FindingKind::DiplomaNumberDiffers => format!("f.diploma_number = '{}'", NumberComparison::Differs.as_str()),
        FindingKind::DiplomaNumberUnreadable => {
            format!("f.diploma_number = '{}'", NumberComparison::Unreadable.as_str())
        }
    }
}

/// The same, for a finding already read; `alike`: whether another candidate's picture of the
/// same document still exists.
fn has_kind(kind: FindingKind, f: &picture_finding::Model, alike: bool) -> bool {
    let qr = f.qr.as_deref().and_then(QrState::parse);
    let id_number = f.id_number.as_deref().and_then(NumberComparison::parse);
    let diploma_number = f.diploma_number.as_deref().and_then(NumberComparison::parse);
    match kind {
        FindingKind::QrUnreadable => qr == Some(QrState::Unreadable),
        FindingKind::QrElsewhere => qr == Some(QrState::Other),
        FindingKind::Looks => f.looks_advice.as_deref().is_some_and(|codes| !codes.is_empty()),
        FindingKind::SameDocument => alike,
        FindingKind::IdNumberDiffers => id_number == Some(NumberComparison::Differs),
        FindingKind::IdNumberUnreadable => id_number == Some(NumberComparison::Unreadable),
        FindingKind::DiplomaNumberDiffers => diploma_number == Some(NumberComparison::Differs),
        FindingKind::DiplomaNumberUnreadable => diploma_number == Some(NumberComparison::Unreadable),
    }
}

/// The pictures of the application in the row (`applications`), each with its finding `f`.
const PICTURES_OF_APPLICATION: &str =
    "SELECT 1 FROM materials m LEFT JOIN picture_findings f ON f.blob_key = m.blob_key \
     WHERE m.user_id = applications.user_id AND m.exam_code = applications.exam_code";

/// The condition on `applications` the filter asks for; None: every application.
pub fn condition(filter: FindingFilter) -> Option<SimpleExpr> {
    match filter {
        FindingFilter::Any => None,
        FindingFilter::Kind(kind) => Some(Expr::cust(format!(
            "EXISTS ({PICTURES_OF_APPLICATION} AND f.compared_at IS NOT NULL AND {})",
            kind_sql(kind)
        ))),
        FindingFilter::Nothing => {
            let any: Vec<String> = FindingKind::ALL.into_iter().map(|k| format!("({})", kind_sql(k))).collect();
            Some(Expr::cust(format!(
                "NOT EXISTS ({PICTURES_OF_APPLICATION} AND (f.compared_at IS NULL OR f.id_number = '{unfinished}' \
                 OR f.diploma_number = '{unfinished}' OR {}))",
                any.join(" OR "),
                unfinished = NumberComparison::Unfinished.as_str(),
            )))
        }
    }
}

/// What each candidate's pictures in `exam_code` show: the kinds found, and whether every
/// picture has been looked at.
pub async fn badges(
    db: &DatabaseConnection,
    exam_code: &ExamCode,
    user_ids: Vec<UserId>,
) -> Result<HashMap<UserId, (Vec<FindingKind>, bool)>, AppError> {
    let pictures = material::Entity::find()
        .filter(material::Column::ExamCode.eq(exam_code))
        .filter(material::Column::UserId.is_in(user_ids))
        .all(db)
        .await?;
    let keys: Vec<String> = pictures.iter().map(|p| p.blob_key.clone()).collect();
    let found: HashMap<String, picture_finding::Model> = picture_finding::Entity::find()
        .filter(picture_finding::Column::BlobKey.is_in(keys.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.blob_key.clone(), f))
        .collect();
    let pairs = similar_picture::Entity::find().filter(similar_picture::Column::BlobKey.is_in(keys)).all(db).await?;
    let existing: HashSet<String> = material::Entity::find()
        .filter(material::Column::BlobKey.is_in(pairs.iter().map(|p| p.other_blob_key.clone())))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.blob_key)
        .collect();
    let alike: HashSet<&str> =
        pairs.iter().filter(|p| existing.contains(&p.other_blob_key)).map(|p| p.blob_key.as_str()).collect();
    let mut by_user: HashMap<UserId, (BTreeSet<FindingKind>, bool)> = HashMap::new();
    for picture in &pictures {
        let entry = by_user.entry(picture.user_id).or_insert((BTreeSet::new(), true));
        match found.get(&picture.blob_key).filter(|f| f.finished()) {
            Some(finding) => {
                entry.0.extend(
                    FindingKind::ALL
                        .into_iter()
                        .filter(|kind| has_kind(*kind, finding, alike.contains(picture.blob_key.as_str()))),
                );
                // A picture whose number is still to be read is not checked yet.
                entry.1 &= !finding.number_pending();
            }
            None => entry.1 = false,
        }
    }
    Ok(by_user.into_iter().map(|(user, (kinds, looked_at))| (user, (kinds.into_iter().collect(), looked_at))).collect())
}
