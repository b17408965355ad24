//! The signed-in candidate's documents, their own only: GET /api/exams/{code}/receipt.pdf (上传回执),
//! GET /api/exams/{code}/registration-form.pdf (报名登记表),
//! GET /api/exams/{code}/introduction-letter.pdf (介绍信和党员关系证明信) and GET /api/exams/{code}/ticket.pdf
//! (准考证).

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use tower_sessions::Session;

use app::domain::document_kind::DocumentKind;
use app::domain::record_ids::ExamCode;
use app::error::AppError;
use app::ssr::access::{caller, gate::Candidate};
use app::ssr::ServerState;

use crate::documents::admission_ticket::ticket_pdf;
use crate::documents::font_cell::FontCell;
use crate::documents::introduction_letter::introduction_letter_pdf;
use crate::documents::registration_form::registration_form_pdf;
use crate::documents::upload_receipt::receipt_pdf;

use super::error_response;

/// Every document asks the same first: which candidate is signed in (anyone else is refused);
/// then it is laid out for that account, and each refuses anyone whose application it is not (a
/// free place among the render workers is asked for by the layout itself). Each route carries
/// which document it prints as an extension.
pub async fn candidate_document(
    State(state): State<ServerState>,
    Extension(fonts): Extension<FontCell>,
    Extension(document): Extension<DocumentKind>,
    session: Session,
    Path(code): Path<ExamCode>,
) -> Response {
    let made = async {
        let account = caller::from_session::<Candidate>(&session, &state.db).await?;
        match document {
            DocumentKind::UploadReceipt => receipt_pdf(&state, &fonts, &account, &code).await,
            DocumentKind::RegistrationForm => registration_form_pdf(&state, &fonts, &account, &code).await,
            DocumentKind::IntroductionLetter => introduction_letter_pdf(&state, &fonts, &account, &code).await,
            DocumentKind::AdmissionTicket => ticket_pdf(&state, &fonts, &account, &code).await,
            // Printed at the branch's on-site check, not by the candidate (`routes::on_site_handover`).
            DocumentKind::MaterialHandover => Err(AppError::NotFound),
            // One per order paid, not per exam (`routes::payment_receipt`).
            DocumentKind::PaymentReceipt => Err(AppError::NotFound),
        }
    };
    pdf_response(made.await, &format!("{code}-{}.pdf", document.file_stem()))
}

/// A PDF shown in the browser (and never cached: it is one person's), or the error.
pub fn pdf_response(made: Result<Vec<u8>, AppError>, file_name: &str) -> Response {
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
