//! `/ready`: whether this server can serve candidates now, for a load balancer or an orchestrator
//! to route around it when not — the database answers, every migration this binary knows is
//! applied, and the blob store answers. `/health` says only that the process is alive. Each
//! check's time lands in the metrics too (`zige_ready_check_seconds`).

use std::time::Instant;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use migration::{Migrator, MigratorTrait};
use serde_json::{json, Value};

use app::ssr::ServerState;

/// A key no upload can have (stored keys are generated): reading it reaches the store without
/// writing anything.
const PROBE_KEY: &str = "zige-ready-probe";

pub async fn ready(State(state): State<ServerState>) -> (StatusCode, Json<Value>) {
    let database = timed("database", state.db.ping()).await.map_err(|e| e.to_string());
    let migrations = match &database {
        Ok(()) => timed("migrations", Migrator::get_pending_migrations(&state.db))
            .await
            .map_err(|e| e.to_string())
            .and_then(|pending| match pending.len() {
                0 => Ok(()),
                behind => Err(format!("{behind} migration(s) not applied: run `server migrate`")),
            }),
        Err(_) => Err("not checked: the database does not answer".to_string()),
    };
    let storage = timed("storage", state.blobs.get(PROBE_KEY)).await.map(|_| ()).map_err(|e| e.to_string());
    let checks = [("database", &database), ("migrations", &migrations), ("storage", &storage)];
    let ready = checks.iter().all(|(_, outcome)| outcome.is_ok());
    let body: serde_json::Map<String, Value> = checks
        .iter()
        .map(|(name, outcome)| {
            let said = match outcome {
                Ok(()) => json!("ok"),
                Err(why) => json!(why),
            };
            (name.to_string(), said)
        })
        .collect();
    let status = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, Json(json!({ "ready": ready, "checks": body })))
}

async fn timed<T>(check: &'static str, work: impl std::future::Future<Output = T>) -> T {
    let started = Instant::now();
    let outcome = work.await;
    metrics::histogram!("zige_ready_check_seconds", "check" => check).record(started.elapsed().as_secs_f64());
    outcome
}
