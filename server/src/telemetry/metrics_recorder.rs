//! The process's metrics, in Prometheus' text format for `/metrics` (the `metrics` facade, with
//! `metrics-exporter-prometheus` as its recorder, as axum's own example does). One recorder per
//! process: a test binary starts many servers, and they share it.

use std::sync::OnceLock;

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

/// Buckets for every `*_seconds` histogram: from a quick page (5 ms) to a slow upload (30 s).
const SECONDS_BUCKETS: [f64; 12] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0];

/// Installs the recorder the first time and hands out its renderer.
pub fn handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Suffix("_seconds".to_string()), &SECONDS_BUCKETS)
                .expect("the buckets are not empty");
            match builder.install_recorder() {
                Ok(handle) => handle,
                // Another recorder came first (a test harness): this one renders what it alone saw.
                Err(_) => PrometheusBuilder::new().build_recorder().handle(),
            }
        })
        .clone()
}
