//! Pages that load on demand (issue 11): each is a lazy route whose code sits in its own WASM
//! chunk (`cargo leptos --split`), fetched the first time the page is opened. They are the
//! reviewer's and administrator's screens, which only staff download, and two pages no candidate
//! reaches from a page kept for offline: the door's ticket check (`/verify`, with its signature
//! code) and 找回密码 (`/forgot`, linked from the log-in page only). The candidate's other pages
//! stay in the main bundle: a chunk that cannot load offline would break the page a candidate
//! opens from the phone's kept copy.
//!
//! Each route has no data of its own to start early: the pages create their resources as they
//! render, which the server has already done for the first paint.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

use crate::pages::{
    AdminAuditPage, AdminExamPageView, AdminPage, ForgotPasswordPage, ReviewDeskPage, ReviewHomePage, ReviewQueuePage,
    VerifyTicketPage,
};

/// Whether the server rendered `path` with a lazy route, which the browser must hydrate
/// asynchronously (after its chunk arrives). Mirrors the lazy routes in `lib.rs`; every other page
/// hydrates at once, as it always has.
pub fn is_lazy_path(path: &str) -> bool {
    let under = |prefix: &str| path == prefix || path.starts_with(&format!("{prefix}/"));
    under("/admin") || under("/review") || path == "/verify" || path == "/forgot"
}

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

/// The door's check of an admission ticket.
pub struct VerifyTicketRoute;

#[lazy_route]
impl LazyRoute for VerifyTicketRoute {
    fn data() -> Self {
        VerifyTicketRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <VerifyTicketPage/> }.into_any()
    }
}

/// 找回密码
pub struct ForgotPasswordRoute;

#[lazy_route]
impl LazyRoute for ForgotPasswordRoute {
    fn data() -> Self {
        ForgotPasswordRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <ForgotPasswordPage/> }.into_any()
    }
}

#[cfg(test)]
mod tests {
    use super::is_lazy_path;

    #[test]
    fn staff_and_door_pages_are_lazy_and_the_candidates_are_not() {
        for lazy in
            ["/admin", "/admin/exams/004", "/admin/audit", "/review", "/review/applications/7", "/verify", "/forgot"]
        {
            assert!(is_lazy_path(lazy), "{lazy}");
        }
        for eager in
            ["/", "/login", "/signup", "/exams/004", "/account", "/notifications", "/photo-tool", "/administrator"]
        {
            assert!(!is_lazy_path(eager), "{eager}");
        }
    }
}
