//! Builds the application from configuration: database (migrated), blob store, sessions,
//! routes. Used by `main` and by the integration tests, which start it on port 0.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::routing::{get, post};
use axum::{Extension, Router};
use leptos::prelude::*;
use leptos_axum::LeptosRoutes;
use sea_orm::DatabaseConnection;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use tower_http::CompressionLevel;
use tower_sessions::cookie::{Key, SameSite};
use tower_sessions::session_store::ExpiredDeletion;
use tower_sessions::{Expiry, SessionManagerLayer};

use app::shell;
use app::ssr::infra::blob_store::BlobStore;
use app::ssr::infra::decode_budget::DecodeBudget;
use app::ssr::infra::payment_gateway::{Gateways, PaymentGateway};
use app::ssr::payments::sandbox_gateway::SandboxGateway;
use app::ssr::ServerState;
use app::ssr::{infra::clock::Clock, infra::clock::SystemClock};
use app::ssr::{infra::rate_limits::LimitSettings, infra::rate_limits::RateLimits};
use sha2::{Digest, Sha256};

use crate::body_limits;
use crate::config::Config;
use crate::documents::font_cell::FontCell;
use crate::documents::layout_check::TypstLayouts;
use crate::documents::render_pool::{RenderPool, WorkerSettings};
use crate::mailer::{EmailSender, LoggingMailer, SmtpMailer};
use crate::middleware::body_limit::limit_body_by_route;
use crate::middleware::rate_limit::{limit_by_address, RateLimitState};
use crate::middleware::same_origin::{refuse_cross_site, SameOriginState};
use crate::middleware::staff_idle::{end_idle_staff_sessions, StaffIdleState};
use crate::outbox_worker::{self, Senders};
use crate::routes::candidate_documents::candidate_document;
use crate::routes::payment_notify::payment_notify;
use crate::routes::payments_export::payments_export;
use crate::routes::results_export::results_export;
use crate::routes::sandbox_cashier::{cashier_page, cashier_pay, SandboxProvider};
use crate::routes::seats_export::seats_export;
use crate::routes::spreadsheet::SheetFormat;
use crate::routes::template_preview::template_preview;
use crate::routes::{
    example_file::example_file, health::health, material_file::material_file, previous_file::previous_file,
    upload_example::upload_example, upload_material::upload_material,
};
use crate::session_store::SeaOrmSessionStore;
use crate::sms::LoggingSms;
use crate::storage::{open_blob_store, open_database};
use app::domain::document_kind::DocumentKind;

/// A session ends after this long without a request.
const SESSION_IDLE_HOURS: i64 = 8;

/// Brotli's (and gzip's) quality for what is compressed as it is sent.
const DYNAMIC_COMPRESSION_QUALITY: i32 = 5;

pub type StartupError = Box<dyn std::error::Error + Send + Sync>;

/// The session-signing key: from configuration, or generated once and kept in the data folder
/// so sessions survive a restart.
pub async fn session_key(config: &Config) -> Result<Key, StartupError> {
    if let Some(secret) = &config.session_secret {
        return Key::try_from(secret.as_bytes()).map_err(|_| "ZIGE_SESSION_SECRET must be at least 64 bytes".into());
    }
    if config.servers > 1 {
        // A key generated here would be this server's alone: a session signed by one server
        // would be refused by the next behind the load balancer.
        return Err(format!(
            "ZIGE_SERVERS={} needs ZIGE_SESSION_SECRET (at least 64 bytes, the same on every server)",
            config.servers
        )
        .into());
    }
    let path = config.data_dir.join("session_secret");
    // A new installation's data folder is made here, the first thing written to it.
    tokio::fs::create_dir_all(&config.data_dir).await?;
    match tokio::fs::read(&path).await {
        Ok(bytes) if bytes.len() >= 64 => {
            // Written by an older version with the default umask: readable by its owner alone now.
            crate::secret_file::narrow(&path);
            return Ok(Key::from(&bytes));
        }
        _ => {}
    }
    let key = Key::generate();
    crate::secret_file::write(&path, key.master()).await?;
    Ok(key)
}

/// The seed admission tickets were signed with before their keys had a table of their own
/// (derived from the session key): an installation that gave seats then keeps it as its first
/// ticket key, so the tickets it printed stay valid (`ticket_keys::load_or_create`).
pub fn legacy_ticket_seed(session_key: &Key) -> [u8; 32] {
    derived_seed(b"zige admission ticket", session_key)
}

