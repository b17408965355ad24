//! The administrators' report of an exam's pictures that another candidate handed in too (the
//! same exam or any other of the installation): each pair once, closest first, with the numbers
//! the assistant read on each picture.

use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::domain::record_ids::{ExamCode, UserId};
use crate::domain::ExamDefinition;
use crate::error::AppError;
use crate::models::picture_findings::{PairSide, SimilarPair};
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Admin;
use crate::ssr::application::application_queries;
use crate::ssr::application::people;
use crate::ssr::entities::{material, picture_finding, similar_picture};
use crate::ssr::exams::exam_store;

/// For administrators alone: the pairs name other candidates' applications in any exam.
#[tracing::instrument(skip_all, fields(user = %admin.id, exam = %exam_code))]
pub async fn pairs_of_exam(
    db: &DatabaseConnection,
    admin: &Caller<Admin>,
    exam_code: &ExamCode,
) -> Result<Vec<SimilarPair>, AppError> {
    let pictures = material::Entity::find().filter(material::Column::ExamCode.eq(exam_code)).all(db).await?;
    let pairs = similar_picture::Entity::find()
        .filter(similar_picture::Column::BlobKey.is_in(pictures.iter().map(|p| p.blob_key.clone())))
        .all(db)
        .await?;
    let others = material::Entity::find()
        .filter(material::Column::BlobKey.is_in(pairs.iter().map(|p| p.other_blob_key.clone())))
        .all(db)
        .await?;
    let by_key: HashMap<&str, &material::Model> =
        pictures.iter().chain(others.iter()).map(|m| (m.blob_key.as_str(), m)).collect();
    let names = people::names_of(db, by_key.values().map(|m| m.user_id).collect()).await?;
    let findings = picture_finding::by_blob_key(db, by_key.keys().map(|key| key.to_string())).await?;
    let number = |picture: &material::Model| findings.get(&picture.blob_key).and_then(|f| f.document_number.clone());
    let definitions = exam_store::load_each(db, by_key.values().map(|m| m.exam_code.clone()).collect()).await?;
    let mut seen = HashSet::new();
    let mut report = Vec::new();
    for pair in &pairs {
        let (Some(one), Some(other)) = (by_key.get(pair.blob_key.as_str()), by_key.get(pair.other_blob_key.as_str()))
        else {
            continue;
        };
        // Kept both ways: a pair inside this exam is listed once.
        let key = if pair.blob_key < pair.other_blob_key {
            (pair.blob_key.as_str(), pair.other_blob_key.as_str())
        } else {
            (pair.other_blob_key.as_str(), pair.blob_key.as_str())
        };
        if seen.insert(key) {
            report.push(SimilarPair {
                one: side(db, one, &names, &definitions, number(one)).await?,
                other: side(db, other, &names, &definitions, number(other)).await?,
                distance: pair.distance as u32,
            });
        }
    }
    report.sort_by_key(|p| p.distance);
    Ok(report)
}

async fn side(
    db: &DatabaseConnection,
    picture: &material::Model,
    names: &HashMap<UserId, crate::ssr::entities::user::Model>,
    definitions: &HashMap<ExamCode, Option<ExamDefinition>>,
    number: Option<String>,
) -> Result<PairSide, AppError> {
    let application = application_queries::find(db, picture.user_id, &picture.exam_code).await?;
    let category = definitions.get(&picture.exam_code).and_then(|d| d.as_ref()?.category(&picture.category));
    Ok(PairSide {
        application_id: application.map(|a| a.id),
        candidate_name: names.get(&picture.user_id).map(|u| u.name.clone()).unwrap_or_default(),
        exam_code: picture.exam_code.clone(),
        category_zh: category.map_or_else(|| picture.category.clone(), |c| c.name_zh.clone()),
        category_en: category.map_or_else(|| picture.category.clone(), |c| c.name_en.clone()),
        file_url: format!("/api/materials/{}/file", picture.id),
        number,
    })
}
