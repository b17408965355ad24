//! Pages that load on demand (issue 11): each is a lazy route whose code sits in its own WASM
//! chunk (`cargo leptos --split`), fetched the first time the page is opened. They are the
//! reviewer's and administrator's screens (their second step of signing in, `/second-factor`,
//! among them), which only staff download, and two pages no candidate reaches from a page kept
//! for offline: the door's ticket check (`/verify`, with its signature code) and 找回密码
//! (`/forgot`, linked from the log-in page only). The candidate's other pages stay in the main
//! bundle: a chunk that cannot load offline would break the page a candidate opens from the
//! phone's kept copy.
//!
//! Each route has no data of its own to start early: the pages create their resources as they
//! render, which the server has already done for the first paint.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

use crate::pages::{
    AdminAuditPage, AdminExamPageView, AdminPage, ForgotPasswordPage, ReviewDeskPage, ReviewHomePage, ReviewQueuePage,
    SecondFactorPage, VerifyTicketPage,
};

/// Whether the server rendered `path` with a lazy route. Such a page hydrates the whole app, from
/// its own chunk, then the route's (`frontend`); every other page lives as islands
/// (`island_page`). Mirrors the lazy routes in `lib.rs`.
pub fn is_lazy_path(path: &str) -> bool {
    let under = |prefix: &str| path == prefix || path.starts_with(&format!("{prefix}/"));
    under("/admin")
        || under("/review")
        || path == "/verify"
        || path == "/forgot"
        || path == crate::auth_flow::SECOND_FACTOR_PATH
}

/// Loads the code chunk of the lazy page at `path`, if it is one, without running it. The whole
/// app then hydrates synchronously (`frontend`): the tachys it is built with has no asynchronous
/// hydration (`vendor/README.md`), so the route's view must already be at hand. Mirrors the lazy
/// routes in `lib.rs`; a page missing here fails to hydrate, and the browser suite opens each.
#[cfg(feature = "hydrate")]
pub async fn load_page_chunk(path: &str) {
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').skip(1).collect();
    match segments.as_slice() {
        ["admin"] => AdminRoute::preload().await,
        ["admin", "audit"] => AdminAuditRoute::preload().await,
        ["admin", "exams", _] => AdminExamRoute::preload().await,
        ["review"] => ReviewHomeRoute::preload().await,
        ["review", "exams", _] => ReviewQueueRoute::preload().await,
        ["review", "applications", _] => ReviewDeskRoute::preload().await,
        ["verify"] => VerifyTicketRoute::preload().await,
        ["forgot"] => ForgotPasswordRoute::preload().await,
        ["second-factor"] => SecondFactorRoute::preload().await,
        _ => {}
    }
}

/// One lazy route per page: no data to start early, the page itself as the lazily loaded view.
macro_rules! lazy_page {
    ($(#[$doc:meta])* $route:ident => $page:ident) => {
        $(#[$doc])*
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page/> }.into_any()
            }
        }
    };
}

lazy_page!(
    /// 考试管理
    AdminRoute => AdminPage
);
lazy_page!(
    /// One exam's administration.
    AdminExamRoute => AdminExamPageView
);
lazy_page!(
    /// 操作日志
    AdminAuditRoute => AdminAuditPage
);
lazy_page!(
    /// The reviewer's exams.
    ReviewHomeRoute => ReviewHomePage
);
lazy_page!(
    /// One exam's review queue.
    ReviewQueueRoute => ReviewQueuePage
);
lazy_page!(
    /// One application on the review desk.
    ReviewDeskRoute => ReviewDeskPage
);
lazy_page!(
    /// The door's check of an admission ticket.
    VerifyTicketRoute => VerifyTicketPage
);
lazy_page!(
    /// 找回密码
    ForgotPasswordRoute => ForgotPasswordPage
);
lazy_page!(
    /// 两步验证: staff's second step of signing in.
    SecondFactorRoute => SecondFactorPage
);

#[cfg(test)]
mod tests {
    use super::is_lazy_path;

    #[test]
    fn staff_and_door_pages_are_lazy_and_the_candidates_are_not() {
        for lazy in [
            "/admin",
            "/admin/exams/004",
            "/admin/audit",
            "/review",
            "/review/applications/7",
            "/verify",
            "/forgot",
            "/second-factor",
        ] {
            assert!(is_lazy_path(lazy), "{lazy}");
        }
        for eager in
            ["/", "/login", "/signup", "/exams/004", "/account", "/notifications", "/photo-tool", "/administrator"]
        {
            assert!(!is_lazy_path(eager), "{eager}");
        }
    }
}
