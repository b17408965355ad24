//! The reviewer's and administrator's screens load on demand (issue 11): each is a lazy route, so
//! its code sits in its own WASM chunk (`cargo leptos --split`) that only staff ever download.
//! The candidate's pages stay in the main bundle: a chunk that cannot load offline would break
//! the page a candidate opens from the phone's kept copy.
//!
//! Each route has no data of its own to start early: the pages create their resources as they
//! render, which the server has already done for the first paint.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

use crate::pages::{AdminAuditPage, AdminExamPageView, AdminPage, ReviewDeskPage, ReviewHomePage, ReviewQueuePage};

/// 考试管理
pub struct AdminRoute;

#[lazy_route]
impl LazyRoute for AdminRoute {
    fn data() -> Self {
        AdminRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <AdminPage/> }.into_any()
    }
}

/// One exam's administration.
pub struct AdminExamRoute;

#[lazy_route]
impl LazyRoute for AdminExamRoute {
    fn data() -> Self {
        AdminExamRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <AdminExamPageView/> }.into_any()
    }
}

/// 操作日志
pub struct AdminAuditRoute;

#[lazy_route]
impl LazyRoute for AdminAuditRoute {
    fn data() -> Self {
        AdminAuditRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <AdminAuditPage/> }.into_any()
    }
}

/// The reviewer's exams.
pub struct ReviewHomeRoute;

#[lazy_route]
impl LazyRoute for ReviewHomeRoute {
    fn data() -> Self {
        ReviewHomeRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <ReviewHomePage/> }.into_any()
    }
}

/// One exam's review queue.
pub struct ReviewQueueRoute;

#[lazy_route]
impl LazyRoute for ReviewQueueRoute {
    fn data() -> Self {
        ReviewQueueRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <ReviewQueuePage/> }.into_any()
    }
}

/// One application on the review desk.
pub struct ReviewDeskRoute;

#[lazy_route]
impl LazyRoute for ReviewDeskRoute {
    fn data() -> Self {
        ReviewDeskRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <ReviewDeskPage/> }.into_any()
    }
}
