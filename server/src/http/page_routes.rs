//! The app's page routes, as leptos lists them for axum: worked out once per process.

use std::sync::OnceLock;

use app::App;
use leptos_axum::{generate_route_list, AxumRouteListing};

/// The page routes. leptos lists them by running the app once with every resource held back,
/// and the switch that holds them back is one for the whole process (leptos issue 4773): a page
/// rendering meanwhile, in another server of the same process, has its resources wait forever
/// and its response never ends. Several servers share a process in the integration tests (one
/// per test, the tests of a file running at once), so the list is made once, before any of them
/// can serve a page; a second start-up reuses it.
pub fn page_routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}
