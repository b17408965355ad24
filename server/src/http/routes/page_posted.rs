//! A form posted to a page's own address. The pages' forms are sent by the page's code; one sent
//! before that code arrived (or with none at all) posts to the page, so nothing typed goes into
//! an address, and is answered with the page itself (303), its form empty: nothing was done, and
//! the body is read by nobody and logged nowhere.

use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};

pub async fn back_to_the_page(method: Method, uri: Uri) -> Response {
    if method == Method::POST {
        Redirect::to(uri.path()).into_response()
    } else {
        StatusCode::METHOD_NOT_ALLOWED.into_response()
    }
}
