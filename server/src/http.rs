//! The HTTP side: every route and the layers around it, the pages, sessions, serving.

pub mod body_limits;
pub mod middleware;
pub mod page_context;
pub mod page_routes;
pub mod router;
pub mod routes;
pub mod serving;
