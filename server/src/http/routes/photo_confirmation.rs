//! Seed 002's 照片确认 page (`candidate::photo_confirmation`): GET /exams/{code}/confirm/{category}
//! shows the candidate's picture as it prints on the registration form and the admission ticket
//! (30 × 40 mm, cut to fit as Typst's `fit: "cover"` cuts it) and larger, with 确定; POST to the same
//! address confirms and locks it, and opens the exam page again (303). Plain HTML, no script: the
//! page costs the candidate's download nothing. What is refused is said on a plain page with the
//! way back to the exam page.

use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use tower_sessions::Session;

use app::domain::record_ids::ExamCode;
use app::error::AppError;
use app::ssr::access::{caller, gate::Candidate};
use app::ssr::candidate::photo_confirmation::{self, ToConfirm};
use app::ssr::ServerState;

use super::plain_page::{escaped, refusal_page, WayBack};

pub async fn confirmation_page(
    State(state): State<ServerState>,
    session: Session,
    Path((code, category)): Path<(ExamCode, String)>,
) -> Response {
    let shown = async {
        let account = caller::from_session::<Candidate>(&session, &state.db).await?;
        photo_confirmation::to_confirm(&state, &account, &code, &category).await
    };
    match shown.await {
        Ok(checked) => Html(page(&code, &category, &checked)).into_response(),
        Err(error) => refused(&code, error),
    }
}

pub async fn confirm_photo(
    State(state): State<ServerState>,
    session: Session,
    Path((code, category)): Path<(ExamCode, String)>,
) -> Response {
    let confirmed = async {
        let account = caller::from_session::<Candidate>(&session, &state.db).await?;
        photo_confirmation::confirm(&state, &account, &code, &category).await
    };
    match confirmed.await {
        Ok(()) => Redirect::to(&format!("/exams/{code}")).into_response(),
        Err(error) => refused(&code, error),
    }
}

fn refused(code: &ExamCode, error: AppError) -> Response {
    let back = format!("/exams/{code}");
    refusal_page("照片确认", &error, WayBack { href: &back, words: "返回考试页面 · Back to the exam" })
}

fn page(code: &ExamCode, category: &str, checked: &ToConfirm) -> String {
    let (name_zh, name_en) = (escaped(&checked.category.name_zh), escaped(&checked.category.name_en));
    let pictures: String = checked
        .pictures
        .iter()
        .map(|picture| {
            let file = escaped(&picture.file_url());
            format!(
                r#"<div class="photo-confirm-pictures">
<figure><img class="as-printed" src="{file}" alt="{name_zh}（打印效果）"><figcaption>打印效果 30 × 40 mm · As printed</figcaption></figure>
<figure><img class="larger" src="{file}" alt="{name_zh}"><figcaption>原图 · The picture</figcaption></figure>
</div>"#
            )
        })
        .collect();
    format!(
        r#"<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>照片确认 · 资格</title><link rel="stylesheet" href="/pkg/zige.css"></head>
<body><main class="page">
<h1>{name_zh}确认 · Confirm the {name_en}</h1>
<p class="muted">{title_zh} · <span lang="en">{title_en}</span></p>
<section class="card photo-confirm" data-testid="photo-confirm">
<p>请核对{name_zh}：第一张是它打印在报名登记表和准考证上的样子。核对无误后点击“确定”；一旦确认，将不允许修改。</p>
<p class="muted" lang="en">Check your {name_en}: the first picture is how it prints on the registration form and the admission ticket. Press Confirm once it is right; once confirmed, it cannot be changed.</p>
{pictures}
<form class="toolbar" method="post" action="/exams/{code}/confirm/{category}" enctype="multipart/form-data">
<button type="submit" class="button">确定 · Confirm</button>
<a class="button secondary" href="/exams/{code}">返回修改 · Back to change it</a>
</form>
</section></main></body></html>"#,
        title_zh = escaped(&checked.exam_title_zh),
        title_en = escaped(&checked.exam_title_en),
        code = escaped(code.as_str()),
        category = escaped(category),
    )
}
