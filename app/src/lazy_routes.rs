//! Pages that load on demand (issue 11): each is a lazy route whose code sits in its own WASM
//! chunk (`cargo leptos --split`), fetched the first time the page is opened. They are the
//! reviewer's and administrator's screens (their second step of signing in, `/second-factor`,
//! among them), which only staff download, and two pages no candidate reaches from a page kept
//! for offline: the ticket check at the exam hall's entrance (`/verify`, with its signature code) and 找回密码
//! (`/forgot`, linked from the log-in page only). The candidate's other pages stay in the main
//! bundle: a chunk that cannot load offline would break the page a candidate opens from the
//! phone's kept copy (`public/sw.js` keeps `/` and `/exams/…`, and a test here holds them eager).
//!
//! A lazy page is one line of the table at the end: its route in `App` (`LazyPageRoutes`), the
//! path test the browser's entry and the server's renderer ask (`is_lazy_path`), and the chunk
//! the browser loads before hydrating it (`load_page_chunk`) all come from that line, and the
//! tests check that its path and its pattern name the same page.
//!
//! Each route has no data of its own to start early: the pages create their resources as they
//! render, which the server has already done for the first paint.

use leptos::prelude::*;
use leptos_router::any_nested_route::{AnyNestedRoute, IntoAnyNestedRoute};
use leptos_router::components::Route;
use leptos_router::{lazy_route, path, Lazy, LazyRoute};

use crate::pages::{
    AdminAuditPage, AdminExamPageView, AdminPage, ForgotPasswordPage, OnSitePage, ReviewHomePage, ReviewQueuePage,
    ReviewScreenPage, SecondFactorPage, VerifyTicketPage,
};

/// A path as the segments the patterns below match: "/admin/exams/004/" → ["admin", "exams", "004"].
fn segments(path: &str) -> Vec<&str> {
    path.trim_end_matches('/').split('/').skip(1).collect()
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

/// The table: each line a page's route, its view, its path as the router reads it, and the same
/// path as segments (`_` for a parameter).
macro_rules! lazy_pages {
    // `$path` is a token tree, not a literal: `path!` reads the string itself, and a literal
    // fragment would reach it wrapped in an invisible group.
    ($( $(#[$doc:meta])* $route:ident => $page:ident at $path:tt as [$($segment:pat),*]; )*) => {
        $( lazy_page!($(#[$doc])* $route => $page); )*

        /// The lazy pages' routes, for `App`'s `<Routes>`: one route erased to the type every
        /// route has where components are erased (the server's build).
        #[component(transparent)]
        pub fn LazyPageRoutes() -> AnyNestedRoute {
            view! { $( <Route path=path!($path) view={Lazy::<$route>::new()}/> )* }.into_inner().into_any_nested_route()
        }

        /// Whether the server rendered `path` with a lazy route. Such a page hydrates the whole
        /// app, from its own chunk, then the route's (`frontend`); every other page lives as
        /// islands (`island_page`).
        pub fn is_lazy_path(path: &str) -> bool {
            matches!(segments(path).as_slice(), $( [$($segment),*] )|*)
        }

        /// Loads the code chunk of the lazy page at `path`, if it is one, without running it. The
        /// whole app then hydrates synchronously (`frontend`): the tachys it is built with has no
        /// asynchronous hydration (`vendor/README.md`), so the route's view must be at hand.
        #[cfg(feature = "hydrate")]
        pub async fn load_page_chunk(path: &str) {
            match segments(path).as_slice() {
                $( [$($segment),*] => $route::preload().await, )*
                _ => {}
            }
        }

        /// Each line's path, and whether a path's segments are its page's (for the tests).
        #[cfg(test)]
        const TABLE: &[(&str, fn(&[&str]) -> bool)] = &[$( ($path, |s| matches!(s, [$($segment),*])) ),*];
    };
}

lazy_pages! {
    /// 考试管理
    AdminRoute => AdminPage at "/admin" as ["admin"];
    /// One exam's administration.
    AdminExamRoute => AdminExamPageView at "/admin/exams/:code" as ["admin", "exams", _];
    /// 操作日志
    AdminAuditRoute => AdminAuditPage at "/admin/audit" as ["admin", "audit"];
    /// The reviewer's exams.
    ReviewHomeRoute => ReviewHomePage at "/review" as ["review"];
    /// One exam's review queue.
    ReviewQueueRoute => ReviewQueuePage at "/review/exams/:code" as ["review", "exams", _];
    /// One application on the review screen.
    ReviewScreenRoute => ReviewScreenPage at "/review/applications/:id" as ["review", "applications", _];
    /// 现场报名: the branch's on-site check of originals on the day.
    OnSiteRoute => OnSitePage at "/on-site/:code" as ["on-site", _];
    /// The check of an admission ticket at the exam hall's entrance.
    VerifyTicketRoute => VerifyTicketPage at "/verify" as ["verify"];
    /// 找回密码
    ForgotPasswordRoute => ForgotPasswordPage at "/forgot" as ["forgot"];
    /// 两步验证: staff's second step of signing in.
    SecondFactorRoute => SecondFactorPage at "/second-factor" as ["second-factor"];
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The path with each parameter filled in, as a browser asks for it.
    fn sample(route_path: &str) -> String {
        route_path.split('/').map(|part| if part.starts_with(':') { "7" } else { part }).collect::<Vec<_>>().join("/")
    }

    #[test]
    fn each_lazy_page_s_path_is_taken_by_its_own_pattern_and_by_no_other() {
        for (index, (route_path, _)) in TABLE.iter().enumerate() {
            let path = sample(route_path);
            let takers: Vec<usize> = (0..TABLE.len()).filter(|&i| (TABLE[i].1)(&segments(&path))).collect();
            assert_eq!(takers, [index], "{route_path} (as {path}) is taken by {takers:?}");
            assert!(is_lazy_path(&path) && is_lazy_path(&format!("{path}/")), "{path}");
        }
    }

    #[test]
    fn the_candidate_s_pages_and_the_paths_kept_offline_are_not_lazy() {
        for eager in
            ["/", "/login", "/signup", "/exams/004", "/account", "/notifications", "/photo-tool", "/administrator"]
        {
            assert!(!is_lazy_path(eager), "{eager}");
        }
        // The service worker keeps the candidate's pages for offline use; a lazy chunk that cannot
        // load offline would break them. Its list, read from the file the browser runs:
        let worker = include_str!("../../public/sw.js");
        let line = worker.lines().find(|l| l.contains("const candidatePage")).expect("sw.js names its kept pages");
        let kept: Vec<&str> = line.split('\'').skip(1).step_by(2).collect();
        assert_eq!(kept, ["/", "/exams/"], "sw.js keeps other pages now: check them here");
        for path in kept {
            assert!(!is_lazy_path(path) && !is_lazy_path(&format!("{path}004")), "{path} is kept offline");
        }
    }
}
