//! The requests a load balancer and a browser's file fetches make: the probes (`/health`,
//! `/ready`, `/metrics`) and the static files (`/pkg/…`, `/sw.js`). They cost nothing and touch
//! no store (`/ready` time-boxes its own checks), so they never wait for a turn (`admission`) nor
//! for the database (`storage_overtime`).

pub fn is_probe_or_file(path: &str) -> bool {
    matches!(path, "/health" | "/ready" | "/metrics" | "/sw.js") || path.starts_with("/pkg/")
}
