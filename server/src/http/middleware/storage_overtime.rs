//! A request still unanswered after the storage deadline asks whether the database answers, and
//! if it does not, the person is told at once: 503 with `Retry-After`, nothing saved (issue 53).
//! Acquiring a connection has the deadline already; this covers a query on a connection that
//! hangs (the database or the network gone quiet in the middle of it), which neither sqlx nor
//! SeaORM time-box. A request that is merely long (an export, a document) goes on as long as the
//! database answers.
//!
//! It is laid twice: around the handlers, inside the idempotency layer, so a keyed action cut
//! short lets its key go as any 503 does; and outside everything that reads the session, so a
//! guard's query or the idempotency books themselves cannot hold the person either.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use sea_orm::DatabaseConnection;
use tokio::sync::Mutex;

use app::error::AppError;
use app::ssr::infra::failure::STORAGE_RETRY_SECS;
use app::ssr::infra::store_health;

use crate::http::middleware::probes_and_files::is_probe_or_file;
use crate::http::routes::error_response;

/// How long one look at the database is believed: however many requests run over at once, the
/// database is asked once a second.
const LOOK_KEPT_FOR: Duration = Duration::from_secs(1);

#[derive(Clone)]
pub struct Overtime {
    db: DatabaseConnection,
    deadline: Duration,
    last_look: Arc<Mutex<Option<(Instant, bool)>>>,
}

impl Overtime {
    pub fn new(db: DatabaseConnection, deadline: Duration) -> Overtime {
        Overtime { db, deadline, last_look: Arc::default() }
    }

    /// Whether the database answers a ping within the deadline (a pool that hands out no
    /// connection within it does not answer either).
    async fn database_answers(&self) -> bool {
        let mut last = self.last_look.lock().await;
        if let Some((_, answers)) = last.filter(|(at, _)| at.elapsed() < LOOK_KEPT_FOR) {
            return answers;
        }
        let answers = matches!(tokio::time::timeout(self.deadline, self.db.ping()).await, Ok(Ok(())));
        *last = Some((Instant::now(), answers));
        answers
    }

    /// `work`'s answer; or, once it has run past the deadline and the database does not answer,
    /// the storage's 503 (the work is dropped: sqlx rolls back what it had begun).
    pub async fn answer(&self, work: impl Future<Output = Response>) -> Response {
        tokio::pin!(work);
        loop {
            tokio::select! {
                biased;
                response = &mut work => return response,
                () = tokio::time::sleep(self.deadline) => {}
            }
            // The work goes on while the database is asked.
            let answers = tokio::select! {
                biased;
                response = &mut work => return response,
                answers = self.database_answers() => answers,
            };
            if !answers {
                let reason =
                    format!("a request ran past {} ms and the database did not answer", self.deadline.as_millis());
                store_health::failed(store_health::DATABASE, "query", "timeout", &reason);
                return error_response(AppError::Busy { retry_after_secs: STORAGE_RETRY_SECS });
            }
        }
    }
}

pub async fn answer_in_time(State(overtime): State<Overtime>, request: Request, next: Next) -> Response {
    if is_probe_or_file(request.uri().path()) {
        return next.run(request).await;
    }
    overtime.answer(next.run(request)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::StatusCode;
    use axum::routing::get;
    use axum::Router;
    use tower::ServiceExt;

    const DEADLINE: Duration = Duration::from_millis(200);

    /// `/long` answers after three deadlines; `/hung` never does.
    async fn answered(db: DatabaseConnection, path: &str) -> (StatusCode, Duration) {
        let app = Router::new()
            .route("/long", get(|| async { tokio::time::sleep(DEADLINE * 3).await }))
            .route("/hung", get(std::future::pending::<()>))
            .layer(axum::middleware::from_fn_with_state(Overtime::new(db, DEADLINE), answer_in_time));
        let started = Instant::now();
        let response = app.oneshot(Request::builder().uri(path).body(Body::empty()).unwrap()).await.unwrap();
        (response.status(), started.elapsed())
    }

    #[tokio::test]
    async fn a_long_request_goes_on_while_the_database_answers_and_a_hung_one_is_told_to_come_back_when_it_does_not() {
        let db = crate::stores::storage::connect("sqlite::memory:").await.unwrap();
        let (status, took) = answered(db.clone(), "/long").await;
        assert_eq!(status, StatusCode::OK, "the database answers: the work is not cut");
        assert!(took >= DEADLINE * 3);

        db.clone().close().await.unwrap();
        let (status, took) = answered(db, "/hung").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(took < DEADLINE * 3, "told after the deadline and one look: {took:?}");
    }
}
