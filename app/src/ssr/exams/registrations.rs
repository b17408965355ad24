//! Seed 003's registration comes with the candidate: what the registration system says they
//! registered for (each exam, its 报考类别 and 考区), given by the authority's identity provider at
//! sign-in, puts them on those exams' lists — for an exam with `eligibility = "registration"`,
//! those applications and only those open; never on an `eligibility = "list"` exam's, which the
//! authority's list alone fills — and the candidate finds the category and region on
//! 我的考试 and on the exam page. A registration for an exam Zige does not hold is left aside.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};

use crate::domain::record_ids::{ExamCode, UserId};
use crate::domain::Eligibility;
use crate::error::AppError;
use crate::ssr::entities::{application, eligible_candidate};
use crate::ssr::exams::{exam_store, told_numbers};

/// One registration, as the registration system's claim carries it.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Registration {
    pub exam: ExamCode,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub area: Option<String>,
}

/// Puts the person on the list of each registered exam Zige holds, and the codes of those exams.
/// A row already there keeps the text sent and the days given, and takes the registration's name,
/// category and region. Only the authority's list says who is on an `eligibility = "list"` exam:
/// there the claim names the category and region of a row already listed, and adds none. A new row
/// elsewhere takes the claimed mobile, and a told time the number had before (`told_numbers`).
/// (Only list exams count days from being told: a row of another exam starts no clock.)
/// A registration the claim no longer names was withdrawn there (`withdraw_unnamed`).
pub async fn record(
    db: &DatabaseConnection,
    person: &ClaimedPerson<'_>,
    registrations: &[Registration],
    now: DateTime<Utc>,
) -> Result<Vec<ExamCode>, AppError> {
    let named: Vec<&str> = registrations.iter().map(|r| r.exam.as_str().trim()).collect();
    withdraw_unnamed(db, person, &named).await?;
    let mut recorded = Vec::new();
    for registration in registrations {
        let code = &ExamCode::from(registration.exam.as_str().trim());
        let Some(exam) = exam_store::load(db, code).await? else { continue };
        let cut = |text: &Option<String>| text.as_deref().map(|t| t.trim().chars().take(64).collect::<String>());
        let (category, area) = (cut(&registration.category), cut(&registration.area));
        if exam.eligibility == Eligibility::List {
            let named = eligible_candidate::Entity::update_many()
                .col_expr(eligible_candidate::Column::Category, Expr::value(category))
                .col_expr(eligible_candidate::Column::Area, Expr::value(area))
                .filter(eligible_candidate::Column::ExamCode.eq(code))
                .filter(eligible_candidate::Column::IdNumber.eq(person.id_number))
                .exec(db)
                .await?;
            if named.rows_affected == 0 {
                continue;
            }
        } else {
            add_row(db, code, person, category, area, now).await?;
            told_numbers::restore(db, code, &[person.id_number.to_string()], now).await?;
        }
        recorded.push(code.clone());
    }
    Ok(recorded)
}

/// The person's rows the registration system's claim alone put on `eligibility = "registration"`
/// exams, and no longer names: withdrawn there, so the exam no longer opens for them at this
/// sign-in. A row of the authority's list stays, and so does a row whose application was handed
/// in: its review is under way, and the authority decides on it.
async fn withdraw_unnamed(db: &DatabaseConnection, person: &ClaimedPerson<'_>, named: &[&str]) -> Result<(), AppError> {
    let rows = eligible_candidate::Entity::find()
        .filter(eligible_candidate::Column::IdNumber.eq(person.id_number))
        .filter(eligible_candidate::Column::FromRegistrationSystem.eq(true))
        .all(db)
        .await?;
    for row in rows.into_iter().filter(|row| !named.contains(&row.exam_code.as_str())) {
        let Some(exam) = exam_store::load(db, &row.exam_code).await? else { continue };
        if exam.eligibility != Eligibility::Registration {
            continue;
        }
        let handed_in = application::Entity::find()
            .filter(application::Column::UserId.eq(person.account_id))
            .filter(application::Column::ExamCode.eq(row.exam_code.as_str()))
            .filter(application::Column::SubmittedAt.is_not_null())
            .one(db)
            .await?
            .is_some();
        if !handed_in {
            eligible_candidate::Entity::delete_by_id((row.exam_code, row.id_number)).exec(db).await?;
        }
    }
    Ok(())
}

/// Whom the registration system's claim names.
pub struct ClaimedPerson<'a> {
    /// Their account here.
    pub account_id: UserId,
    pub id_number: &'a str,
    pub name: &'a str,
    /// Empty when neither the claim nor the account gave one.
    pub mobile: &'a str,
}

async fn add_row(
    db: &DatabaseConnection,
    code: &ExamCode,
    person: &ClaimedPerson<'_>,
    category: Option<String>,
    area: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let row = eligible_candidate::ActiveModel {
        exam_code: Set(code.clone()),
        id_number: Set(person.id_number.to_string()),
        name: Set(person.name.to_string()),
        imported_at: Set(now),
        mobile: Set((!person.mobile.is_empty()).then(|| person.mobile.to_string())),
        notice_outbox_id: Set(None),
        noticed_at: Set(None),
        extra_days: Set(0),
        category: Set(category),
        area: Set(area),
        // Left as it is when the row is there already: the authority's list keeps holding its own.
        from_registration_system: Set(true),
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
    Ok(())
}

/// What the registration system named for this person and exam (its 报考类别 and 考区), where the
/// person is on the exam's list; on an imported row both are none.
pub async fn registered_for(
    db: &DatabaseConnection,
    exam_code: &ExamCode,
    id_number: &str,
) -> Result<Option<Registration>, AppError> {
    let row = eligible_candidate::Entity::find_by_id((exam_code.clone(), id_number.to_string())).one(db).await?;
    Ok(row.map(|row| Registration { exam: row.exam_code, category: row.category, area: row.area }))
}

impl Registration {
    /// "报考类别：临床执业医师　考区：示例考区" and its English, where the registration system named them.
    pub fn words(&self) -> Option<(String, String)> {
        let (zh, en): (Vec<String>, Vec<String>) =
            [(&self.category, "报考类别", "Category"), (&self.area, "考区", "Region")]
                .into_iter()
                .filter_map(|(value, zh, en)| value.as_ref().map(|v| (format!("{zh}：{v}"), format!("{en}: {v}"))))
                .unzip();
        (!zh.is_empty()).then(|| (zh.join("　"), en.join("; ")))
    }
}
