//! The signed-in candidate's documents, their own only: GET /api/exams/{code}/receipt.pdf (上传回执),
//! GET /api/exams/{code}/registration-form.pdf (报名登记表) and GET /api/exams/{code}/ticket.pdf
//! (准考证).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use tokio::sync::{OnceCell, OwnedSemaphorePermit, Semaphore};
use tower_sessions::Session;

use app::error::AppError;
use app::ssr::access::session_user::user_from_session;
use app::ssr::ServerState;

use crate::documents::admission_ticket::ticket_pdf;
use crate::documents::fonts::DocumentFonts;
use crate::documents::registration_form::registration_form_pdf;
use crate::documents::upload_receipt::receipt_pdf;

use super::error_response;

/// The document fonts, loaded on first use (60 MB of Noto CJK that a server printing nothing need
/// not read); a missing font folder is said on every request until it is installed. And the
/// permits to lay out: Typst is CPU work, so no more documents at once than the machine has cores,
/// and a crowd waits its turn briefly, then hears "busy" instead of stalling every other request.
#[derive(Clone)]
pub struct FontCell {
    pub dir: PathBuf,
    pub fonts: Arc<OnceCell<Arc<DocumentFonts>>>,
    pub layouts: Arc<Semaphore>,
}

/// How long a document waits for a free core before the answer is "busy, try again".
const LAYOUT_WAIT: Duration = Duration::from_secs(5);

impl FontCell {
    pub fn new(dir: PathBuf) -> FontCell {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        FontCell { dir, fonts: Arc::new(OnceCell::new()), layouts: Arc::new(Semaphore::new(cores)) }
    }

    pub async fn get(&self) -> Result<Arc<DocumentFonts>, AppError> {
        let dir = self.dir.clone();
        self.fonts
            .get_or_try_init(|| async move {
                tokio::task::spawn_blocking(move || DocumentFonts::load(&dir).map(Arc::new))
                    .await
                    .map_err(|e| e.to_string())?
            })
            .await
            .cloned()
            .map_err(|e| app::ssr::internal("document fonts", e))
    }

    /// A permit to lay out one document, held until it is done.
    pub async fn permit(&self) -> Result<OwnedSemaphorePermit, AppError> {
        match tokio::time::timeout(LAYOUT_WAIT, self.layouts.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(permit),
            _ => Err(AppError::Busy { retry_after_secs: 2 }),
        }
    }
}

/// Which document a route prints; each route carries its own as an extension.
#[derive(Clone, Copy)]
pub enum CandidateDocument {
    UploadReceipt,
    RegistrationForm,
    AdmissionTicket,
}

impl CandidateDocument {
    /// The file name's ending, after the exam code.
    fn file_stem(self) -> &'static str {
        match self {
            CandidateDocument::UploadReceipt => "upload-receipt",
            CandidateDocument::RegistrationForm => "registration-form",
            CandidateDocument::AdmissionTicket => "admission-ticket",
        }
    }
}

/// Every document asks the same first: who is signed in, a free core, the fonts; then it is laid
/// out for that account (each refuses anyone whose application it is not).
pub async fn candidate_document(
    State(state): State<ServerState>,
    Extension(fonts): Extension<FontCell>,
    Extension(document): Extension<CandidateDocument>,
    session: Session,
    Path(code): Path<String>,
) -> Response {
    let made = async {
        let account = user_from_session(&session, &state.db).await?;
        let _permit = fonts.permit().await?;
        let fonts = fonts.get().await?;
        match document {
            CandidateDocument::UploadReceipt => receipt_pdf(&state, fonts, &account, &code).await,
            CandidateDocument::RegistrationForm => registration_form_pdf(&state, fonts, &account, &code).await,
            CandidateDocument::AdmissionTicket => ticket_pdf(&state, fonts, &account, &code).await,
        }
    };
    pdf_response(made.await, &format!("{code}-{}.pdf", document.file_stem()))
}

/// A PDF shown in the browser (and never cached: it is one person's), or the error.
fn pdf_response(made: Result<Vec<u8>, AppError>, file_name: &str) -> Response {
    match made {
        Ok(pdf) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_string()),
                (header::CONTENT_DISPOSITION, format!("inline; filename=\"{file_name}\"")),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
            ],
            pdf,
        )
            .into_response(),
        Err(error) => error_response(error),
    }
}
