//! Plain HTTP routes beside the server functions: the upload (multipart with progress), the
//! picture bytes, the printed documents and their templates' previews, the exports, the payment gateways, and a health check.

pub mod archive_builds;
pub mod audit_export;
pub mod candidate_documents;
pub mod exam_export;
pub mod example_file;
pub mod fee_order_forms;
pub mod health;
pub mod id_validity_update;
pub mod listed_export;
pub mod material_file;
pub mod material_thumbnail;
pub mod metrics;
pub mod my_data;
pub mod notice_accept;
pub mod official_account_binding;
pub mod on_site_export;
pub mod on_site_handover;
pub mod page_posted;
pub mod pay_order;
pub mod payment_notify;
pub mod payment_receipt;
pub mod payments_export;
pub mod photo_confirmation;
pub mod plain_page;
pub mod positions_export;
pub mod previous_file;
pub mod provider_number_claim;
pub mod provider_sign_in;
pub mod provider_sign_out;
pub mod ready;
pub mod results_export;
pub mod sandbox_cashier;
pub mod seats_export;
pub mod spreadsheet;
pub mod template_preview;
pub mod upload_example;
pub mod upload_material;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use app::api::wire::POSTCARD;
use app::error::AppError;

use crate::http::middleware::error_wire::asked_for_postcard;

/// An `AppError` as an HTTP response: its own status (and `Retry-After`), and the error written
/// once, in the form the request asked for: postcard for the app's pages, JSON for anyone else.
pub fn error_response(error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let retry_after = error.retry_after_secs();
    let mut response = if asked_for_postcard() {
        (status, [(header::CONTENT_TYPE, POSTCARD)], error.to_postcard()).into_response()
    } else {
        (status, Json(error)).into_response()
    };
    let headers = response.headers_mut();
    if let Some(seconds) = retry_after {
        headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    headers.append(header::VARY, HeaderValue::from_static("accept"));
    response
}

/// Picture bytes with the type we detected (never guessed by the browser) and a sandbox, so a
/// crafted file cannot run as a page.
pub fn file_response(format: app::domain::FileFormat, bytes: Vec<u8>, cache_control: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, format.mime_type()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::CACHE_CONTROL, cache_control),
            (header::CONTENT_DISPOSITION, "inline"),
            (header::CONTENT_SECURITY_POLICY, "default-src 'none'; sandbox"),
        ],
        bytes,
    )
        .into_response()
}
