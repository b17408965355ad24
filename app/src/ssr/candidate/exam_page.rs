//! One exam as the signed-in candidate sees it now: phase by the server's clock, pledge, their
//! pictures per category, their form and position, what a returned application may change, the
//! timeline, and the 报考类别 the registration system named (the page judges what a submission
//! still lacks with it, `components::required_now`).

use crate::domain::application_flow::{flow_steps, FlowFacts};
use crate::domain::china_time::{china_time, ChinaTime};
use crate::domain::completeness::{category_shortfall, Shortfall};
use crate::domain::fee_status::FeeStatus;
use crate::domain::personal_form::{check_form, FieldRules, FormValues, Strictness};
use crate::domain::picture_quality::PictureKind;
use crate::domain::position_tree::find_position;
use crate::domain::record_ids::ExamCode;
use crate::domain::required_when::Circumstances;
use crate::domain::{ApplicationState, ExamPhase};
use crate::error::AppError;
use crate::models::candidate::{CandidateDefinition, CategoryMaterials, ExamWithMaterials, ResultView};
use crate::ssr::access::caller::Caller;
use crate::ssr::access::candidate_access;
use crate::ssr::access::gate::Candidate;
use crate::ssr::application::fee_status::fee_status;
use crate::ssr::application::{application_queries, material_queries, review_flags};
use crate::ssr::exams::{exam_store, registrations};
use crate::ssr::infra::server_state::ServerState;
use crate::ssr::messaging::timeline;

#[tracing::instrument(skip_all, fields(user = %account.id, exam = %code))]
pub async fn assemble(
    state: &ServerState,
    account: &Caller<Candidate>,
    code: &ExamCode,
) -> Result<ExamWithMaterials, AppError> {
    let exam = candidate_access::enter(state, account, code).await?;
    let mut mine = material_queries::list_for_exam(state, account.id, code).await?;
    let application = exam.application.as_ref();
    let flags = match application {
        Some(a) if a.state == ApplicationState::Returned => review_flags::last_flags(&state.db, a.id).await?,
        _ => Vec::new(),
    };
    for material in &mut mine {
        material.flag = review_flags::flag_for(&flags, Some(&material.id));
    }
    let definition = &exam.definition;
    let categories: Vec<CategoryMaterials> = definition
        .categories
        .iter()
        .map(|category| {
            let (own, rest): (Vec<_>, Vec<_>) =
                std::mem::take(&mut mine).into_iter().partition(|m| m.category == category.code);
            mine = rest;
            CategoryMaterials { code: category.code.clone(), materials: own }
        })
        .collect();
    let form = application.map(application_queries::form_of).unwrap_or_default();
    let position = application.and_then(|a| a.position_code.clone());
    let windows = &definition.windows;
    let published = exam.phase == ExamPhase::ResultsPublished;
    let stored_state = exam.state();
    let timeline = match application {
        Some(a) => timeline::entries(&state.db, a.id, Some(exam.now)).await?,
        None => Vec::new(),
    };
    let writable = exam.writable_application().is_ok();
    let registration = registrations::registered_for(&state.db, code, &account.id_number).await?;
    let registration_category = registration.as_ref().and_then(|registration| registration.category.clone());
    let seen_state = application_queries::state_seen_by_candidate(application, windows, exam.now);
    let fee = match application {
        Some(a) if seen_state == ApplicationState::Approved => fee_status(&state.db, definition, a.id).await?.status,
        _ if definition.fee.is_some() => FeeStatus::Due,
        _ => FeeStatus::NotRequired,
    };
    let (steps, flow_at) = flow_steps(&FlowFacts {
        photo_only: definition.categories.iter().all(|category| category.picture == PictureKind::Portrait),
        has_form: !definition.form.is_empty(),
        has_positions: !definition.positions.is_empty(),
        state: seen_state,
        uploads_done: uploads_done(definition, &categories, position.as_deref(), &form, registration.as_ref()),
        form_done: check_form(&definition.form, &form, Strictness::Submit, FieldRules::all()).is_empty(),
        position_chosen: position.as_deref().and_then(|code| find_position(&definition.positions, code)).is_some(),
        fee,
    });
    let lang = crate::i18n::initial_lang();
    let flow = steps.into_iter().map(|(zh, en)| lang.pick(zh, en)).collect();
    Ok(ExamWithMaterials {
        exam: exam_store::summary_of(definition),
        phase: exam.phase,
        seconds_until_close: exam.seconds_until_close(),
        opens_at: ChinaTime::of(&windows.upload_opens),
        closes_at: exam.closes_at(),
        own_days: exam.own_days_note(),
        lapsed: exam.is_lapsed(),
        registered_as: registration.and_then(|registration| registration.words()),
        registration_category,
        pledge_accepted_at: application.and_then(|a| a.pledge_accepted_at).map(china_time),
        state: seen_state,
        flow,
        flow_at,
        submitted_at: application.and_then(|a| a.submitted_at).map(china_time),
        editable: writable && stored_state == ApplicationState::Draft,
        revising: writable && stored_state == ApplicationState::Returned,
        form_editable: exam.form_editable(),
        draft_key: format!("{}:{}", account.id, code),
        form_flag: review_flags::flag_for(&flags, None),
        revise_until: (stored_state == ApplicationState::Returned).then(|| ChinaTime::of(&windows.review_closes)),
        result: (published && stored_state.is_result())
            .then(|| ResultView { state: stored_state, reason: application.and_then(|a| a.decision_reason.clone()) }),
        timeline,
        categories,
        form,
        position,
        definition: CandidateDefinition::from(definition),
    })
}

/// Every picture the candidate must upload is there, as 提交审核 would judge it now, and those to be
/// confirmed once (seed 002's photo) are confirmed.
fn uploads_done(
    definition: &crate::domain::ExamDefinition,
    categories: &[CategoryMaterials],
    position: Option<&str>,
    form: &FormValues,
    registration: Option<&registrations::Registration>,
) -> bool {
    let now = Circumstances {
        position,
        registration_category: registration.and_then(|registration| registration.category.as_deref()),
        form,
    };
    definition.categories.iter().zip(categories).all(|(category, held)| {
        let seq_nos: Vec<u32> = held.materials.iter().map(|material| material.seq_no).collect();
        let required = category.requiredness(definition.parts(), &now).is_required();
        let confirmed = !category.confirmed_once || held.materials.iter().all(|material| material.locked);
        category_shortfall(category, &seq_nos, required) == Shortfall::Nothing && confirmed
    })
}
