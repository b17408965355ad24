//! 介绍信和党员关系证明信 (seed 004 五.6): for an approved candidate once results are published — the
//! letter their unit writes to the branch, and its Party organisation's under it, filled from the
//! personal form, on one A4 page ("所有打印材料使用A4纸，不得跨页打印"), with the registration
//! form's signed code so the branch's on-site check finds the application from either. Laid out by the
//! exam's template (shipped: `exams/templates/introduction-letter.typ`).

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use app::domain::china_time::china_time;
use app::domain::document_kind::DocumentKind;
use app::domain::exam_definition::ExamDefinition;
use app::domain::introduction_letter::PartyMembership;
use app::domain::personal_form::FormValues;
use app::domain::position_tree::position_path_zh;
use app::domain::record_ids::ExamCode;
use app::domain::recorded_sex::recorded_sex_zh;
use app::domain::registration_code::{sign_registration, RegistrationClaims};
use app::error::AppError;
use app::ssr::access::caller::Caller;
use app::ssr::access::candidate_access;
use app::ssr::access::gate::Candidate;
use app::ssr::application::application_queries;
use app::ssr::ServerState;

use super::font_cell::FontCell;
use super::registration_form::{with_code, Person};
use super::render::render_for_exam;

/// The signed-in candidate's letter for `exam_code`, as a one-page PDF.
pub async fn introduction_letter_pdf(
    state: &ServerState,
    cell: &FontCell,
    account: &Caller<Candidate>,
    exam_code: &ExamCode,
) -> Result<Vec<u8>, AppError> {
    let exam = candidate_access::enter(state, account, exam_code).await?;
    let definition = &exam.definition;
    let kind = DocumentKind::IntroductionLetter;
    let application = exam.approved_to_print(kind)?;
    let values = application_queries::form_of(application);
    let person = Person { name: &account.name, id_number: &account.id_number, mobile: &account.mobile };
    let mut data = inputs(definition, &person, &values, application.position_code.as_deref(), &exam.now)
        .ok_or(AppError::NotFound)?;
    let claims = RegistrationClaims { exam_code: exam_code.clone(), application_id: application.id };
    let files = with_code(&mut data, &sign_registration(&claims, state.ticket_keys.signing()))?;
    let (pdf, pages) = render_for_exam(state, cell, exam_code, kind, data, files).await?;
    if pages == 1 {
        return Ok(pdf);
    }
    Err(AppError::invalid_field(
        kind.key(),
        format!("介绍信和党员关系证明信须打印在一页 A4 纸上，当前内容需要 {pages} 页；请缩短工作单位或职务职称后再打印"),
        format!("The letter must fit on one A4 page; it now needs {pages}. Shorten the employer or the post, then print again"),
    ))
}

/// What the template reads (`sys.inputs`), for a real candidate or the sample one; none when the
/// exam prints no letter. `has_code` starts false. `party` is "member", "not_member" (the form's
/// 入党时间 left empty) or "none" (the exam asks for no Party letter).
pub fn inputs(
    definition: &ExamDefinition,
    person: &Person,
    values: &FormValues,
    position_code: Option<&str>,
    now: &DateTime<Utc>,
) -> Option<Value> {
    let spec = definition.introduction_letter.as_ref()?;
    let facts = spec.facts(values);
    let (party, party_joined) = match facts.party {
        PartyMembership::NotAsked => ("none", String::new()),
        PartyMembership::NotMember => ("not_member", String::new()),
        PartyMembership::Member { joined_zh, .. } => ("member", joined_zh),
    };
    let programme = position_code
        .and_then(|code| position_path_zh(&definition.positions, code))
        .map_or_else(|| spec.programme_zh.clone(), |position| format!("{} · {position}", spec.programme_zh));
    Some(json!({
        "exam_code": definition.code,
        "title_zh": definition.title_zh,
        "title_en": definition.title_en,
        "addressee_zh": spec.addressee_zh,
        "programme": programme,
        "name": person.name,
        "sex": recorded_sex_zh(person.id_number).unwrap_or(""),
        "id_number": person.id_number,
        "employer": facts.employer,
        "post": facts.post,
        "party": party,
        "party_joined": party_joined,
        "issued_at": china_time(*now).zh(),
        // 系统使用咨询 (seed 000) at the foot, where the exam gives one.
        "helpline": definition.helpline.as_ref().map(|helpline| helpline.words().0),
        "has_code": false,
    }))
}
