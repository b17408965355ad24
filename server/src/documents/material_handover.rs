//! 材料交接单 (handover slip, issue 51): what the branch's on-site check kept from one candidate on the day
//! of 现场报名 — the 留存 items it received (ticked 已收取) with their copies; what stood in for
//! what ("以…代…"); the listed items not handed over, never printed as kept; what was checked and
//! handed back — with both signatures' boxes, printed at the on-site check once the originals passed. Laid
//! out by the exam's template (shipped: `exams/templates/material-handover.typ`).

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use app::domain::china_time::china_time;
use app::domain::document_kind::DocumentKind;
use app::domain::exam_definition::ExamDefinition;
use app::domain::on_site_materials::Handling;
use app::domain::on_site_outcome::OnSiteOutcome;
use app::domain::record_ids::{ApplicationId, ExamCode};
use app::error::AppError;
use app::ssr::access::caller::Caller;
use app::ssr::access::gate::Staff;
use app::ssr::infra::audit::{self, AuditAction};
use app::ssr::on_site::on_site_lookup::{application_in, check_of, codes, holder, on_site_exam};
use app::ssr::ServerState;

use super::font_cell::FontCell;
use super::render::render_for_exam;

/// Who the slip is for and what the on-site check recorded.
pub struct Handover<'a> {
    pub name: &'a str,
    pub id_masked: &'a str,
    /// Items ticked 原件已核, and 已收取.
    pub seen: &'a [String],
    pub received: &'a [String],
    pub decided_by: &'a str,
    pub decided_at: &'a str,
}

/// The slip of application `application_id`, for the exam's staff, once its originals passed.
pub async fn handover_pdf(
    state: &ServerState,
    cell: &FontCell,
    staff: &Caller<Staff>,
    exam_code: &ExamCode,
    application_id: ApplicationId,
) -> Result<Vec<u8>, AppError> {
    let (definition, _) = on_site_exam(state, staff, exam_code).await?;
    let application = application_in(&state.db, exam_code, application_id).await?;
    let person = holder(&state.db, &application).await?;
    let check = check_of(&state.db, application_id).await?.filter(|c| c.outcome == Some(OnSiteOutcome::Passed));
    let check = check.ok_or_else(|| {
        AppError::invalid_field(
            "handover",
            "该考生的原件尚未审核通过，不能打印材料交接单",
            "This candidate's originals have not passed; there is no handover slip to print",
        )
    })?;
    let (seen, received) = (codes(&check.seen), codes(&check.received));
    let decided_at = check.decided_at.map(|at| china_time(at).zh()).unwrap_or_default();
    let handover = Handover {
        name: &person.name,
        id_masked: &person.masked_id_number(),
        seen: &seen,
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
/// exam has no on-site materials. `kept` holds only what was received (each `received: true`, as
/// templates written before read it).
pub fn inputs(definition: &ExamDefinition, handover: &Handover, now: &DateTime<Utc>) -> Option<Value> {
    let spec = definition.on_site.as_ref()?;
    let received = |code: &String| handover.received.contains(code);
    let on_site_now = |code: &String| handover.seen.contains(code) || received(code);
    let keep = spec.items.iter().filter(|item| item.handling == Handling::Keep);
    let kept: Vec<Value> = keep
        .clone()
        .filter(|item| received(&item.code))
        .map(|item| json!({ "name_zh": item.name_zh, "name_en": item.name_en, "count": item.count, "received": true }))
        .collect();
    let not_received: Vec<_> = keep.filter(|item| !received(&item.code)).collect();
    let returned: Vec<_> =
        spec.items.iter().filter(|item| item.handling == Handling::Return && on_site_now(&item.code)).collect();
    // An item that stands in for an original the on-site check did not see: the record for the diploma.
    let stood_in: Vec<(String, String)> = spec
        .items
        .iter()
        .filter(|item| on_site_now(&item.code))
        .filter_map(|item| Some((item, spec.item(item.stands_in_for.as_deref()?)?)))
        .filter(|(_, original)| !on_site_now(&original.code))
        .map(|(item, original)| {
            (
                format!("以{}代{}", item.name_zh, original.name_zh),
                format!("{} in place of {}", item.name_en, original.name_en),
            )
        })
        .collect();
    Some(json!({
        "returned": returned.iter().map(|item| item.name_zh.clone()).collect::<Vec<_>>(),
        "returned_en": returned.iter().map(|item| item.name_en.clone()).collect::<Vec<_>>(),
        "not_received": not_received.iter().map(|item| item.name_zh.clone()).collect::<Vec<_>>(),
        "not_received_en": not_received.iter().map(|item| item.name_en.clone()).collect::<Vec<_>>(),
        "stood_in": stood_in.iter().map(|(zh, _)| zh.clone()).collect::<Vec<_>>(),
        "stood_in_en": stood_in.iter().map(|(_, en)| en.clone()).collect::<Vec<_>>(),
        "exam_code": definition.code,
        "title_zh": definition.title_zh,
        "title_en": definition.title_en,
        "organiser_zh": definition.organiser_zh,
        "name": handover.name,
        "id_number": handover.id_masked,
        // Only a check that passed is handed over.
        "outcome_zh": OnSiteOutcome::Passed.words().0,
        "outcome_en": OnSiteOutcome::Passed.words().1,
        "decided_by": handover.decided_by,
        "decided_at": handover.decided_at,
        "kept": kept,
        "issued_at": china_time(*now).zh(),
    }))
}
