//! How large a request body each route takes. One table, read by the routes themselves and by
//! the idempotency layer, which must buffer a keyed request before the route sees it: it reads no
//! more than the route would accept, so a keyed request cannot make the server hold 10 MiB for a
//! server function that takes 64 KiB.

/// The largest body a page form or server function may send.
pub const FORM_BODY_LIMIT_BYTES: usize = 64 * 1024;

/// Room for a multipart form's boundaries and fields around an example picture.
const EXAMPLE_FORM_ROOM_BYTES: usize = 64 * 1024;

/// The largest body an administrator's example picture upload may send.
pub const EXAMPLE_BODY_LIMIT_BYTES: usize = app::ssr::exams::exam_examples::MAX_EXAMPLE_BYTES + EXAMPLE_FORM_ROOM_BYTES;

/// The upload route's path: the one route that takes a candidate's picture.
pub const UPLOAD_PATH: &str = "/api/materials";

/// An eligibility list (tens of thousands of rows, pasted or as an .xlsx sent as base64) is the
/// one server function whose arguments are large.
pub const LIST_BODY_LIMIT_BYTES: usize = 16 * 1024 * 1024;
pub const LIST_PATHS: [&str; 2] = ["/api/admin_import_eligibility", "/api/admin_import_eligibility_sheet"];

/// Whether the request says (`Content-Length`) that its body is longer than `limit`: refused at
/// once, before a byte of it is read.
pub fn declared_past(headers: &axum::http::HeaderMap, limit: usize) -> bool {
    headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok())
        .is_some_and(|length| length > limit as u64)
}

/// The limit of the route at `path`, where uploads may send `max_upload_bytes`.
pub fn for_path(path: &str, max_upload_bytes: u64) -> usize {
    if path == UPLOAD_PATH {
        usize::try_from(max_upload_bytes).unwrap_or(usize::MAX)
    } else if path.starts_with("/api/admin/exams/") && path.ends_with("/examples") {
        EXAMPLE_BODY_LIMIT_BYTES
    } else if LIST_PATHS.contains(&path) {
        LIST_BODY_LIMIT_BYTES
    } else {
        FORM_BODY_LIMIT_BYTES
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_upload_route_takes_a_picture_sized_body() {
        assert_eq!(for_path("/api/materials", 10 << 20), 10 << 20);
        assert_eq!(for_path("/api/save_application", 10 << 20), FORM_BODY_LIMIT_BYTES);
        assert_eq!(for_path("/api/materials/7/file", 10 << 20), FORM_BODY_LIMIT_BYTES);
        assert_eq!(for_path("/api/admin/exams/004/examples", 10 << 20), EXAMPLE_BODY_LIMIT_BYTES);
        assert_eq!(for_path("/api/admin_import_eligibility_sheet", 10 << 20), LIST_BODY_LIMIT_BYTES);
    }
}
