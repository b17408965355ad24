//! What every page the server renders is given: the server state, and whether the page is a staff
//! page. The staff's pages (`app::lazy_routes`) are rendered as the whole app, router and all, and
//! every other page for islands mode (`app::island_page`); the browser's entry asks the same table
//! of the same path, so both sides agree on how the page comes to life.

use app::island_page::WholeAppRender;
use app::ssr::ServerState;
use axum::http::request::Parts;
use leptos::prelude::{provide_context, use_context};

/// The context of a page render (leptos_axum gives it the request's parts first).
pub fn page_context(state: ServerState) -> impl Fn() + Clone + Send + 'static {
    move || {
        provide_context(state.clone());
        let staff_page = use_context::<Parts>().is_some_and(|parts| app::lazy_routes::is_lazy_path(parts.uri.path()));
        if staff_page {
            provide_context(WholeAppRender);
        }
    }
}
