//! What every administrator's export of one exam shares (its results, its list, its on-site day,
//! its seats): the request (`/api/admin/exams/{code}/<name>.csv` or `.xlsx`), an administrator
//! asking, the exam existing, and the download audited. Each export says only how its table is
//! made.

use std::future::Future;

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use tower_sessions::Session;

use app::domain::record_ids::ExamCode;
use app::domain::ExamDefinition;
use app::error::AppError;
use app::ssr::access::{caller, gate::Admin};
use app::ssr::exams::exam_store;
use app::ssr::ServerState;

use super::error_response;
use super::spreadsheet::{audited_download, SheetFormat, Table};

/// A request for one exam's export: the form the route names, the session and the exam's code.
pub struct ExamExport {
    state: ServerState,
    format: SheetFormat,
    session: Session,
    code: ExamCode,
}

impl FromRequestParts<ServerState> for ExamExport {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &ServerState) -> Result<Self, Response> {
        let Path(code) =
            Path::<ExamCode>::from_request_parts(parts, state).await.map_err(IntoResponse::into_response)?;
        let Extension(format) =
            Extension::<SheetFormat>::from_request_parts(parts, state).await.map_err(IntoResponse::into_response)?;
        let session = Session::from_request_parts(parts, state).await.map_err(IntoResponse::into_response)?;
        Ok(ExamExport { state: state.clone(), format, session, code })
    }
}

impl ExamExport {
    /// The table `table` makes from the exam's definition, as the download `{code}-{name}`.
    pub async fn answer<F, Fut>(self, name: &str, table: F) -> Response
    where
        F: FnOnce(ServerState, ExamDefinition) -> Fut,
        Fut: Future<Output = Result<Table, AppError>>,
    {
        let made = async {
            let admin = caller::from_session::<Admin>(&self.session, &self.state.db).await?;
            let definition = exam_store::load(&self.state.db, &self.code).await?.ok_or(AppError::NotFound)?;
            let table = table(self.state.clone(), definition).await?;
            audited_download(
                &self.state,
                &admin,
                self.code.as_str(),
                &format!("{}-{name}", self.code),
                self.format,
                table,
            )
            .await
        };
        made.await.unwrap_or_else(error_response)
    }
}
