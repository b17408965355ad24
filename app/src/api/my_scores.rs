use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::scores::ExamScoreCard;

/// 考试成绩: the signed-in candidate's own published scores, of every exam or of `exam` alone.
#[server(endpoint = "my_scores", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn my_scores(exam: Option<ExamCode>) -> Result<Vec<ExamScoreCard>, AppError> {
    use crate::ssr::{access::caller, candidate::own_scores};

    let (state, account) = caller::candidate().await?;
    own_scores::own_scores(&state, &account, exam.as_ref()).await
}