/// A 32-byte seed for one purpose (`label`), from the session key: each key Zige derives differs,
/// and none tells anything of the session key.
fn derived_seed(label: &[u8], session_key: &Key) -> [u8; 32] {
    Sha256::digest([label, session_key.master()].concat()).into()
}

pub struct Prepared {
    pub state: ServerState,
    pub router: Router,
    /// The simulated payment provider, when configured (tests sign notifications with it).
    pub sandbox: Option<Arc<SandboxGateway>>,
    /// The document fonts and render workers (tests watch the workers' places).
    pub documents: FontCell,
}

/// Everything but the listening socket.
pub async fn prepare(config: &Config, leptos_options: LeptosOptions) -> Result<Prepared, StartupError> {
    prepare_with_clock(config, leptos_options, Arc::new(SystemClock)).await
}

/// As `prepare`, with the clock every window check reads (tests stand it at chosen seconds).
pub async fn prepare_with_clock(
    config: &Config,
    leptos_options: LeptosOptions,
    clock: Arc<dyn Clock>,
) -> Result<Prepared, StartupError> {
    if let Some(refusal) = config.refusal() {
        return Err(refusal.into());
    }
    let session_key = session_key(config).await?;
    let db = open_database(config).await?;
    let blobs = open_blob_store(config).await?;
    let rate_limits = Arc::new(RateLimits::new(if config.rate_limits {
        LimitSettings::default().shared_among(config.servers)
    } else {
        LimitSettings::unlimited()
    }));
    spawn_forgetting_idle_buckets(rate_limits.clone());
    spawn_hourly_sweep(db.clone(), blobs.clone());
    warn_when_no_administrator(&db).await?;
    let decode_budget =
        Arc::new(DecodeBudget::new(config.decode_budget_mb, Duration::from_millis(config.decode_wait_ms)));
    // The sandbox's key comes from the session key, so every server of an installation believes
    // the notifications any of them signed.
    let sandbox = config
        .payment_sandbox
        .then(|| Arc::new(SandboxGateway::from_seed(derived_seed(b"zige sandbox gateway", &session_key))));
    let gateways: Vec<Arc<dyn PaymentGateway>> = sandbox.iter().map(|s| s.clone() as Arc<dyn PaymentGateway>).collect();
    let ticket_keys = Arc::new(
        app::ssr::tickets::ticket_keys::load_or_create(&db, legacy_ticket_seed(&session_key), clock.now())
            .await
            .map_err(|e| e.message_en())?,
    );
    // One font load and one set of layout permits for every document route and template check.
    let workers = WorkerSettings {
        program: match &config.render_worker {
            Some(program) => program.clone(),
            None => this_binary()?,
        },
        font_dir: config.font_dir.clone(),
        deadline: Duration::from_millis(config.document_deadline_ms),
        memory_mb: config.document_memory_mb,
    };
    let documents = FontCell::new(config.font_dir.clone(), RenderPool::new(workers));
    let layouts = Arc::new(TypstLayouts { fonts: documents.clone(), clock: clock.clone() });
    let state = ServerState {
        leptos_options,
        db: db.clone(),
        blobs,
        max_upload_bytes: config.max_upload_bytes,
        clock: clock.clone(),
        rate_limits,
        decode_budget,
        gateways: Arc::new(Gateways::new(gateways)),
        ticket_keys,
        layouts,
        staff_second_factor: config.staff_second_factor,
    };
    if config.seed_demo {
        crate::demo_data::ensure_demo_data(&state).await.map_err(|e| format!("demo data: {e}"))?;
    }
    outbox_worker::spawn(db.clone(), clock, senders(config)?, Duration::from_millis(config.outbox_poll_ms.max(10)));

    let store = SeaOrmSessionStore::new(db);
    tokio::spawn(store.clone().continuously_delete_expired(Duration::from_secs(3600)));
    let sessions = SessionManagerLayer::new(store)
        .with_name("zige_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.serves_https())
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(SESSION_IDLE_HOURS)))
        .with_signed(session_key);

    let mut router = build_router(state.clone(), config, sandbox.clone(), documents.clone()).layer(sessions);
    if config.serves_https() {
        // Browsers that reached the app over https once never try plain http again for a year.
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ));
    }
    Ok(Prepared { state, router, sandbox, documents })
}

