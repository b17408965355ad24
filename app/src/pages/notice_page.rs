//! 报考须知 (seed 002: "阅读'报考须知'页面 … 点击'接受'后进入'承诺书'"), at `/exams/{code}/notice`: the
//! text, and 接受 as a plain form the server answers by opening the exam's page, where the pledge
//! comes next (`ssr::candidate::notice`). Server-rendered HTML: nothing hydrates.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::exam_notice;
use crate::api::server_resource::server_resource;
use crate::components::china_time_text::ChinaTimeText;
use crate::components::error_note::ErrorNote;
use crate::components::sign_in_first::SignInFirst;
use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::models::exam::NoticeView;

#[component]
pub fn NoticePage() -> impl IntoView {
    let code = ExamCode::from(use_params_map().read_untracked().get("code").unwrap_or_default());
    let notice = server_resource(move || code.clone(), exam_notice);
    view! {
        <Suspense fallback=move || view! { <p>{tr("加载中…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match notice.await {
                    Ok(notice) => view! { <NoticeText notice/> }.into_any(),
                    Err(AppError::NotSignedIn) => view! {
                        <h1>{tr("报考须知", "Notes for applicants")}</h1>
                        <SignInFirst/>
                    }.into_any(),
                    Err(error) => view! { <h1>{tr("报考须知", "Notes for applicants")}</h1><ErrorNote error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NoticeText(notice: NoticeView) -> impl IntoView {
    let lang = use_lang();
    let (title_zh, title_en) = (notice.title_zh, notice.title_en);
    let (text_zh, text_en) = (notice.text_zh, notice.text_en);
    let exam_page = format!("/exams/{}", notice.exam_code);
    let accept = format!("/exams/{}/notice/accept", notice.exam_code);
    view! {
        <p><a href=exam_page.clone()>{move || lang.get().pick(title_zh.clone(), title_en.clone())}</a></p>
        <h1>{tr("报考须知", "Notes for applicants")}</h1>
        <section class="card" aria-label=tr("报考须知", "Notes for applicants")>
            <div class="pledge-text notice-text" tabindex="0" data-testid="notice-text">{move || lang.get().pick(text_zh.clone(), text_en.clone())}</div>
            {match notice.accepted_at {
                Some(at) => view! {
                    <p class="notice ok" role="status">{tr("您已于 ", "You accepted these on ")}<ChinaTimeText at/>{tr(" 接受报考须知。", ".")}</p>
                    <a class="button" href=exam_page>{tr("继续报名", "Go on")}</a>
                }.into_any(),
                None => view! {
                    <p class="muted">{tr(
                        "请仔细阅读以上报考须知。点击“接受”后进入诚信承诺书。",
                        "Read the notes above carefully. 接受 (Accept) leads on to the integrity pledge.",
                    )}</p>
                    <form method="post" action=accept class="actions">
                        <button type="submit" class="button">{tr("接受", "Accept")}</button>
                        <a class="button secondary" href="/">{tr("不接受，返回我的考试", "Decline and go back")}</a>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}
