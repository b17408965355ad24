//! 资格名单 as administrators see it (seed 004): every listed candidate with their text's fate,
//! their own last day and where their application stands, 逾期放弃 among them; the same rows for
//! the export.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::domain::china_time::{china_time, ChinaTime};
use crate::domain::own_deadline::has_lapsed;
use crate::domain::record_ids::ExamCode;
use crate::domain::{ApplicationState, ExamDefinition};
use crate::error::AppError;
use crate::models::listed_candidates::{ListedCandidateRow, ListedCandidates, ListedCounts};
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Admin;
use crate::ssr::application::people::names_of;
use crate::ssr::entities::{application, eligible_candidate, outbox_message};
use crate::ssr::exams::{exam_store, own_days};
use crate::ssr::infra::audit::masked_id_number;
use crate::ssr::infra::server_state::ServerState;
use crate::ssr::messaging::masked_recipient::masked_recipient;

/// What became of a listed candidate's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    NoMobile,
    NotSent,
    Waiting,
    GivenUp,
    Accepted(DateTime<Utc>),
}

impl Notice {
    /// Not told yet, and a text can go: never sent, or the last one given up.
    pub fn may_be_told(self) -> bool {
        matches!(self, Notice::NotSent | Notice::GivenUp)
    }

    fn words(self) -> (String, String) {
        match self {
            Notice::NoMobile => ("无手机号".into(), "No mobile number".into()),
            Notice::NotSent => ("未发送".into(), "Not sent".into()),
            Notice::Waiting => ("待发送".into(), "Waiting to go".into()),
            Notice::GivenUp => ("未送达".into(), "Undelivered".into()),
            Notice::Accepted(at) => {
                let at = china_time(at);
                (format!("已送达 {}", at.zh()), format!("Delivered {}", at.en()))
            }
        }
    }
}

/// One listed candidate and where they stand.
pub struct Standing {
    pub row: eligible_candidate::Model,
    pub notice: Notice,
    pub last_day: Option<chrono::NaiveDate>,
    pub state: ApplicationState,
    pub lapsed: bool,
}

/// Every listed candidate of the exam, by ID number.
pub async fn standings(
    db: &DatabaseConnection,
    definition: &ExamDefinition,
    now: DateTime<Utc>,
) -> Result<Vec<Standing>, AppError> {
    let rows = eligible_candidate::Entity::find()
        .filter(eligible_candidate::Column::ExamCode.eq(&definition.code))
        .order_by_asc(eligible_candidate::Column::IdNumber)
        .all(db)
        .await?;
    let pending: Vec<i32> = rows.iter().filter(|r| r.noticed_at.is_none()).filter_map(|r| r.notice_outbox_id).collect();
    let mut texts = HashMap::new();
    // SQLite allows 32766 bound values.
    for chunk in pending.chunks(10_000) {
        let found =
            outbox_message::Entity::find().filter(outbox_message::Column::Id.is_in(chunk.to_vec())).all(db).await;
        texts.extend(found?.into_iter().map(|m| (m.id, m.given_up_at.is_some())));
    }
    let states = application_states(db, &definition.code).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let notice = match (row.noticed_at, row.notice_outbox_id, row.mobile.is_some()) {
                (Some(at), _, _) => Notice::Accepted(at),
                (None, _, false) => Notice::NoMobile,
                (None, None, true) => Notice::NotSent,
                // A row purged from the outbox unsent was given up long ago.
                (None, Some(id), true) => match texts.get(&id) {
                    Some(false) => Notice::Waiting,
                    _ => Notice::GivenUp,
                },
            };
            let last_day = own_days::last_day(definition, &row);
            let state = states.get(&row.id_number).copied().unwrap_or(ApplicationState::NotStarted);
            Standing { lapsed: has_lapsed(last_day, state, now), row, notice, last_day, state }
        })
        .collect())
}

