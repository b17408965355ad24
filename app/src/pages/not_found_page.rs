use leptos::prelude::*;

use crate::i18n::tr;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <h1>{tr("找不到该页面", "Page not found")}</h1>
        <a href="/">{tr("返回我的考试", "Back to my exams")}</a>
    }
}