/// The running binary, for its render workers. On Linux `/proc/self/exe`, which still names it
/// after an upgrade replaced the file on disk (the path would then name the new binary, or
/// nothing).
fn this_binary() -> std::io::Result<std::path::PathBuf> {
    let proc_self = std::path::Path::new("/proc/self/exe");
    if proc_self.exists() {
        return Ok(proc_self.to_path_buf());
    }
    std::env::current_exe()
}

/// Buckets that filled up again are dropped every minute, so the limit tables stay small.
fn spawn_forgetting_idle_buckets(limits: Arc<RateLimits>) {
    tokio::spawn(async move {
        let mut every_minute = tokio::time::interval(Duration::from_secs(60));
        loop {
            every_minute.tick().await;
            limits.forget_idle();
        }
    });
}

/// Files no row names (a crash between file and row) are removed every hour, and so are the keys
/// of queued actions older than a week.
fn spawn_hourly_sweep(db: DatabaseConnection, blobs: Arc<dyn BlobStore>) {
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            // Queued actions' keys are kept a week: no phone's queue waits longer.
            let week_ago = chrono::Utc::now() - chrono::Duration::days(7);
            if let Err(error) = app::ssr::infra::idempotency::forget_before(&db, week_ago).await {
                tracing::warn!(error = error.message_en(), "forgetting old action keys failed");
            }
            match app::ssr::infra::blob_sweep::sweep(&db, blobs.as_ref(), app::ssr::infra::blob_sweep::DEFAULT_GRACE)
                .await
            {
                Ok(report) if report.unnamed_files_removed + report.unfinished_writes_removed > 0 => {
                    tracing::info!(?report, "blob sweep")
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(error = error.message_en(), "blob sweep failed"),
            }
        }
    });
}

/// An installation without demo data starts with no account at all: say how to make the first.
async fn warn_when_no_administrator(db: &DatabaseConnection) -> Result<(), StartupError> {
    if !app::ssr::accounts::account_store::any_with_role(db, app::domain::Role::Admin)
        .await
        .map_err(|e| e.message_en())?
    {
        tracing::warn!(
            "no administrator exists yet: create one with `server admin create --id-number … --name … --mobile …`"
        );
    }
    Ok(())
}

/// SMTP when configured, the log otherwise; SMS through the logging adapter (see `sms`).
fn senders(config: &Config) -> Result<Senders, StartupError> {
    let email: Arc<dyn EmailSender> = match &config.smtp_url {
        Some(url) => Arc::new(SmtpMailer::new(url, &config.mail_from)?),
        None => Arc::new(LoggingMailer),
    };
    LoggingSms::announce();
    Ok(Senders { email, sms: Arc::new(LoggingSms) })
}

/// The sandbox gateway's cashier, when the sandbox is on.
fn sandbox_routes(sandbox: Option<Arc<SandboxGateway>>, config: &Config) -> Router<ServerState> {
    let Some(gateway) = sandbox else { return Router::new() };
    let provider = SandboxProvider {
        gateway,
        delay: Duration::from_millis(config.sandbox_notice_delay_ms),
        repeats: config.sandbox_notice_repeats,
    };
    Router::new()
        .route("/sandbox/cashier/{order_no}", get(cashier_page))
        .route("/sandbox/cashier/{order_no}/pay", post(cashier_pay))
        .layer(axum::Extension(provider))
}

/// A document's route: its handler, the shared fonts and layout permits, and which document.
fn document_route(documents: &FontCell, document: DocumentKind) -> axum::routing::MethodRouter<ServerState> {
    get(candidate_document)
        .layer::<_, std::convert::Infallible>(axum::Extension(documents.clone()))
        .layer(axum::Extension(document))
}

