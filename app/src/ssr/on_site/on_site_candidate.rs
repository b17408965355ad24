//! The candidate as the branch's on-site check shows them (seed 004 七): the ID photo, who they
//! are and what they applied for, each listed original beside the scans uploaded for it (and,
//! for a document Zige printed, what it printed), the ticks, the outcome and the fee.

use crate::domain::china_time::china_time;
use crate::domain::on_site_materials::{Handling, OnSiteSpec};
use crate::domain::picture_quality::PictureKind;
use crate::domain::position_tree::find_position;
use crate::domain::record_ids::MaterialId;
use crate::domain::ExamDefinition;
use crate::error::AppError;
use crate::models::on_site::{OnSiteCandidate, OnSiteItem};
use crate::ssr::application::{application_queries, fee_status, material_queries};
use crate::ssr::entities::application;
use crate::ssr::infra::server_state::ServerState;
use crate::ssr::on_site::issued_facts::issued_facts;
use crate::ssr::on_site::on_site_lookup::{check_of, codes, holder};

/// The candidate as the on-site check shows them: the ID photo, each listed original beside its scans,
/// the ticks, the outcome and the fee.
pub async fn view(
    state: &ServerState,
    definition: &ExamDefinition,
    spec: &OnSiteSpec,
    application: application::Model,
) -> Result<OnSiteCandidate, AppError> {
    let db = &state.db;
    let person = holder(db, &application).await?;
    let check = check_of(db, application.id).await?;
    let seen = check.as_ref().map(|c| codes(&c.seen)).unwrap_or_default();
    let received = check.as_ref().map(|c| codes(&c.received)).unwrap_or_default();
    let pictures = material_queries::rows_of(db, person.id, &definition.code).await?;
    let address = |id: &MaterialId| format!("/api/materials/{id}/file");
    let values = application_queries::form_of(&application);
    let portrait = definition.categories.iter().find(|c| c.picture == PictureKind::Portrait);
    let photo = portrait.and_then(|c| pictures.iter().find(|p| p.category == c.code)).map(|p| address(&p.id));
    let items = spec
        .items
        .iter()
        .map(|item| OnSiteItem {
            code: item.code.clone(),
            name_zh: item.name_zh.clone(),
            name_en: item.name_en.clone(),
            count: item.count,
            kept: item.handling == Handling::Keep,
            required: item.required,
            stands_in_for: item
                .stands_in_for
                .as_deref()
                .and_then(|code| spec.item(code))
                .map(|o| (o.name_zh.clone(), o.name_en.clone())),
            scans: item
                .category
                .as_deref()
                .map(|category| pictures.iter().filter(|p| p.category == category).map(|p| address(&p.id)).collect())
                .unwrap_or_default(),
            issued: item.issued.and_then(|kind| issued_facts(definition, kind, &values)),
            seen: seen.contains(&item.code),
            received: received.contains(&item.code),
        })
        .collect();
    let paid = fee_status::fee_status(db, definition, application.id).await?.paid_order;
    let applied_for = applied_for(definition, application.position_code.as_deref());
    Ok(OnSiteCandidate {
        application_id: application.id,
        check_version: check.as_ref().map_or(0, |c| c.version),
        exam_code: definition.code.clone(),
        name: person.name.clone(),
        id_number_masked: person.masked_id_number(),
        applied_for,
        photo,
        items,
        outcome: check.as_ref().and_then(|c| c.outcome),
        reason: check.as_ref().and_then(|c| c.reason.clone()),
        decided: check.as_ref().and_then(|c| Some((c.decided_by.clone()?, china_time(c.decided_at?)))),
        missing: spec.missing(&seen).into_iter().map(|i| (i.name_zh.clone(), i.name_en.clone())).collect(),
        fee_on_site: definition.fee.as_ref().is_some_and(|f| f.on_site),
        fee_after_check: spec.fee_after_check,
        fee_paid: paid.map(|o| o.order_no),
    })
}

/// The exam's title, and the position's path where one was chosen ("税务局 › 一级科员"), in both
/// languages.
fn applied_for(definition: &ExamDefinition, position_code: Option<&str>) -> (String, String) {
    let (mut zh, mut en) = (definition.title_zh.clone(), definition.title_en.clone());
    if let Some((path, leaf)) = position_code.and_then(|code| find_position(&definition.positions, code)) {
        let nodes: Vec<_> = path.into_iter().chain([leaf]).collect();
        zh = format!("{zh} · {}", nodes.iter().map(|n| n.name_zh.as_str()).collect::<Vec<_>>().join(" › "));
        en = format!("{en} · {}", nodes.iter().map(|n| n.name_en.as_str()).collect::<Vec<_>>().join(" › "));
    }
    (zh, en)
}
