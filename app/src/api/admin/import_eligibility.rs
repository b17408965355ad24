use leptos::prelude::*;

use crate::error::AppError;
use crate::models::admin::EligibilityReport;

/// Adds the candidates of a CSV (ID number, name) to an exam's list: good rows kept, bad rows
/// reported by line.
#[server(endpoint = "admin_import_eligibility", input = leptos::server_fn::codec::Json)]
pub async fn admin_import_eligibility(code: String, csv: String) -> Result<EligibilityReport, AppError> {
    use crate::ssr::{eligibility, exams, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            let admin = session_user::request_admin(&state.db).await?;
            exams::load(&state.db, &code).await?.ok_or(AppError::NotFound)?;
            let report = eligibility::import_csv(&state.db, &code, &csv, state.clock.now()).await?;
            tracing::info!(
                admin = admin.id,
                exam = code,
                accepted = report.accepted,
                problems = report.problems.len(),
                "eligibility imported"
            );
            let detail = format!(
                "{} rows added, {} refused; {} on the list",
                report.accepted,
                report.problems.len(),
                report.total_on_list
            );
            crate::ssr::audit::record(
                &state.db,
                Some(&admin),
                crate::ssr::audit::AuditAction::EligibilityImported,
                &format!("exam {code}"),
                &detail,
                state.clock.now(),
            )
            .await?;
            Ok(EligibilityReport {
                accepted: report.accepted,
                total_on_list: report.total_on_list,
                problems: report.problems.into_iter().map(|p| (p.line, p.message_zh, p.message_en)).collect(),
            })
        }
        .await,
    )
}
