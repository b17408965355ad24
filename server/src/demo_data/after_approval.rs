//! The demo's exam after review, so a newcomer sees the steps that follow approval (seeds 002 and
//! 004) without reviewing anything first: 002 (公开招聘, seed 002), where the demo candidate applied
//! while it was open and the demo administrator approved the application; its windows then closed
//! and its results came out yesterday, and its admission tickets can be printed from yesterday. What
//! is left is the candidate's: pay (the sandbox cashier, or on site, which staff record), print
//! the 报名登记表, and, once staff give seats, the 准考证. Everything goes through the same services a
//! person's clicks do.

use chrono::{DateTime, Duration, FixedOffset, Utc};

use app::domain::eligibility_csv::parse_eligibility_csv;
use app::domain::review_decision::Decision;
use app::domain::Eligibility;
use app::error::AppError;
use app::ssr::access::caller::Caller;
use app::ssr::access::gate::{Admin, Candidate, Staff};
use app::ssr::candidate::application_form::{self, FormSubmission};
use app::ssr::candidate::upload_pipeline::{store_upload, NewUpload};
use app::ssr::exams::{eligibility, exam_source, exam_store, presets};
use app::ssr::review::{decisions, review_sheet};
use app::ssr::{application::application_queries, candidate::notice, candidate::pledge, ServerState};

pub const EXAM: &str = "002";

/// Creates 002 with the demo candidate approved in it, unless 002 exists already.
pub async fn approved_application(
    state: &ServerState,
    candidate: &Caller<Candidate>,
    admin: &Caller<Admin>,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let preset = presets::find(EXAM).ok_or_else(|| app::ssr::internal("demo exam", "preset 002 missing or invalid"))?;
    // Open while the demo candidate applies; only the listed demo candidate enters, so other
    // accounts' 我的考试 stays as the other demo exams make it. The fee is paid online (seed 002)
    // or on site (seed 004's way), so staff can try recording it too.
    let source = exam_source::with_windows(preset.source, windows(now, [-1, 30, 45, 60]))?;
    let source = exam_source::with_eligibility(&source, Eligibility::List)?;
    let source = exam_source::with_on_site_payment(&source)?;
    let exam = exam_store::parse_exam_toml(&source).map_err(|m| app::ssr::internal("demo exam", m.join("; ")))?;
    if !exam_store::insert_if_missing(&state.db, state.blobs.as_ref(), &exam, &source, &presets::example).await? {
        return Ok(());
    }
    let listed = parse_eligibility_csv(&format!("{},{}\n", candidate.id_number, candidate.name));
    eligibility::import(&state.db, &exam.code, listed, now).await?;

    // 报考须知, then 承诺书, as a candidate does them.
    notice::accept(state, candidate, &exam.code).await?;
    pledge::accept(state, candidate, &exam.code).await?;
    let photo = presets::example("examples/id-photo-white.jpg")
        .ok_or_else(|| app::ssr::internal("demo exam", "example photo missing"))?;
    let upload = NewUpload {
        exam_code: exam.code.clone(),
        category: "id_photo".into(),
        seq_no: 1,
        original_name: "证件照.jpg".into(),
        bytes: photo,
        replaces: None,
    };
    store_upload(state, candidate, upload).await?;
    let form = [
        ("education", "大学本科"),
        ("degree", "学士"),
        ("school", "示例财经大学"),
        ("major", "会计学"),
        ("graduated", "2012-07"),
        ("employer", "示例市示例区财政局"),
        ("address", "示例市示例区示例路 1 号"),
    ]
    .into_iter()
    .map(|(key, value)| (key.to_string(), value.to_string()))
    .collect();
    let sent = FormSubmission { form, position: Some("tax-01".into()), submit: true };
    let problems = application_form::save(state, candidate, &exam.code, sent).await?;
    if !problems.is_empty() {
        return Err(app::ssr::internal("demo application", format!("{problems:?}")));
    }

    let application = application_queries::find(&state.db, candidate.id, &exam.code)
        .await?
        .ok_or_else(|| app::ssr::internal("demo application", "not stored"))?;
    let reviewer = admin.as_a::<Staff>()?;
    let sheet = review_sheet::open(state, &reviewer, application.id, false).await?;
    decisions::decide(state, &reviewer, sheet.application_id, sheet.version, Decision::Approve).await?;

    // Review is over and results are out since yesterday; tickets print from yesterday, for
    // sessions a fortnight ahead (whole days, so every time of day in the file stays).
    let past = exam_source::with_windows(&source, windows(now, [-30, -10, -5, -1]))?;
    let past = match &exam.ticket {
        Some(ticket) => {
            let days =
                (now.with_timezone(&ticket.opens.timezone()).date_naive() - ticket.opens.date_naive()).num_days();
            exam_source::with_ticket_moved(&past, Duration::days(days - 1))?
        }
        None => past,
    };
    let moved = exam_store::parse_exam_toml(&past).map_err(|m| app::ssr::internal("demo exam", m.join("; ")))?;
    exam_store::replace(&state.db, state.blobs.as_ref(), &moved, &past, &presets::example).await
}

/// The four windows at whole days from `now`, in UTC+08:00.
pub fn windows(now: DateTime<Utc>, days: [i64; 4]) -> [String; 4] {
    let china = FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset");
    days.map(|days| (now + Duration::days(days)).with_timezone(&china).format("%Y-%m-%dT%H:%M:00%:z").to_string())
}
