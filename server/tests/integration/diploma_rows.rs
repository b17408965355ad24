//! 高等教育学历 on the server (seed 004 section 四): the rows are judged again whatever the page
//! sent, each problem naming its row; a draft keeps them exactly as typed, and 提交审核 is refused
//! until they pass.
use crate::support;

use serde_json::{json, Value};
use support::*;

/// A bachelor's row whose number says 2011 for a diploma of July 2012; cells apart by a tab,
/// the level left empty in the second row (a first cell may be empty).
const TYPED: &str =
    "大学本科\t山东大学\t法学\t2008-09\t2012-07\t104221201105001234\n\t山东大学\t公共管理\t2013-09\t2016-07\t";

#[tokio::test]
async fn rows_are_judged_again_by_the_server_kept_as_typed_and_refused_on_submission_until_they_pass() {
    let app = spawn_app().await;
    // The demo candidate, listed for the demo exam of preset 004.
    let candidate = app.browser();
    assert!(candidate.log_in("44030519900101123X", "zige-demo-2026").await.status().is_success());
    assert!(candidate.call("accept_pledge", json!({ "code": "004" })).await.status().is_success());

    // A draft: what is wrong is named, what is unfinished is not (yet).
    let problems: Value =
        candidate.save_application("004", json!({ "diplomas": TYPED }), None, false).await.json().await.unwrap();
    let problems: Vec<&str> = problems.as_array().unwrap().iter().map(|p| p["message_zh"].as_str().unwrap()).collect();
    assert_eq!(problems, ["高等教育学历：第 1 行：证书编号第 7–10 位为毕业年份 2011，与毕业时间 2012年7月 不符"]);
    assert_eq!(candidate.exam_page_of("004").await["form"]["diplomas"], TYPED, "kept exactly, tabs and all");

    // 提交审核: the same problem, and now the second row's empty cells too.
    let (_, kind, body) =
        error_kind(candidate.save_application("004", json!({ "diplomas": TYPED }), None, true).await).await;
    assert_eq!(kind, "Incomplete");
    let missing = missing_texts(&body);
    for expected in [
        "个人信息：高等教育学历：第 1 行：证书编号第 7–10 位为毕业年份 2011，与毕业时间 2012年7月 不符",
        "个人信息：高等教育学历：第 2 行：请填写学历",
        "个人信息：高等教育学历：第 2 行：请填写证书编号",
    ] {
        assert!(missing.contains(&expected.to_string()), "{expected} not in {missing:?}");
    }

    // No row at all: one is asked for.
    let (_, _, body) = error_kind(candidate.save_application("004", json!({ "diplomas": "" }), None, true).await).await;
    assert!(missing_texts(&body).contains(&"个人信息：请填写高等教育学历（至少一行）".to_string()));
}
