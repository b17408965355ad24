//! Builds the application from configuration: database (migrated), blob store, sessions,
//! routes. Used by `main` and by the integration tests, which start it on port 0.

use std::sync::Arc;
use std::time::Duration;

use axum::http::{header, HeaderValue};
use axum::Router;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::session_store::ExpiredDeletion;
use tower_sessions::{Expiry, SessionManagerLayer};

use app::ssr::assistant::assistant_state::PictureAssistant;
use app::ssr::infra::decode_budget::DecodeBudget;
use app::ssr::infra::payment_gateway::{Gateways, PaymentGateway};
use app::ssr::payments::sandbox_gateway::SandboxGateway;
use app::ssr::ServerState;
use app::ssr::{infra::clock::Clock, infra::clock::SystemClock};
use app::ssr::{infra::limit_settings::LimitSettings, infra::rate_limits::RateLimits};

use crate::config::Config;
use crate::documents::font_cell::FontCell;
use crate::documents::layout_check::TypstLayouts;
use crate::documents::render_pool::{RenderPool, WorkerSettings};
use crate::outbox::mailer::{EmailSender, LoggingMailer, SmtpMailer};
use crate::outbox::outbox_worker::{self, Senders};
use crate::stores::session_store::SeaOrmSessionStore;
use crate::stores::storage::{open_blob_store, open_database};

/// A session ends after this long without a request.
const SESSION_IDLE_HOURS: i64 = 8;

pub type StartupError = Box<dyn std::error::Error + Send + Sync>;

pub struct Prepared {
    pub state: ServerState,
    pub router: Router,
    /// The simulated payment gateway, when configured (tests sign notifications with it).
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
    // Figures are recorded from the start, whether or not anything scrapes them yet.
    crate::telemetry::metrics_recorder::handle();
    if let Some(address) = config.metrics_listen {
        crate::http::serving::serve_metrics_alone(address).await?;
    }
    let session_key = crate::config::session_key::session_key(config).await?;
    let db = open_database(config).await?;
    let blobs: Arc<dyn app::ssr::infra::blob_store::BlobStore> =
        Arc::new(crate::stores::timed_blob_store::TimedBlobStore(open_blob_store(config).await?));
    let rate_limits = Arc::new(RateLimits::new(if config.rate_limits {
        LimitSettings::default().shared_among(config.servers)
    } else {
        LimitSettings::unlimited()
    }));
    crate::process::background_tasks::spawn_watching_the_database(db.clone());
    crate::process::background_tasks::spawn_forgetting_idle_buckets(rate_limits.clone());
    crate::process::background_tasks::spawn_hourly_sweep(db.clone(), blobs.clone(), config.outbox_keep_days);
    warn_when_no_administrator(&db).await?;
    let decode_budget = Arc::new(DecodeBudget::new(
        config.decode_budget_mb,
        std::thread::available_parallelism().map_or(1, usize::from),
        Duration::from_millis(config.decode_wait_ms),
    ));
    // The sandbox's key comes from the session key, so every server of an installation believes
    // the notifications any of them signed.
    let sandbox = config.payment_sandbox.then(|| {
        Arc::new(SandboxGateway::from_seed(crate::config::session_key::derived_seed(
            b"zige sandbox gateway",
            &session_key,
        )))
    });
    let mut gateways = crate::gateways::payments::payment_settings::gateways(config)?;
    if let Some(sandbox) = &sandbox {
        gateways.push(sandbox.clone() as Arc<dyn PaymentGateway>);
    }
    let ticket_keys = Arc::new(
        app::ssr::tickets::ticket_keys::load_or_create(
            &db,
            crate::config::session_key::legacy_ticket_seed(&session_key),
            clock.now(),
        )
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
    let provider_sign_in = crate::sign_in_provider::provider_settings::ProviderSettings::from_config(config)?
        .map(|settings| Arc::new(crate::sign_in_provider::provider_client::ProviderSignIn::new(settings)));
    let official_account =
        crate::gateways::official_account::official_account_settings::OfficialAccountSettings::from_config(config)?
            .map(crate::gateways::official_account::OfficialAccount::new);
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
        assistant: Arc::new(PictureAssistant::new(tesseract(&config.tesseract))),
        public_address: config.public_address(),
        provider_sign_in: provider_sign_in.is_some(),
        sign_up_code: config.sign_up_code_template().is_some(),
        official_account: official_account.is_some(),
    };
    if config.is_public() {
        let open = crate::demo_data::still_open_with_published_passwords(&db).await.map_err(|e| e.message_en())?;
        if !open.is_empty() {
            return Err(format!(
                "the demo accounts {} still open with the passwords the README publishes, on a server the public \
                 reaches (an https ZIGE_PUBLIC_URL): change their passwords or disable them first (on a copy \
                 of this installation without ZIGE_PUBLIC_URL), or set ZIGE_TEST_INSTALLATION=true if no \
                 candidate uses this server",
                open.join(", ")
            )
            .into());
        }
    }
    if config.seed_demo {
        crate::demo_data::ensure_demo_data(&state).await.map_err(|e| format!("demo data: {e}"))?;
    }
    // When each listed number was told, for an installation from before the ledger (issue 64).
    let remembered = app::ssr::exams::told_numbers::remember_rows_told_before(&db, state.clock.now())
        .await
        .map_err(|e| format!("the told numbers' ledger: {}", e.message_en()))?;
    if remembered > 0 {
        tracing::info!(remembered, "listed numbers told before the ledger existed are in it now");
    }
    crate::process::background_tasks::spawn_payment_checks(state.clone());
    crate::process::background_tasks::spawn_personal_data_deletion(state.clone());
    tokio::spawn(app::ssr::assistant::picture_assistant::keep_looking(state.clone()));
    outbox_worker::spawn(
        db.clone(),
        clock,
        senders(config, official_account.clone())?,
        Duration::from_millis(config.outbox_poll_ms.max(10)),
    );

