//! Where a person lands after signing in at the registration system (seeds 001 and 003: "在报名
//! 信息处，点击'上传相关材料'按钮 … 授权完成后即可进入报名材料上传界面"): the registration system
//! links to `/auth/oidc/start?next=/exams/003`, and the person arrives on that exam's page, not on
//! 我的考试. Only the site's own candidate pages are taken — 我的考试 and an exam's page — so no
//! address can send a person signing in to another site.

/// The longest return address shown back in a refusal.
const SHOWN_CHARS: usize = 80;

/// The site's page `requested` names, as a path to send the browser to; or why it is refused, in
/// Chinese and English.
pub fn return_path(requested: &str) -> Result<String, (String, String)> {
    if requested == "/" {
        return Ok("/".to_string());
    }
    let exam = requested.strip_prefix("/exams/").filter(|code| is_exam_code(code));
    exam.map(|code| format!("/exams/{code}")).ok_or_else(|| {
        let shown: String = requested.chars().filter(|c| !c.is_control()).take(SHOWN_CHARS).collect();
        (
            format!("登录后的返回地址“{shown}”不是本站的考试页面，未开始登录。请从报名系统重新进入。"),
            format!(
                "The address to return to after signing in, “{shown}”, is not an exam page of this site; \
                 signing in did not begin. Please come in from the registration system again."
            ),
        )
    })
}

/// An exam's code as exam files write it: lower-case letters, digits, - and _.
fn is_exam_code(code: &str) -> bool {
    (1..=32).contains(&code.len())
        && code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exam_page_or_my_exams_is_taken() {
        assert_eq!(return_path("/exams/003").as_deref(), Ok("/exams/003"));
        assert_eq!(return_path("/exams/tax-2027_a").as_deref(), Ok("/exams/tax-2027_a"));
        assert_eq!(return_path("/").as_deref(), Ok("/"));
    }

    #[test]
    fn another_site_or_any_other_address_is_refused_and_named() {
        for foreign in [
            "https://evil.example/exams/003",
            "//evil.example/exams/003",
            "/\\evil.example",
            "/exams/003/../../admin",
            "/exams/003?x=1",
            "/exams/",
            "/admin/exams/003",
            "exams/003",
            "",
        ] {
            let refused = return_path(foreign);
            assert!(refused.is_err(), "{foreign} was taken");
        }
        let (zh, en) = return_path("https://evil.example/").unwrap_err();
        assert!(zh.contains("“https://evil.example/”不是本站的考试页面"), "{zh}");
        assert!(en.contains("“https://evil.example/”, is not an exam page of this site"), "{en}");
    }
}
