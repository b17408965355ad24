//! 材料交接单 (handover slip, issue 51): what the branch's desk kept from one candidate on the day
//! of 现场报名 — each 留存 item with its copies and whether it was received — with both signatures'
//! boxes, printed at the desk once the originals passed. Laid out by the exam's template (shipped:
//! `exams/templates/material-handover.typ`).

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use app::domain::document_kind::DocumentKind;
use app::domain::exam_definition::ExamDefinition;
use app::domain::exam_windows::{format_moment, format_utc};
use app::domain::on_site_materials::Handling;
use app::error::AppError;
use app::ssr::access::caller::Caller;
use app::ssr::access::gate::Staff;
use app::ssr::desk::desk_lookup::{application_in, check_of, codes, desk_exam, holder};
use app::ssr::entities::on_site_check;
use app::ssr::infra::audit::{self, AuditAction};
use app::ssr::ServerState;

use super::font_cell::FontCell;
use super::render::render_for_exam;

/// Who the slip is for and what the desk recorded.
pub struct Handover<'a> {
    pub name: &'a str,
    pub id_masked: &'a str,
    pub received: &'a [String],
    pub decided_by: &'a str,
    pub decided_at: &'a str,
}

/// The slip of application `application_id`, for the exam's staff, once its originals passed.
pub async fn handover_pdf(
    state: &ServerState,
    cell: &FontCell,
    staff: &Caller<Staff>,
    exam_code: &str,
    application_id: i32,
) -> Result<Vec<u8>, AppError> {
    let (definition, _) = desk_exam(state, staff, exam_code).await?;
    let application = application_in(&state.db, exam_code, application_id).await?;
    let person = holder(&state.db, &application).await?;
    let check =
        check_of(&state.db, application_id).await?.filter(|c| c.outcome.as_deref() == Some(on_site_check::PASSED));
    let check = check.ok_or_else(|| {
        AppError::invalid_field(
            "handover",
            "该考生的原件尚未审核通过，不能打印材料交接单",
            "This candidate's originals have not passed; there is no handover slip to print",
        )
    })?;
    let received = codes(&check.received);
    let decided_at =
        check.decided_at.map(|at| format_moment(&at.with_timezone(&definition.windows.offset()))).unwrap_or_default();
    let handover = Handover {
        name: &person.name,
        id_masked: &person.masked_id_number(),
        received: &received,
        decided_by: check.decided_by.as_deref().unwrap_or_default(),
        decided_at: &decided_at,
    };
    let data = inputs(&definition, &handover, &state.clock.now()).ok_or(AppError::NotFound)?;
    let pdf = render_for_exam(state, cell, exam_code, DocumentKind::MaterialHandover, data, Vec::new()).await?.0;
    let detail = format!("application {application_id} ({})", person.masked_id_number());
    let target = format!("exam {exam_code}");
    audit::record(&state.db, Some(staff.account()), AuditAction::HandoverPrinted, &target, &detail, state.clock.now())
        .await?;
    Ok(pdf)
}

/// What the template reads (`sys.inputs`), for a real candidate or the sample one; none when the
/// exam has no on-site materials.
pub fn inputs(definition: &ExamDefinition, handover: &Handover, now: &DateTime<Utc>) -> Option<Value> {
    let spec = definition.on_site.as_ref()?;
    let kept: Vec<Value> = spec
        .items
        .iter()
        .filter(|item| item.handling == Handling::Keep)
        .map(|item| {
            json!({
                "name_zh": item.name_zh,
                "name_en": item.name_en,
                "count": item.count,
                "received": handover.received.contains(&item.code),
            })
        })
        .collect();
    let returned = spec.items.iter().filter(|item| item.handling == Handling::Return);
    Some(json!({
        "returned": returned.clone().map(|item| item.name_zh.clone()).collect::<Vec<_>>(),
        "returned_en": returned.map(|item| item.name_en.clone()).collect::<Vec<_>>(),
        "exam_code": definition.code,
        "title_zh": definition.title_zh,
        "title_en": definition.title_en,
        "organiser_zh": definition.organiser_zh,
        "name": handover.name,
        "id_number": handover.id_masked,
        "outcome_zh": "通过",
        "outcome_en": "passed",
        "decided_by": handover.decided_by,
        "decided_at": handover.decided_at,
        "kept": kept,
        "issued_at": format_utc(now),
    }))
}
