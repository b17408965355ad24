//! The fee taken at the on-site check (seed 004, 八: "原件审核通过后，学员使用支付宝或微信在现场缴费"): the
//! on-site payment recorded for the candidate in front of the on-site check, through the one rule for
//! on-site payments (`payments::staff_payments`, which refuses it before 原件审核通过).

use crate::domain::record_ids::{ApplicationId, ExamCode};
use crate::error::AppError;
use crate::models::on_site::OnSiteCandidate;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Staff;
use crate::ssr::infra::server_state::ServerState;
use crate::ssr::payments::staff_payments;

use super::on_site_candidate::view;
use super::on_site_lookup::{application_in, holder, on_site_exam};

/// Records the fee with the terminal's receipt number; the candidate as the on-site check now shows them.
#[tracing::instrument(skip_all, fields(user = %staff.id, exam = %exam_code, application = %application_id))]
pub async fn record(
    state: &ServerState,
    staff: &Caller<Staff>,
    exam_code: &ExamCode,
    application_id: ApplicationId,
    receipt_no: &str,
) -> Result<OnSiteCandidate, AppError> {
    let (definition, spec) = on_site_exam(state, staff, exam_code).await?;
    let application = application_in(&state.db, exam_code, application_id).await?;
    let person = holder(&state.db, &application).await?;
    staff_payments::record_on_site(state, staff, exam_code, &person.id_number, receipt_no).await?;
    view(state, &definition, &spec, application).await
}
