//! Reviewer accounts on the administration page: create one, and tick the exams each reviews.

use leptos::prelude::*;

use crate::api::admin::{admin_assign_reviewer, admin_create_reviewer, admin_reviewers};
use crate::api::server_resource::server_resource;
use crate::components::account_fields::AccountFields;
use crate::components::error_note::ErrorNote;
use crate::domain::sign_up_form::SignUpFields;
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
    let assign = Action::new(move |(reviewer, exam, on): &(i32, String, bool)| {
        let (reviewer, exam, on) = (*reviewer, exam.clone(), *on);
        async move {
            if let Err(error) = admin_assign_reviewer(reviewer, exam, on).await {
                failure.set(Some(error));
            }
            refresh.update(|v| *v += 1);
        }
    });
    let exams = StoredValue::new(exams);

    view! {
        <section class="card" aria-labelledby="reviewers-title">
            <h2 id="reviewers-title">{tr("审核人员", "Reviewers")}</h2>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match reviewers.await {
                        Ok(rows) => view! {
                            <table class="reviewers" data-testid="reviewers">
                                <thead><tr><th>{tr("姓名", "Name")}</th><th>{tr("证件号码", "ID number")}</th><th>{tr("审核的考试", "Reviews")}</th></tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|row| view! {
                                        <tr>
                                            <td>{row.name.clone()}</td>
                                            <td>{row.id_number_masked.clone()}</td>
                                            <td>{exams.get_value().into_iter().map(|exam| {
                                                let checked = row.exams.contains(&exam.code);
                                                let (reviewer, code) = (row.id, exam.code.clone());
                                                view! {
                                                    <label class="assignment">
                                                        <input type="checkbox" checked=checked on:change=move |ev| { assign.dispatch((reviewer, code.clone(), event_target_checked(&ev))); }/>
                                                        {exam.code.clone()}
                                                    </label>
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
