//! Zige's shared crate: the domain rules (compiled for the server and for WASM), the pages, and
//! the server functions. Server-only code is fenced in `ssr`.

pub mod api;
pub mod auth_flow;
pub mod client;
pub mod components;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod island_in_chunk;
pub mod island_page;
pub mod lazy_routes;
pub mod models;
pub mod offline;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::forms_wait_for_code::FormsWaitForCode;
use crate::components::idle_hydration::IdleHydration;
use crate::components::offline_banner::OfflineBanner;
use crate::components::site_header::SiteHeader;
use crate::i18n::{provide_lang, tr};
use crate::lazy_routes::LazyPageRoutes;
use crate::pages::{
    AccountPageView, ExamPageView, HomePageView, LogInPageView, NotFoundPage, NoticePage, NotificationsPage,
    PaymentsPage, PhotoToolPage, PositionsPage, ScoresPage, SignUpPage,
};

/// A white tick on the site's red, as an SVG in a data address (the page's policy allows `data:`
/// pictures).
const SITE_ICON: &str = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E\
%3Crect width='16' height='16' rx='3' fill='%23b4232a'/%3E%3Cpath d='M4 8.5l2.5 2.5L12 5' stroke='%23fff' \
stroke-width='2' fill='none'/%3E%3C/svg%3E";

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    ssr::infra::page_policy::apply();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                // The site's icon in the page itself: without one the browser asked for
                // /favicon.ico on every first visit and got the 404 page, 1.2 KB of a phone's
                // first load (at times inside it, at times after).
                <link rel="icon" href=SITE_ICON/>
                <AutoReload options=options.clone()/>
                <FormsWaitForCode/>
                <IdleHydration options/>
                <MetaTags/>
                // The staff's screens' styles, on the pages rendered as the whole app alone (a
                // candidate's first load never carries them); after the site's own (`MetaTags`
                // brings it), so that a staff rule wins over a general one as it did in one file.
                {island_page::renders_whole_app().then(|| view! { <link rel="stylesheet" href="/staff.css"/> })}
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = provide_lang();

    view! {
        <Stylesheet id="leptos" href="/pkg/zige.css"/>
        <leptos_meta::Html attr:lang=move || lang.get().html_lang()/>
        <Title text=tr("资格 · 材料上传", "Zige · Qualification materials")/>
        <Router>
            <SiteHeader/>
            <OfflineBanner/>
            <main class="page">
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("") view=HomePageView/>
                    <Route path=path!("/login") view=LogInPageView/>
                    <Route path=path!("/signup") view=SignUpPage/>
                    <Route path=path!("/photo-tool") view=PhotoToolPage/>
                    <Route path=path!("/account") view=AccountPageView/>
                    <Route path=path!("/exams/:code") view=ExamPageView/>
                    <Route path=path!("/exams/:code/positions") view=PositionsPage/>
                    <Route path=path!("/exams/:code/notice") view=NoticePage/>
                    <Route path=path!("/notifications") view=NotificationsPage/>
                    <Route path=path!("/payments") view=PaymentsPage/>
                    <Route path=path!("/scores") view=ScoresPage/>
                    // The staff's pages and the ticket check's, each a chunk of its own (`lazy_routes`).
                    <LazyPageRoutes/>
                </Routes>
            </main>
        </Router>
    }
}

/// Called by the browser entry once the whole page is live, lazy routes included: the
/// end-to-end tests wait for this mark before they click, because a click on server-rendered HTML
/// that is not yet live does nothing.
#[cfg(feature = "hydrate")]
pub fn mark_hydrated() {
    if let Some(body) = document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
    // Only now: the worker's first fetches should not compete with the page's own.
    crate::client::register_offline_copy();
}
