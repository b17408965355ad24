//! Finding the candidate at the on-site check: a scanned 报名登记表 code (signed: a forged or altered one
//! finds no one) or a typed ID number, within the on-site check's exam, among its approved applications
//! (shown as `on_site_candidate` draws them). The on-site check works once the exam's results are out (it
//! learns no review state before the candidate does), says one thing for every number with no
//! approved application (none, or one still in review, or one not approved), and every look-up is
//! audited.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::domain::china_time::ChinaTime;
use crate::domain::on_site_materials::OnSiteSpec;
use crate::domain::record_ids::{ApplicationId, ExamCode};
use crate::domain::registration_code::read_registration;
use crate::domain::signed_text::{REGISTRATION_FORM, TICKET};
use crate::domain::{ApplicationState, ExamDefinition, IdNumber, IdType};
use crate::error::AppError;
use crate::models::on_site::OnSiteCandidate;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Staff;
use crate::ssr::access::reviewer_access::require_on_site_of;
use crate::ssr::accounts::account_store;
use crate::ssr::application::application_queries;
use crate::ssr::entities::{application, on_site_check, user};
use crate::ssr::exams::exam_store;
use crate::ssr::infra::audit::{self, masked_id_number, AuditAction};
use crate::ssr::infra::server_state::ServerState;
use crate::ssr::on_site::on_site_candidate::view;

/// The exam as the on-site check works it: the staff member may, and the exam has an on-site check.
#[tracing::instrument(skip_all, fields(user = %staff.id, exam = %exam_code))]
pub async fn on_site_exam(
    state: &ServerState,
    staff: &Caller<Staff>,
    exam_code: &ExamCode,
) -> Result<(ExamDefinition, OnSiteSpec), AppError> {
    require_on_site_of(&state.db, staff, exam_code).await?;
    let definition = exam_store::load(&state.db, exam_code).await?.ok_or(AppError::NotFound)?;
    if state.clock.now() < definition.windows.results_published {
        let published = ChinaTime::of(&definition.windows.results_published);
        return Err(AppError::invalid_field(
            "exam",
            format!("考试 {exam_code} 的审核结果将于 {} 公布，现场报名在此之后开始", published.zh()),
            format!("Exam {exam_code}'s results come out at {}; the on-site check opens after that", published.en()),
        ));
    }
    let spec = definition.on_site.clone().ok_or_else(|| {
        AppError::invalid_field(
            "exam",
            format!("考试 {exam_code} 没有现场报名材料（考试配置文件中的 [on_site]）"),
            format!("Exam {exam_code} has no on-site materials (the exam file's [on_site])"),
        )
    })?;
    Ok((definition, spec))
}

/// The approved application `typed` leads to: a form's code, or an ID number.
#[tracing::instrument(skip_all, fields(user = %staff.id, exam = %exam_code))]
pub async fn find(
    state: &ServerState,
    staff: &Caller<Staff>,
    exam_code: &ExamCode,
    typed: &str,
) -> Result<OnSiteCandidate, AppError> {
    let (definition, spec) = on_site_exam(state, staff, exam_code).await?;
    let typed = typed.trim();
    let found = async {
        let application = if REGISTRATION_FORM.is_kind_of(typed) {
            by_code(state, exam_code, typed).await?
        } else {
            by_id_number(&state.db, exam_code, typed).await?
        };
        view(state, &definition, &spec, application).await
    }
    .await;
    let asked = if REGISTRATION_FORM.is_kind_of(typed) { "a form's code".to_string() } else { masked_id_number(typed) };
    let detail = match &found {
        Ok(candidate) => format!("{asked}: found {} ({})", candidate.name, candidate.id_number_masked),
        Err(_) => format!("{asked}: nobody found"),
    };
    let target = format!("exam {exam_code}");
    audit::record(&state.db, Some(staff.account()), AuditAction::OnSiteLookup, &target, &detail, state.clock.now())
        .await?;
    found
}

