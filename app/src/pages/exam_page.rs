//! One exam's upload page: every category, grouped as the exam defines them.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::exam_page;
use crate::components::category_card::CategoryCard;
use crate::components::error_note::ErrorNote;
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::models::CategoryWithMaterials;

#[component]
pub fn ExamPageView() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let refresh = RwSignal::new(0u32);
    let page = Resource::new(move || (code(), refresh.get()), |(code, _)| exam_page(code));
    let on_changed = Callback::new(move |_| refresh.update(|v| *v += 1));

    view! {
        <Transition fallback=move || view! { <p>{tr("加载中…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => {
                        let exam = page.exam.clone();
                        let groups = group_categories(page.categories);
                        view! {
                            <h1>{move || lang.get().pick(exam.title_zh.clone(), exam.title_en.clone())}</h1>
                            <p class="muted">{tr(
                                "所有材料须为清晰的图片，每张图片只含一页纸的内容。同一类材料按顺序号排列，上传后请点击“查看”核对方向和内容。",
                                "Every document must be a clear picture with one page per image. Images in a category are ordered by sequence number; after uploading, use View to check orientation and content.",
                            )}</p>
                            {groups.into_iter().map(|(heading, categories)| {
                                let exam_code = exam.code.clone();
                                view! {
                                    <div class="category-group">
                                        {heading.map(|(zh, en)| view! { <h2>{move || lang.get().pick(zh.clone(), en.clone())}</h2> })}
                                        {categories.into_iter().map(|category| view! {
                                            <CategoryCard exam_code=exam_code.clone() category on_changed/>
                                        }).collect_view()}
                                    </div>
                                }
                            }).collect_view()}
                        }.into_any()
                    }
                    Err(AppError::NotSignedIn) => view! {
                        <p>{tr("请先登录。", "Please log in first.")}</p>
                        <a class="button" href="/login">{tr("登录", "Log in")}</a>
                    }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

type Heading = Option<(String, String)>;

/// Consecutive categories with the same group heading (工作经历材料) sit under one heading.
fn group_categories(categories: Vec<CategoryWithMaterials>) -> Vec<(Heading, Vec<CategoryWithMaterials>)> {
    let mut groups: Vec<(Heading, Vec<CategoryWithMaterials>)> = Vec::new();
    for category in categories {
        let d = &category.definition;
        let heading = d.group_zh.clone().map(|zh| (zh, d.group_en.clone().unwrap_or_default()));
        match groups.last_mut() {
            Some((last, members)) if heading.is_some() && *last == heading => members.push(category),
            _ => groups.push((heading, vec![category])),
        }
    }
    groups
}
