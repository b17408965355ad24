//! Every route of the server and the layers around them, in the order a request passes them:
//! plain routes and the pages, the storage overtime, then idempotency, the staff idle clock, the
//! rate limits, the cross-site guard, admission control, the storage overtime again, the errors
//! in the form asked for, the drain of what was
//! left unread, the payment notices outside those guards,
//! the security headers and compression.

use crate::gateways::official_account::OfficialAccount;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::routing::{get, post};
use axum::{Extension, Router};
use leptos_axum::LeptosRoutes;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_http::CompressionLevel;
use tower_http::LatencyUnit;

use app::domain::document_kind::DocumentKind;
use app::shell;
use app::ssr::payments::sandbox_gateway::SandboxGateway;
use app::ssr::ServerState;

use crate::config::Config;
use crate::documents::font_cell::FontCell;
use crate::http::body_limits;
use crate::http::middleware::admission::{admit, Admission};
use crate::http::middleware::body_limit::limit_body_by_route;
use crate::http::middleware::rate_limit::{limit_by_address, RateLimitState};
use crate::http::middleware::request_metrics::record_request_metrics;
use crate::http::middleware::same_origin::{refuse_cross_site, SameOriginState};
use crate::http::middleware::staff_idle::{end_idle_staff_sessions, StaffIdleState};
use crate::http::middleware::storage_overtime::{answer_in_time, Overtime};
use crate::http::page_context::page_context;
use crate::http::routes::archive_builds::ArchiveBuilds;
use crate::http::routes::audit_export::{audit_export, audit_export_posted};
use crate::http::routes::candidate_documents::candidate_document;
use crate::http::routes::listed_export::listed_export;
use crate::http::routes::my_data::{confirm_deletion, delete_my_account, my_data_archive};
use crate::http::routes::on_site_export::on_site_export;
use crate::http::routes::on_site_handover::on_site_handover;
use crate::http::routes::pay_order::{pay_order, PublicAddress};
use crate::http::routes::payment_notify::payment_notify;
use crate::http::routes::payment_receipt::payment_receipt;
use crate::http::routes::payments_export::payments_export;
use crate::http::routes::positions_export::positions_export;
use crate::http::routes::results_export::results_export;
use crate::http::routes::seats_export::seats_export;
use crate::http::routes::spreadsheet::SheetFormat;
use crate::http::routes::template_preview::template_preview;
use crate::http::routes::{
    example_file::example_file,
    health::health,
    material_file::material_file,
    previous_file::previous_file,
    ready::{ready, ReadyAnswer},
    upload_example::upload_example,
    upload_material::upload_material,
};
use crate::sign_in_provider::provider_client::ProviderSignIn;

mod optional_routes;

pub use optional_routes::metrics_only_router;
use optional_routes::{metrics_route, official_account_routes, provider_sign_in_routes, sandbox_routes};

/// Brotli's (and gzip's) quality for what is compressed as it is sent.
const DYNAMIC_COMPRESSION_QUALITY: i32 = 5;

/// Where the page's code and styles are served (`/pkg`).
fn site_files_path(state: &ServerState) -> String {
    format!("/{}", state.leptos_options.site_pkg_dir.trim_matches('/'))
}

/// The page's code and styles, served as files (brotli or gzip where the browser takes them)
/// rather than through the pages' fallback: that fallback answered a file with the app's 404 now
/// and then while it rendered another request's 404 page at the same moment (a favicon's), and
/// the page never came alive.
fn site_files(state: &ServerState) -> tower_http::services::ServeDir {
    let options = &state.leptos_options;
    let folder = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    tower_http::services::ServeDir::new(folder).precompressed_br().precompressed_gzip()
}

/// Each request's log span: its id (also sent back as `x-request-id`), method and path (never
/// the query, which can carry what the person typed).
fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    let header = |name| request.headers().get(name).and_then(|v: &HeaderValue| v.to_str().ok()).unwrap_or("");
    let (id, client_id) = (header("x-request-id"), header("x-client-request-id"));
    tracing::info_span!("request", id = %id, client_id = %client_id, method = %request.method(), path = %request.uri().path())
}

