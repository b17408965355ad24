use leptos::prelude::*;

use crate::error::AppError;
use crate::models::ExamWithMaterials;

/// One exam's categories with the signed-in candidate's own images in each.
#[server(endpoint = "exam_page", input = leptos::server_fn::codec::Json)]
pub async fn exam_page(code: String) -> Result<ExamWithMaterials, AppError> {
    use crate::models::CategoryWithMaterials;
    use crate::ssr::{exams, materials, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            let account = session_user::request_user(&state.db).await?;
            let definition = exams::load(&state.db, &code).await?.ok_or(AppError::NotFound)?;
            let mut mine = materials::list_for_exam(&state, account.id, &code).await?;
            let categories = definition
                .categories
                .iter()
                .map(|category| {
                    let (own, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut mine).into_iter().partition(|m| m.category == category.code);
                    mine = rest;
                    CategoryWithMaterials { definition: category.clone(), materials: own }
                })
                .collect();
            Ok(ExamWithMaterials { exam: exams::summary_of(&definition), categories })
        }
        .await,
    )
}