async fn by_code(state: &ServerState, exam_code: &ExamCode, code: &str) -> Result<application::Model, AppError> {
    let claims = read_registration(code, state.ticket_keys.public()).ok_or_else(|| {
        AppError::invalid_field(
            "code",
            "无法识别的报名登记表二维码：它被改动过，或不是本系统签发的；请核对纸质表格，或输入证件号码",
            "This registration form's code is not valid: it was altered, or Zige did not issue it; check the paper form, or type the ID number",
        )
    })?;
    if claims.exam_code != exam_code {
        return Err(AppError::invalid_field(
            "code",
            format!("这份报名登记表属于考试 {}，不是本现场（考试 {exam_code}）的考生", claims.exam_code),
            format!(
                "This registration form belongs to exam {}, not to this on-site check's exam {exam_code}",
                claims.exam_code
            ),
        ));
    }
    let application = approved(application_in(&state.db, exam_code, claims.application_id).await?)?;
    if holder(&state.db, &application).await?.is_released() {
        // The form of an account whose number went to its real owner (`accounts::number_claim`).
        return Err(AppError::invalid_field(
            "code",
            "这份报名登记表的账号已被搁置（其证件号码已释放给本人），不能现场报名，请联系管理员",
            "This registration form's account has been set aside (its ID number was released to its owner); it cannot register on site. Contact an administrator",
        ));
    }
    Ok(application)
}

async fn by_id_number(
    db: &DatabaseConnection,
    exam_code: &ExamCode,
    typed: &str,
) -> Result<application::Model, AppError> {
    if TICKET.is_kind_of(typed) {
        return Err(AppError::invalid_field(
            "code",
            "这是准考证的二维码；请扫描报名登记表上的二维码，或输入证件号码",
            "This is an admission ticket's code; scan the registration form's code, or type the ID number",
        ));
    }
    let id_number = IdType::ALL.into_iter().find_map(|t| IdNumber::parse(t, typed).ok()).ok_or_else(|| {
        AppError::invalid_field(
            "code",
            "无法识别：请扫描报名登记表上的二维码，或输入完整的证件号码",
            "Not recognised: scan the registration form's code, or type the whole ID number",
        )
    })?;
    let not_here = || no_approved_application(exam_code);
    let person = account_store::find_by_id_number(db, id_number.as_str()).await?.ok_or_else(not_here)?;
    let application = application_queries::find(db, person.id, exam_code).await?.ok_or_else(not_here)?;
    approved(application)
}

fn approved(application: application::Model) -> Result<application::Model, AppError> {
    let exam_code = application.exam_code.clone();
    (application.state == ApplicationState::Approved)
        .then_some(application)
        .ok_or_else(|| no_approved_application(&exam_code))
}

/// The one answer for a person with no application, one in review and one not approved: the
/// on-site check is not told which.
fn no_approved_application(exam_code: &ExamCode) -> AppError {
    AppError::invalid_field(
        "code",
        format!("在考试 {exam_code} 中没有该考生审核通过的报名：审核通过的考生才能现场报名"),
        format!(
            "No approved application of this candidate in exam {exam_code}: only approved candidates register on site"
        ),
    )
}

/// Application `application_id` of the on-site check's exam, whatever its state, or not found.
pub async fn application_in(
    db: &DatabaseConnection,
    exam_code: &ExamCode,
    application_id: ApplicationId,
) -> Result<application::Model, AppError> {
    application::Entity::find_by_id(application_id)
        .one(db)
        .await?
        .filter(|a| a.exam_code == exam_code)
        .ok_or(AppError::NotFound)
}

/// The same, only while it is approved: what the on-site check checks.
pub async fn approved_in(
    db: &DatabaseConnection,
    exam_code: &ExamCode,
    application_id: ApplicationId,
) -> Result<application::Model, AppError> {
    let application = application_in(db, exam_code, application_id).await?;
    (application.state == ApplicationState::Approved).then_some(application).ok_or(AppError::NotFound)
}

/// Whose application it is.
pub async fn holder(db: &DatabaseConnection, application: &application::Model) -> Result<user::Model, AppError> {
    user::Entity::find_by_id(application.user_id).one(db).await?.ok_or(AppError::NotFound)
}

pub async fn check_of(
    db: &DatabaseConnection,
    application_id: ApplicationId,
) -> Result<Option<on_site_check::Model>, AppError> {
    Ok(on_site_check::Entity::find().filter(on_site_check::Column::ApplicationId.eq(application_id)).one(db).await?)
}

/// The item codes a check row keeps, comma-separated.
pub fn codes(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|c| !c.is_empty()).map(str::to_string).collect()
}
