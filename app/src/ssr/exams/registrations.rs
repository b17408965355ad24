//! Seed 003's registration comes with the candidate: what the registration system says they
//! registered for (each exam, its 报考类别 and 考区), given by the authority's identity provider at
//! sign-in, puts them on those exams' lists — for an exam with `eligibility = "registration"`,
//! those applications and only those open — and the candidate finds the category and region on
//! 我的考试 and on the exam page. A registration for an exam Zige does not hold is left aside.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{DatabaseConnection, EntityTrait, Set};
use serde::Deserialize;

use crate::error::AppError;
use crate::ssr::entities::eligible_candidate;
use crate::ssr::exams::exam_store;

/// One registration, as the registration system's claim carries it.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct Registration {
    pub exam: String,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub area: Option<String>,
}

/// Puts the person on the list of each registered exam Zige holds (their name and registration
/// replacing an older row's; the text sent and days given kept). The codes of those exams.
pub async fn record(
    db: &DatabaseConnection,
    id_number: &str,
    name: &str,
    registrations: &[Registration],
    now: DateTime<Utc>,
) -> Result<Vec<String>, AppError> {
    let mut recorded = Vec::new();
    for registration in registrations {
        let exam = registration.exam.trim();
        if exam_store::load(db, exam).await?.is_none() {
            continue;
        }
        let cut = |text: &Option<String>| text.as_deref().map(|t| t.trim().chars().take(64).collect::<String>());
        let row = eligible_candidate::ActiveModel {
            exam_code: Set(exam.to_string()),
            id_number: Set(id_number.to_string()),
            name: Set(name.to_string()),
            imported_at: Set(now),
            mobile: Set(None),
            notice_outbox_id: Set(None),
            noticed_at: Set(None),
            extra_days: Set(0),
            category: Set(cut(&registration.category)),
            area: Set(cut(&registration.area)),
        };
        eligible_candidate::Entity::insert(row)
            .on_conflict(
                OnConflict::columns([eligible_candidate::Column::ExamCode, eligible_candidate::Column::IdNumber])
                    .update_columns([
                        eligible_candidate::Column::Name,
                        eligible_candidate::Column::Category,
                        eligible_candidate::Column::Area,
                    ])
                    .to_owned(),
            )
            .exec(db)
            .await?;
        recorded.push(exam.to_string());
    }
    Ok(recorded)
}

/// "报考类别：临床执业医师　考区：示例考区" and its English, where the registration system named them.
pub async fn registered_as(
    db: &DatabaseConnection,
    exam_code: &str,
    id_number: &str,
) -> Result<Option<(String, String)>, AppError> {
    let row = eligible_candidate::Entity::find_by_id((exam_code.to_string(), id_number.to_string())).one(db).await?;
    let Some(row) = row else { return Ok(None) };
    let (zh, en): (Vec<String>, Vec<String>) = [(&row.category, "报考类别", "Category"), (&row.area, "考区", "Region")]
        .into_iter()
        .filter_map(|(value, zh, en)| value.as_ref().map(|v| (format!("{zh}：{v}"), format!("{en}: {v}"))))
        .unzip();
    Ok((!zh.is_empty()).then(|| (zh.join("　"), en.join("; "))))
}
