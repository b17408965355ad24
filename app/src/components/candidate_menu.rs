//! The candidate's menu (seeds 001/003: "考试报名 考试成绩 … 缴费记录 个人信息"), above the pages
//! that are a candidate's own rather than one exam's. Plain links, rendered by the server outside
//! the pages' islands, so they cost the candidate's download nothing; the exam page leaves it out
//! (its header's 资格 leads back to 我的考试).

use leptos::prelude::*;

use crate::i18n::tr;

/// The menu's entries: address, Chinese, English.
const ENTRIES: [(&str, &str, &str); 4] = [
    ("/", "考试报名", "My exams"),
    ("/scores", "考试成绩", "Scores"),
    ("/payments", "缴费记录", "Payments"),
    ("/account", "个人信息", "My account"),
];

/// The menu, for a signed-in candidate only; `current` is the page's own address.
///
/// Whose session it is comes with the request (`session_user::page_for_candidate`), not from a
/// resource: a resource or a suspense the server drew outside an island and before one (我的考试's)
/// made that island's hydration fail in the browser.
#[component]
pub fn CandidateMenu(current: &'static str) -> impl IntoView {
    signed_in_candidate().then(|| {
        view! {
            <nav class="candidate-menu" aria-label=tr("考生菜单", "Candidate menu")>
                {ENTRIES.into_iter().map(|(href, zh, en)| {
                    let here = (href == current).then_some("page");
                    view! { <a href=href aria-current=here>{tr(zh, en)}</a> }
                }).collect_view()}
            </nav>
        }
    })
}

fn signed_in_candidate() -> bool {
    #[cfg(feature = "ssr")]
    {
        crate::ssr::access::session_user::page_for_candidate()
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}
