//! Structured logs through tracing; `RUST_LOG` picks the level (info by default). One line per
//! request at `info`, in a span with the request's id (`router::request_span`). With
//! `ZIGE_LOG_FORMAT=json` every line is one JSON object, for a log collector.

pub mod metrics_recorder;

use tracing_subscriber::EnvFilter;

pub fn init_logging() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let json = std::env::var("ZIGE_LOG_FORMAT").is_ok_and(|format| format.trim().eq_ignore_ascii_case("json"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_target(false);
    let _ =
        if json { builder.json().with_current_span(true).with_span_list(false).try_init() } else { builder.try_init() };
}
