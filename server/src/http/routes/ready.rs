//! `/ready`: whether this server can serve candidates now, for a load balancer or an orchestrator
//! to route around it when not — the database answers, every migration this binary knows is
//! applied, and the blob store answers. `/health` says only that the process is alive. Each
//! check's time lands in the metrics too (`zige_ready_check_seconds`). The checks run side by
//! side within `CHECK_DEADLINE`, so the answer comes within a second whatever storage does, and
//! the log says what failed when the answer changes, not at every ask.
//!
//! It is public and unthrottled, so it costs little and says little (issue 50): each check has
//! at most `CHECK_DEADLINE`, the answer is kept for `KEPT_FOR` and given to every request meanwhile
//! (one check at a time however many ask), and a failing check is named with a short word while
//! the driver's own text goes to the log.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::StatusCode;
use axum::{Extension, Json};
use migration::{Migrator, MigratorTrait};
use serde_json::{json, Value};
use tokio::sync::Mutex;

use app::ssr::ServerState;

/// A key no upload can have (stored keys are generated): reading it reaches the store without
/// writing anything.
const PROBE_KEY: &str = "zige-ready-probe";
/// A check that takes longer has failed: a load balancer waits about a second for the answer.
const CHECK_DEADLINE: Duration = Duration::from_millis(800);
const KEPT_FOR: Duration = Duration::from_secs(1);

/// The last answer and when it was made.
#[derive(Clone, Default)]
pub struct ReadyAnswer(Arc<Mutex<Option<(Instant, StatusCode, Value)>>>);

pub async fn ready(
    State(state): State<ServerState>,
    Extension(kept): Extension<ReadyAnswer>,
) -> (StatusCode, Json<Value>) {
    let mut last = kept.0.lock().await;
    if let Some((_, status, body)) = last.as_ref().filter(|(at, _, _)| at.elapsed() < KEPT_FOR) {
        return (*status, Json(body.clone()));
    }
    let (status, body, reasons) = check(&state).await;
    // Said when the answer changes, not every second of an outage.
    let changed = last.as_ref().is_none_or(|(_, _, before)| before != &body);
    for (check, reason) in reasons.into_iter().filter(|_| changed) {
        tracing::warn!(check, error = reason, "not ready");
    }
    *last = Some((Instant::now(), status, body.clone()));
    (status, Json(body))
}

/// The answer, and the drivers' texts of what failed (for the log only). The checks run at once,
/// each within `CHECK_DEADLINE`: the answer comes within it whatever the stores do.
async fn check(state: &ServerState) -> (StatusCode, Value, Vec<(&'static str, String)>) {
    let (database, migrations, storage) = tokio::join!(
        timed("database", async { state.db.ping().await.map_err(|e| Said::Logged(e.to_string())) }),
        timed("migrations", async {
            match Migrator::get_pending_migrations(&state.db).await.map_err(|e| Said::Logged(e.to_string()))?.len() {
                0 => Ok(()),
                behind => Err(Said::Public(format!("{behind} migration(s) not applied: run `server migrate`"))),
            }
        }),
        timed("storage", async {
            state.blobs.get(PROBE_KEY).await.map(|_| ()).map_err(|e| Said::Logged(e.to_string()))
        }),
    );
    let migrations = match &database {
        Ok(()) => migrations,
        Err(_) => Err(Said::Public("not checked: the database does not answer".to_string())),
    };
    let checks = [("database", database), ("migrations", migrations), ("storage", storage)];
    let ready = checks.iter().all(|(_, outcome)| outcome.is_ok());
    let mut reasons = Vec::new();
    let body: serde_json::Map<String, Value> = checks
        .into_iter()
        .map(|(name, outcome)| {
            let said = match outcome {
                Ok(()) => "ok".to_string(),
                Err(Said::Public(why)) => why,
                Err(Said::Logged(why)) => {
                    reasons.push((name, why));
                    "unavailable".to_string()
                }
            };
            (name.to_string(), json!(said))
        })
        .collect();
    let status = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, json!({ "ready": ready, "checks": body }), reasons)
}

/// What a failing check says: our own words, or a driver's text, which only the log is told.
enum Said {
    Public(String),
    Logged(String),
}

/// The check's outcome within `CHECK_DEADLINE`, its time recorded.
async fn timed(check: &'static str, work: impl std::future::Future<Output = Result<(), Said>>) -> Result<(), Said> {
    let started = Instant::now();
    let outcome = tokio::time::timeout(CHECK_DEADLINE, work)
        .await
        .unwrap_or_else(|_| Err(Said::Logged(format!("no answer within {} ms", CHECK_DEADLINE.as_millis()))));
    metrics::histogram!("zige_ready_check_seconds", "check" => check).record(started.elapsed().as_secs_f64());
    outcome
}