fn build_router(
    state: ServerState,
    config: &Config,
    sandbox: Option<Arc<SandboxGateway>>,
    documents: FontCell,
) -> Router {
    let max_upload_bytes = config.max_upload_bytes;
    let rate_limit_state = RateLimitState { limits: state.rate_limits.clone(), behind_proxy: config.behind_proxy };
    let routes = crate::page_routes::page_routes();
    let context_state = state.clone();
    let body_limit = usize::try_from(max_upload_bytes).unwrap_or(usize::MAX);
    // Pages and server functions take small forms only; large bodies are for uploads alone.
    let pages = Router::new()
        .leptos_routes_with_context(&state, routes, move || provide_context(context_state.clone()), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<ServerState, _>(shell))
        .layer(axum::middleware::from_fn_with_state(max_upload_bytes, limit_body_by_route));
    Router::new()
        .route("/health", get(health))
        .route(body_limits::UPLOAD_PATH, post(upload_material).layer(DefaultBodyLimit::max(body_limit)))
        .route("/api/materials/{id}/file", get(material_file))
        .route("/api/materials/{id}/previous", get(previous_file))
        .route("/api/admin/exams/{code}/results.csv", get(results_export).layer(Extension(SheetFormat::Csv)))
        .route("/api/admin/exams/{code}/results.xlsx", get(results_export).layer(Extension(SheetFormat::Xlsx)))
        .route("/api/exams/{code}/examples/{name}", get(example_file))
        .route("/api/admin/exams/{code}/payments.csv", get(payments_export).layer(Extension(SheetFormat::Csv)))
        .route("/api/admin/exams/{code}/payments.xlsx", get(payments_export).layer(Extension(SheetFormat::Xlsx)))
        .route("/api/admin/exams/{code}/seats.csv", get(seats_export).layer(Extension(SheetFormat::Csv)))
        .route("/api/admin/exams/{code}/seats.xlsx", get(seats_export).layer(Extension(SheetFormat::Xlsx)))
        .route("/api/exams/{code}/receipt.pdf", document_route(&documents, DocumentKind::UploadReceipt))
        .route("/api/exams/{code}/registration-form.pdf", document_route(&documents, DocumentKind::RegistrationForm))
        .route("/api/exams/{code}/ticket.pdf", document_route(&documents, DocumentKind::AdmissionTicket))
        .route(
            "/api/admin/exams/{code}/templates/{document}/preview.pdf",
            get(template_preview).layer(axum::Extension(documents.clone())),
        )
        .merge(sandbox_routes(sandbox, config))
        .route(
            "/api/admin/exams/{code}/examples",
            post(upload_example).layer(DefaultBodyLimit::max(body_limits::EXAMPLE_BODY_LIMIT_BYTES)),
        )
        .merge(pages)
        // Innermost: after the origin and rate checks, with the session at hand.
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::middleware::idempotency::apply_once))
        // Before anything asks who is signed in: an idle staff session has ended by then.
        .layer(axum::middleware::from_fn_with_state(
            StaffIdleState {
                clock: state.clock.clone(),
                idle: chrono::Duration::minutes(config.staff_idle_minutes.into()),
            },
            end_idle_staff_sessions,
        ))
        .layer(axum::middleware::from_fn_with_state(rate_limit_state.clone(), limit_by_address))
        .layer(axum::middleware::from_fn_with_state(
            SameOriginState { public_origin: config.public_url.clone() },
            refuse_cross_site,
        ))
        // Outermost: every error above, the guards' own included, in the form the client asked.
        .layer(axum::middleware::from_fn(crate::middleware::error_wire::errors_as_asked))
        // A gateway's notifications come from its servers, with no session and in the provider's
        // own body format (JSON, or a form for some): outside the browser guards above; the
        // gateway's signature is their check.
        .route(
            "/api/payments/notify/{gateway}",
            post(payment_notify)
                .layer(axum::middleware::from_fn_with_state(rate_limit_state.clone(), limit_by_address)),
        )
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        // Pages and answers go out compressed (brotli or gzip, as the browser asks); the static
        // files are precompressed at build time and served as they are; pictures are left alone.
        // Quality 5 rather than the default (4): the exam page's HTML shrinks from 6.8 to 6.0 KB
        // for well under a millisecond more (`docs/benchmarks.md`); 11 would take 20 ms a page.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(DYNAMIC_COMPRESSION_QUALITY)))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Binds and serves until Ctrl-C or SIGTERM; requests under way are allowed to finish, so an
/// upload being written is not cut off by a restart.
pub async fn serve(router: Router, addr: SocketAddr) -> Result<(), StartupError> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    // The peer address feeds the per-address limits.
    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
