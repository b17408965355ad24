//! An exam's results as rows for the administrator's exports (CSV and .xlsx): every application
//! handed in, with the full ID number — administrators export results for the authority's
//! records, where the number is the key.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::ssr::entities::application;

pub const HEADER: [&str; 8] = [
    "姓名 Name",
    "证件号码 ID number",
    "状态 State",
    "State",
    "提交次数 Submissions",
    "最后提交（北京时间）Last submitted (Beijing time)",
    "决定时间（北京时间）Decided at (Beijing time)",
    "原因 Reason",
];

pub async fn rows(db: &DatabaseConnection, exam_code: &ExamCode) -> Result<Vec<[String; 8]>, AppError> {
    let applications = application::Entity::find()
        .filter(application::Column::ExamCode.eq(exam_code))
        .filter(application::Column::LastSubmittedAt.is_not_null())
        .order_by_asc(application::Column::Id)
        .all(db)
        .await?;
    let people =
        crate::ssr::application::people::names_of(db, applications.iter().map(|a| a.user_id).collect()).await?;
    let moment = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map(|t| crate::domain::china_time::china_time(t).wall_clock().to_string()).unwrap_or_default()
    };
    Ok(applications
        .into_iter()
        .map(|a| {
            let person = people.get(&a.user_id);
            let state = a.state;
            [
                person.map(|p| p.name.clone()).unwrap_or_default(),
                person.map(|p| p.id_number.clone()).unwrap_or_default(),
                state.label_zh().to_string(),
                state.label_en().to_string(),
                a.round.to_string(),
                moment(a.last_submitted_at),
                moment(a.decided_at),
                a.decision_reason.unwrap_or_default(),
            ]
        })
        .collect())
}