/// A document's route: its handler, the shared fonts and layout permits, and which document.
fn document_route(documents: &FontCell, document: DocumentKind) -> axum::routing::MethodRouter<ServerState> {
    get(candidate_document)
        .layer::<_, std::convert::Infallible>(axum::Extension(documents.clone()))
        .layer(axum::Extension(document))
}

pub(crate) fn build_router(
    state: ServerState,
    config: &Config,
    sandbox: Option<Arc<SandboxGateway>>,
    documents: FontCell,
    provider_sign_in: Option<Arc<ProviderSignIn>>,
    official_account: Option<Arc<OfficialAccount>>,
) -> Router {
    let max_upload_bytes = config.max_upload_bytes;
    let rate_limit_state = RateLimitState { limits: state.rate_limits.clone(), behind_proxy: config.behind_proxy };
    let overtime = Overtime::new(state.db.clone(), config.storage_deadline());
    let routes = crate::http::page_routes::page_routes();
    let body_limit = usize::try_from(max_upload_bytes).unwrap_or(usize::MAX);
    // Pages and server functions take small forms only; large bodies are for uploads alone.
    let pages = Router::new()
        .leptos_routes_with_context(&state, routes, page_context(state.clone()), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .method_not_allowed_fallback(crate::http::routes::page_posted::back_to_the_page)
        .fallback(leptos_axum::file_and_error_handler_with_context::<ServerState, _>(
            page_context(state.clone()),
            shell,
        ))
        .layer(axum::middleware::from_fn_with_state(max_upload_bytes, limit_body_by_route))
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::http::middleware::notice_first::notice_first))
        .layer(axum::middleware::from_fn(crate::http::middleware::session_holder::note_session_holder));
    Router::new()
        .route("/health", get(health))
        .route("/ready", get(ready).layer(Extension(ReadyAnswer::default())))
        .merge(metrics_route(config))
        .route(body_limits::UPLOAD_PATH, post(upload_material).layer(DefaultBodyLimit::max(body_limit)))
        .route("/api/materials/{id}/file", get(material_file))
        .route("/api/materials/{id}/thumb", get(crate::http::routes::material_thumbnail::material_thumbnail))
        .route("/api/materials/{id}/previous", get(previous_file))
        .route("/api/admin/exams/{code}/results.csv", get(results_export).layer(Extension(SheetFormat::Csv)))
        .route("/api/admin/exams/{code}/results.xlsx", get(results_export).layer(Extension(SheetFormat::Xlsx)))
        .route("/api/admin/exams/{code}/listed.csv", get(listed_export).layer(Extension(SheetFormat::Csv)))
        .route("/api/admin/exams/{code}/listed.xlsx", get(listed_export).layer(Extension(SheetFormat::Xlsx)))
        .route("/api/admin/exams/{code}/on-site.csv", get(on_site_export).layer(Extension(SheetFormat::Csv)))
        .route("/api/admin/exams/{code}/on-site.xlsx", get(on_site_export).layer(Extension(SheetFormat::Xlsx)))
        .route("/api/exams/{code}/examples/{name}", get(example_file))
        .route("/api/exams/{code}/positions.xlsx", get(positions_export))
        .route("/api/admin/exams/{code}/payments.csv", get(payments_export).layer(Extension(SheetFormat::Csv)))
        .route("/api/admin/exams/{code}/payments.xlsx", get(payments_export).layer(Extension(SheetFormat::Xlsx)))
        .route("/api/admin/exams/{code}/seats.csv", get(seats_export).layer(Extension(SheetFormat::Csv)))
        .route("/api/admin/audit.csv", get(audit_export).post(audit_export_posted).layer(Extension(SheetFormat::Csv)))
        .route("/api/admin/audit.xlsx", get(audit_export).post(audit_export_posted).layer(Extension(SheetFormat::Xlsx)))
        .route("/api/admin/exams/{code}/seats.xlsx", get(seats_export).layer(Extension(SheetFormat::Xlsx)))
        .route("/api/exams/{code}/receipt.pdf", document_route(&documents, DocumentKind::UploadReceipt))
        .route("/api/exams/{code}/registration-form.pdf", document_route(&documents, DocumentKind::RegistrationForm))
        .route(
            "/api/exams/{code}/introduction-letter.pdf",
            document_route(&documents, DocumentKind::IntroductionLetter),
        )
        .route("/api/exams/{code}/ticket.pdf", document_route(&documents, DocumentKind::AdmissionTicket))
        .route(
            "/api/payments/{order_no}/receipt.pdf",
            get(payment_receipt).layer::<_, std::convert::Infallible>(axum::Extension(documents.clone())),
        )
        .route(
            "/api/on-site/{code}/{application}/handover.pdf",
            get(on_site_handover).layer::<_, std::convert::Infallible>(axum::Extension(documents.clone())),
        )
        .route(
            "/api/admin/exams/{code}/templates/{document}/preview.pdf",
            get(template_preview).layer(axum::Extension(documents.clone())),
        )
        .nest_service(&site_files_path(&state), site_files(&state))
        .merge(sandbox_routes(sandbox, config))
        .merge(provider_sign_in_routes(provider_sign_in))
        .merge(official_account_routes(official_account))
        .route("/api/my-data.zip", get(my_data_archive).layer(Extension(ArchiveBuilds::new(config))))
        .route("/account/delete", post(delete_my_account).get(confirm_deletion))
        .route("/account/id-validity", post(crate::http::routes::id_validity_update::update_id_validity))
        .route("/exams/{code}/notice/accept", post(crate::http::routes::notice_accept::accept_notice_form))
        .route(
            "/exams/{code}/confirm/{category}",
            get(crate::http::routes::photo_confirmation::confirmation_page)
                .post(crate::http::routes::photo_confirmation::confirm_photo),
        )
        .route("/exams/{code}/fee-order", post(crate::http::routes::fee_order_forms::create_order_form))
        .route("/exams/{code}/fee-order/close", post(crate::http::routes::fee_order_forms::close_order_form))
        .route("/pay/{order_no}", get(pay_order).layer(Extension(PublicAddress(config.public_address()))))
        .route(
            "/api/admin/exams/{code}/examples",
            post(upload_example).layer(DefaultBodyLimit::max(body_limits::EXAMPLE_BODY_LIMIT_BYTES)),
        )
        .merge(pages)
        // Around the handlers: one past the storage deadline while the database is silent is
        // answered 503, and the idempotency layer lets its key go as for any 503.
        .layer(axum::middleware::from_fn_with_state(overtime.clone(), answer_in_time))
        // Innermost guard: after the origin and rate checks, with the session at hand.
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::http::middleware::idempotency::apply_once))
        // Before the idempotency layer buffers a body: a large one only from an administrator.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::http::middleware::admin_bodies::large_bodies_from_administrators_only,
        ))
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
        // Before any work: past the server's capacity a request is told at once to come back.
        .layer(axum::middleware::from_fn_with_state(
            Admission::new(config.admission_in_flight, Duration::from_millis(config.admission_wait_ms)),
            admit,
        ))
        // Around every guard that reads the session and the idempotency books: none of their
        // queries holds a person past the deadline while the database is silent either.
        .layer(axum::middleware::from_fn_with_state(overtime, answer_in_time))
        // Outermost: notes the form the client asked for, in which every layer and route above
        // writes its errors.
        .layer(axum::middleware::from_fn(crate::http::middleware::error_wire::errors_as_asked))
        // Around all of them: what a layer or route answered without reading is read and dropped
        // before the answer goes, so the connection stays fit for the next request.
        .layer(axum::middleware::from_fn_with_state(
            max_upload_bytes,
            crate::http::middleware::unread_body::drain_unread_bodies,
        ))
        // A gateway's notifications come from its servers, with no session and in the gateway's
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
        .layer(axum::middleware::from_fn(record_request_metrics))
        // One line per request at `info` (`ZIGE_LOG_FORMAT=json`: one JSON object), in a span
        // holding the request's id, which the response carries back as `x-request-id`.
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO).latency_unit(LatencyUnit::Millis)),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        // Outside the id's layer, so the id is always the server's own.
        .layer(axum::middleware::map_request(crate::http::middleware::client_request_id::set_aside_client_request_id))
        .with_state(state)
}