    let store = SeaOrmSessionStore::new(db);
    tokio::spawn(store.clone().continuously_delete_expired(Duration::from_secs(3600)));
    let sessions = SessionManagerLayer::new(store)
        .with_name("zige_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.serves_https())
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(SESSION_IDLE_HOURS)))
        .with_signed(session_key);

    let mut router = crate::http::router::build_router(
        state.clone(),
        config,
        sandbox.clone(),
        documents.clone(),
        provider_sign_in,
        official_account,
    )
    .layer(sessions)
    .layer(axum::middleware::from_fn(crate::http::middleware::session_saved::busy_when_the_session_was_not_saved));
    if config.serves_https() {
        // Browsers that reached the app over https once never try plain http again for a year.
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ));
    }
    Ok(Prepared { state, router, sandbox, documents })
}

/// The tesseract to read ID numbers with, found where configuration says; none (and said so) when
/// it is not installed.
fn tesseract(configured: &str) -> Option<std::path::PathBuf> {
    if configured.is_empty() {
        return None;
    }
    let found = if configured.contains('/') {
        Some(std::path::PathBuf::from(configured)).filter(|p| p.is_file())
    } else {
        std::env::var_os("PATH")
            .into_iter()
            .flat_map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
            .map(|dir| dir.join(configured))
            .find(|p| p.is_file())
    };
    if found.is_none() {
        tracing::warn!(configured, "ID numbers are not read: no tesseract (install Debian's tesseract-ocr)");
    }
    found
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

/// SMTP when configured, the log otherwise; texts through the configured SMS gateway (`sms`);
/// the 公众号's messages where one is configured.
fn senders(
    config: &Config,
    official_account: Option<Arc<crate::gateways::official_account::OfficialAccount>>,
) -> Result<Senders, StartupError> {
    let email: Arc<dyn EmailSender> = match &config.smtp_url {
        Some(url) => Arc::new(SmtpMailer::new(url, &config.mail_from)?),
        None => Arc::new(LoggingMailer),
    };
    Ok(Senders { email, sms: crate::gateways::sms::sms_settings::gateway(config)?, official_account })
}