/// The exam's applications' states by their holder's ID number.
async fn application_states(
    db: &DatabaseConnection,
    exam_code: &ExamCode,
) -> Result<HashMap<String, ApplicationState>, AppError> {
    let applications = application::Entity::find().filter(application::Column::ExamCode.eq(exam_code)).all(db).await?;
    let holders = names_of(db, applications.iter().map(|a| a.user_id).collect()).await?;
    Ok(applications
        .into_iter()
        .filter_map(|a| holders.get(&a.user_id).map(|holder| (holder.id_number.clone(), a.state)))
        .collect())
}

/// The panel: counts over the whole list, and its first rows.
#[tracing::instrument(skip_all, fields(user = %admin.id, exam = %code))]
pub async fn overview(
    state: &ServerState,
    admin: &Caller<Admin>,
    code: &ExamCode,
) -> Result<ListedCandidates, AppError> {
    let definition = exam_store::load(&state.db, code).await?.ok_or(AppError::NotFound)?;
    let standings = standings(&state.db, &definition, state.clock.now()).await?;
    let mut counts = ListedCounts { total: standings.len() as u64, ..Default::default() };
    for standing in &standings {
        match standing.notice {
            Notice::NoMobile => counts.no_mobile += 1,
            Notice::NotSent | Notice::GivenUp => counts.not_told += 1,
            Notice::Waiting => counts.waiting += 1,
            Notice::Accepted(_) => counts.told += 1,
        }
        counts.submitted += u64::from(standing.row_submitted());
        counts.lapsed += u64::from(standing.lapsed);
    }
    let rows = standings.into_iter().take(ListedCandidates::SHOWN).map(view).collect();
    Ok(ListedCandidates { days: definition.upload_days_after_notice, counts, rows })
}

impl Standing {
    fn row_submitted(&self) -> bool {
        !matches!(self.state, ApplicationState::NotStarted | ApplicationState::Draft)
    }

    /// Where the application stands, 逾期放弃 first.
    pub fn standing_words(&self) -> (&'static str, &'static str) {
        if self.lapsed {
            ("逾期放弃", "Lapsed")
        } else {
            (self.state.label_zh(), self.state.label_en())
        }
    }
}

fn view(standing: Standing) -> ListedCandidateRow {
    let (notice_zh, notice_en) = standing.notice.words();
    let (standing_zh, standing_en) = standing.standing_words();
    ListedCandidateRow {
        id_number_masked: masked_id_number(&standing.row.id_number),
        mobile_masked: standing.row.mobile.as_deref().map(masked_recipient),
        notice_zh,
        notice_en,
        last_day: standing.last_day.map(ChinaTime::end_of),
        extra_days: standing.row.extra_days,
        standing_zh: standing_zh.into(),
        standing_en: standing_en.into(),
        lapsed: standing.lapsed,
        id_number: standing.row.id_number,
        name: standing.row.name,
    }
}

pub const EXPORT_HEADER: [&str; 7] = [
    "姓名 Name",
    "证件号码 ID number",
    "手机 Mobile",
    "通知短信 Text",
    "最后期限（北京时间）Last day (Beijing time)",
    "状态 Standing",
    "Standing",
];

/// Every listed candidate, for the export (full numbers: the authority's own list).
pub async fn export_rows(
    db: &DatabaseConnection,
    definition: &ExamDefinition,
    now: DateTime<Utc>,
) -> Result<Vec<Vec<String>>, AppError> {
    Ok(standings(db, definition, now)
        .await?
        .into_iter()
        .map(|standing| {
            let (standing_zh, standing_en) = standing.standing_words();
            vec![
                standing.row.name.clone(),
                standing.row.id_number.clone(),
                standing.row.mobile.clone().unwrap_or_default(),
                standing.notice.words().0,
                standing.last_day.map(|day| ChinaTime::end_of(day).wall_clock().to_string()).unwrap_or_default(),
                standing_zh.to_string(),
                standing_en.to_string(),
            ]
        })
        .collect())
}
