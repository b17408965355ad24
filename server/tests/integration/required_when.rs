//! A category only some candidates must upload (issue 66, seed 000's "仅部分考生须上传"): the server
//! refuses 提交审核 without it when the chosen position, the 报考类别 the registration system named
//! or an answer on the form requires it, says which with the reason, and takes the submission once
//! the picture is there or the condition no longer holds.
use crate::support;

use app::ssr::entities::eligible_candidate;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::json;
use support::*;

const TABLES: &str = r#"
[[categories]]
code = "id_photo"
name_zh = "证件照"
name_en = "ID photo"
[categories.rules]
formats = ["jpeg"]
max_count = 1
required = true
[[categories]]
code = "grassroots_work"
name_zh = "2年以上基层工作经历证明材料"
name_en = "Proof of grassroots work"
[categories.rules]
formats = ["jpeg"]
[categories.required_when]
positions = ["tax"]
registration_categories = ["社会人员"]
answers = [{ field = "hukou", is = "本市以外" }]
[[form]]
key = "hukou"
label_zh = "户籍所在地"
label_en = "Household registration"
kind = "choice"
required = true
options = ["本市", "本市以外"]
[[positions]]
code = "tax"
name_zh = "市税务局"
name_en = "Tax bureau"
[[positions.children]]
code = "tax-01"
name_zh = "基层分局一级科员"
name_en = "Clerk"
requirements_zh = "具有2年以上基层工作经历。"
[[positions]]
code = "stats"
name_zh = "市统计局"
name_en = "Statistics bureau"
[[positions.children]]
code = "stats-01"
name_zh = "统计调查员"
name_en = "Surveyor"
requirements_zh = "本科及以上学历。"
"#;

/// A candidate on exam 931 with the pledge accepted and the ID photo uploaded.
async fn candidate_with_photo(app: &TestApp, id_number: &str) -> Browser {
    let candidate = app.new_candidate(id_number).await;
    assert!(candidate.call("accept_pledge", json!({ "code": "931" })).await.status().is_success());
    let photo = candidate.upload_to("931", "id_photo", 1, "me.jpg", samples::jpeg(300, 400)).await;
    assert_eq!(photo.status(), 201, "{}", photo.text().await.unwrap());
    candidate
}

#[tokio::test]
async fn the_position_or_the_answer_that_requires_a_category_refuses_a_submission_without_it_saying_why() {
    let app = spawn_app().await;
    app.add_exam(&open_exam(&app, "931", "", TABLES)).await;
    let alice = candidate_with_photo(&app, ALICE).await;

    let (status, kind, body) =
        error_kind(alice.save_application("931", json!({ "hukou": "本市" }), Some("tax-01"), true).await).await;
    assert_eq!((status, kind.as_str()), (422, "Incomplete"));
    assert_eq!(missing_texts(&body), ["2年以上基层工作经历证明材料：需要 1 张，已上传 0 张（因所选职位要求）"]);

    let (_, _, body) =
        error_kind(alice.save_application("931", json!({ "hukou": "本市以外" }), Some("stats-01"), true).await).await;
    assert_eq!(
        missing_texts(&body),
        ["2年以上基层工作经历证明材料：需要 1 张，已上传 0 张（因“户籍所在地”填写为“本市以外”）"]
    );
    // Nothing is locked by a refusal: the picture can still be added, and then the same submission is taken.
    let page = alice.exam_page_of("931").await;
    assert_eq!(page["state"], "draft", "{page}");
    alice.upload_to("931", "grassroots_work", 1, "proof.jpg", samples::jpeg(400, 300)).await;
    let taken = alice.save_application("931", json!({ "hukou": "本市以外" }), Some("tax-01"), true).await;
    assert!(taken.status().is_success(), "{}", taken.text().await.unwrap());
}

#[tokio::test]
async fn a_category_no_condition_asks_for_is_not_required_and_the_registration_category_can_ask_for_it() {
    let app = spawn_app().await;
    app.add_exam(&open_exam(&app, "931", "", TABLES)).await;
    let alice = candidate_with_photo(&app, ALICE).await;
    let taken = alice.save_application("931", json!({ "hukou": "本市" }), Some("stats-01"), true).await;
    assert!(taken.status().is_success(), "nothing asks ALICE for the proof: {}", taken.text().await.unwrap());

    // BOB's registration names the 报考类别 社会人员, which asks for it whatever he chose or answered.
    let bob = candidate_with_photo(&app, BOB).await;
    eligible_candidate::ActiveModel {
        exam_code: Set("931".into()),
        id_number: Set(BOB.to_string()),
        name: Set("王五".to_string()),
        imported_at: Set(app.clock_now()),
        mobile: Set(None),
        notice_outbox_id: Set(None),
        noticed_at: Set(None),
        extra_days: Set(0),
        category: Set(Some("社会人员".to_string())),
        area: Set(None),
        from_registration_system: Set(true),
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    let (status, _, body) =
        error_kind(bob.save_application("931", json!({ "hukou": "本市" }), Some("stats-01"), true).await).await;
    assert_eq!(status, 422);
    assert_eq!(missing_texts(&body), ["2年以上基层工作经历证明材料：需要 1 张，已上传 0 张（因报考类别为“社会人员”）"]);
}
