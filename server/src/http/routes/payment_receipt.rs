//! GET /api/payments/{order_no}/receipt.pdf: the 缴费凭证 of one of the signed-in candidate's paid
//! orders (缴费记录); anyone else's order is not found.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Extension;
use tower_sessions::Session;

use app::ssr::access::{caller, gate::Candidate};
use app::ssr::ServerState;

use crate::documents::font_cell::FontCell;
use crate::documents::payment_receipt::payment_receipt_pdf;

use super::candidate_documents::pdf_response;

pub async fn payment_receipt(
    State(state): State<ServerState>,
    Extension(fonts): Extension<FontCell>,
    session: Session,
    Path(order_no): Path<String>,
) -> Response {
    let made = async {
        let account = caller::from_session::<Candidate>(&session, &state.db).await?;
        payment_receipt_pdf(&state, &fonts, &account, &order_no).await
    };
    // The name is used only once the order was found the caller's: then it is one of ours ("ZG…").
    pdf_response(made.await, &format!("{order_no}-payment-receipt.pdf"))
}
