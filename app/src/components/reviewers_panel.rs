//! Reviewer accounts on the administration page: create one, and name each for an exam: to review
//! it, or to work its on-site check on the day only (现场报名).

use leptos::prelude::*;

use crate::api::admin::{admin_assign_reviewer, admin_create_reviewer, admin_reviewers};
use crate::api::server_resource::server_resource;
use crate::components::account_fields::AccountFields;
use crate::components::error_note::ErrorNote;
use crate::domain::record_ids::{ExamCode, UserId};
use crate::domain::sign_up_form::SignUpFields;
use crate::domain::staff_duty::StaffDuty;
use crate::error::AppError;
use crate::i18n::tr;
use crate::models::exam::ExamSummary;

#[component]
pub fn ReviewersPanel(exams: Vec<ExamSummary>) -> impl IntoView {
    let refresh = RwSignal::new(0u32);
    let reviewers = server_resource(move || refresh.get(), |_| admin_reviewers());
    let fields = RwSignal::new(SignUpFields { id_type: "resident_id".into(), ..Default::default() });
    let failure = RwSignal::new(None::<AppError>);
    let create = Action::new(move |_: &()| async move {
        match admin_create_reviewer(fields.get_untracked()).await {
            Ok(_) => {
                failure.set(None);
                fields.set(SignUpFields { id_type: "resident_id".into(), ..Default::default() });
                refresh.update(|v| *v += 1);
            }
            Err(error) => failure.set(Some(error)),
        }
    });
    let assign = Action::new(move |(reviewer, exam, duty): &(UserId, ExamCode, Option<StaffDuty>)| {
        let (reviewer, exam, duty) = (*reviewer, exam.clone(), *duty);
        async move {
            if let Err(error) = admin_assign_reviewer(reviewer, exam, duty).await {
                failure.set(Some(error));
            }
            refresh.update(|v| *v += 1);
        }
    });
    let exams = StoredValue::new(exams);

    view! {
        <section class="card" aria-labelledby="reviewers-title">
            <h2 id="reviewers-title">{tr("审核人员", "Reviewers")}</h2>
            <p class="muted">{tr(
                "“审核”：审核该考试的材料，也可在现场报名台工作；“仅现场报名台”：只能在现场报名台核验原件、登记缴费，看不到审核队列。",
                "Review: reviews the exam's applications and may work its on-site check. On-site check only: checks originals and records fees on site, and never sees the review queue.",
            )}</p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match reviewers.await {
                        Ok(rows) => view! {
                            <table class="reviewers" data-testid="reviewers">
                                <thead><tr><th>{tr("姓名", "Name")}</th><th>{tr("证件号码", "ID number")}</th><th>{tr("负责的考试", "Exams")}</th></tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|row| view! {
                                        <tr>
                                            <td>{row.name.clone()}</td>
                                            <td>{row.id_number_masked.clone()}</td>
                                            <td>{exams.get_value().into_iter().map(|exam| {
                                                let duty = row.assignments.iter().find(|(code, _)| *code == exam.code).map(|(_, duty)| *duty);
                                                let (reviewer, code) = (row.id, exam.code.clone());
                                                view! {
                                                    <span class="assignment">
                                                        {exam.code.to_string()}
                                                        <select aria-label=exam.code.to_string() on:change=move |ev| { assign.dispatch((reviewer, code.clone(), duty_of(&event_target_value(&ev)))); }>
                                                            <option value="" selected=duty.is_none()>{tr("不负责", "None")}</option>
                                                            <option value="review" selected=duty == Some(StaffDuty::Review)>{tr("审核", "Review")}</option>
                                                            <option value="on_site" selected=duty == Some(StaffDuty::OnSite)>{tr("仅现场报名台", "On-site check only")}</option>
                                                        </select>
                                                    </span>
                                                }
                                            }).collect_view()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                        Err(error) => view! { <ErrorNote error/> }.into_any(),
                    }
                })}
            </Transition>
            <form class="new-reviewer" method="post" on:submit=move |ev| { ev.prevent_default(); create.dispatch(()); }>
                <h3>{tr("新建审核人员账号", "New reviewer account")}</h3>
                <AccountFields fields prefix="reviewer"/>
                <button type="submit" class="button" disabled=move || create.pending().get()>{tr("创建审核人员账号", "Create reviewer account")}</button>
            </form>
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
        </section>
    }
    .into_any()
}

/// The duty a choice names; the empty choice names none.
fn duty_of(value: &str) -> Option<StaffDuty> {
    (!value.is_empty()).then(|| StaffDuty::from_stored(value))
}
