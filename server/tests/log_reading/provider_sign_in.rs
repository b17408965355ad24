//! Seed 003's way in (issue 52): candidates sign in with the registration system's account, at
//! the authority's identity provider — here npm's `oidc-provider`, OpenID Certified, run by node
//! on loopback (`support::oidc`). The first sign-in makes the Zige account from the signed
//! claims; later ones find it by the provider's identity. What must be refused is refused with
//! words for the person, and nothing is made: a wrong `state`, a code used twice, a cancelled
//! sign-in, an ID token expired, signed for another client, altered after signing or signed by a
//! key the provider never published, claims without a valid ID number, an unreachable provider, an ID number that is
//! already an account's (joined only by its owner, signed in with the password) or a staff
//! member's. Keys rotated at the provider are fetched again; claims the ID token leaves out come
//! from userinfo; the log never holds a code or a token.
use crate::support;

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};
use support::oidc::{free_port, sign_in_at_provider, OidcProvider, CLIENT_ID, CLIENT_SECRET};
use support::*;

/// 张三 at the registration system: their login there is not their ID number.
const ZHANG: &str = "110101199003074258";

struct Site {
    app: TestApp,
    provider: OidcProvider,
}

/// A server whose candidates may sign in through a provider on its own port, which holds the
/// registration system's accounts `accounts`; `settings` are the provider's own (`OIDC_*`).
async fn site(accounts: Value, settings: &[(&str, &str)]) -> Site {
    let port = free_port();
    let keys = tempfile::tempdir().unwrap();
    let secret_file = keys.path().join("oidc-secret");
    std::fs::write(&secret_file, format!("{CLIENT_SECRET}\n")).unwrap();
    let app = spawn_app_at(|c, address| {
        c.public_url = Some(format!("http://{address}"));
        c.oidc_issuer = Some(format!("http://127.0.0.1:{port}"));
        c.oidc_client_id = Some(CLIENT_ID.to_string());
        c.oidc_client_secret_file = Some(secret_file);
        c.oidc_scopes = "profile phone identity".to_string();
    })
    .await;
    drop(keys);
    let redirect = app.url("/auth/oidc/callback");
    let provider = OidcProvider::start(port, &redirect, accounts, settings).await;
    Site { app, provider }
}

fn account(login: &str, password: &str, name: &str, id_number: Option<&str>) -> Value {
    json!({ "id": login, "password": password, "name": name, "phone_number": "+8613800138001", "id_number": id_number })
}

/// Signs in through the provider in `browser`, to the callback; the callback's answer.
async fn through_provider(site: &Site, browser: &Browser, login: &str, password: &str) -> (String, reqwest::Response) {
    let callback = provider_step(site, browser, login, password).await;
    let answer = browser.http.get(&callback).send().await.unwrap();
    (callback, answer)
}

/// From Zige's 用报名系统账号登录 to the provider's answer: the callback address it sends back.
async fn provider_step(site: &Site, browser: &Browser, login: &str, password: &str) -> String {
    provider_step_from(site, browser, "/auth/oidc/start", login, password).await
}

async fn provider_step_from(site: &Site, browser: &Browser, start: &str, login: &str, password: &str) -> String {
    let start = browser.get(start).await;
    assert_eq!(start.status(), 303, "Zige sends the browser to the provider");
    let authorize = start.headers()["location"].to_str().unwrap().to_string();
    assert!(authorize.starts_with(&site.provider.issuer), "{authorize}");
    for part in ["code_challenge=", "code_challenge_method=S256", "state=", "nonce=", "client_id=zige"] {
        assert!(authorize.contains(part), "the request carries {part}: {authorize}");
    }
    sign_in_at_provider(&browser.http, &authorize, login, password).await
}

fn location(answer: &reqwest::Response) -> &str {
    answer.headers().get("location").map(|l| l.to_str().unwrap()).unwrap_or_default()
}

async fn me(browser: &Browser) -> Value {
    browser.call("current_user", json!({})).await.json().await.unwrap()
}

async fn accounts_with(app: &TestApp, id_number: &str) -> u64 {
    app::ssr::entities::user::Entity::find()
        .filter(app::ssr::entities::user::Column::IdNumber.eq(id_number))
        .count(&app.state.db)
        .await
        .unwrap()
}

async fn identities(app: &TestApp) -> u64 {
    app::ssr::entities::provider_identity::Entity::find().count(&app.state.db).await.unwrap()
}

#[tokio::test]
async fn a_candidate_signs_in_with_the_registration_system_s_account_and_finds_it_again() {
    captured_log::captured_log();
    let site = site(json!([account("wb001", "wangbao-1", "张三", Some(ZHANG))]), &[]).await;
    let app = &site.app;

    let browser = Browser::stepping(app.url(""));
    let (callback, answer) = through_provider(&site, &browser, "wb001", "wangbao-1").await;
    assert_eq!((answer.status().as_u16(), location(&answer)), (303, "/"), "signed in, sent to 我的考试");
    let signed_in = me(&browser).await;
    assert_eq!(signed_in["name"], "张三");
    assert_eq!(signed_in["role"], "candidate");
    assert_eq!(accounts_with(app, ZHANG).await, 1);
    let made = app::ssr::accounts::account_store::find_by_id_number(&app.state.db, ZHANG).await.unwrap().unwrap();
    assert_eq!(made.mobile, "13800138001", "the provider's +86 number, as Zige keeps numbers");
    // No password opens it: the provider does.
    assert!(!Browser::at(app.url("")).log_in(ZHANG, "!").await.status().is_success());

    // The same answer a second time: nothing begun, nothing signed in.
    let again = Browser::stepping(app.url(""));
    let replayed = again.http.get(&callback).send().await.unwrap();
    assert_eq!(replayed.status(), 400);
    assert!(replayed.text().await.unwrap().contains("此次登录已过期或已完成"));
    assert!(me(&again).await.is_null());
    // Nor does the used code work when a new sign-in is begun in that browser.
    let fresh_start = again.get("/auth/oidc/start").await;
    let fresh_state = reqwest::Url::parse(location(&fresh_start))
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    let old_code = reqwest::Url::parse(&callback)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    let replay = again.get(&format!("/auth/oidc/callback?code={old_code}&state={fresh_state}")).await;
    assert_eq!(replay.status(), 400);
    assert!(replay.text().await.unwrap().contains("授权码无效或已使用"));
    assert!(me(&again).await.is_null());

    // Another day, another browser: the same account, found by the provider's identity.
    let later = Browser::stepping(app.url(""));
    let (_, answer) = through_provider(&site, &later, "wb001", "wangbao-1").await;
    assert_eq!(answer.status(), 303);
    assert_eq!(me(&later).await, signed_in, "signed in, to the same account");
    assert_eq!((accounts_with(app, ZHANG).await, identities(app).await), (1, 1));
    let audited = support::fees::audit_actions(app).await;
    assert_eq!(audited.iter().filter(|a| *a == "provider_identity_linked").count(), 1);

    // The provider rotates its signing key: Zige fetches the new one and the sign-in works.
    site.provider.rotate_keys().await;
    let after_rotation = Browser::stepping(app.url(""));
    let (_, answer) = through_provider(&site, &after_rotation, "wb001", "wangbao-1").await;
    assert_eq!(answer.status(), 303, "{}", answer.text().await.unwrap_or_default());
    assert_eq!(me(&after_rotation).await, signed_in, "signed in, to the same account");

    // Nothing that signs in reached the log: not the code, not the state.
    let log = captured_log::captured_text();
    assert!(!log.contains(&old_code) && !log.contains(&fresh_state), "a code or a state in the log");
}

#[tokio::test]
async fn the_registration_system_s_link_lands_the_candidate_on_the_exam_it_names_and_never_on_another_site() {
    let site = site(json!([account("wb001", "wangbao-1", "张三", Some(ZHANG))]), &[]).await;
    let app = &site.app;

    // 上传相关材料 at the registration system: signed in, on that exam's page.
    let browser = Browser::stepping(app.url(""));
    let callback = provider_step_from(&site, &browser, "/auth/oidc/start?next=/exams/003", "wb001", "wangbao-1").await;
    let answer = browser.http.get(&callback).send().await.unwrap();
    assert_eq!((answer.status().as_u16(), location(&answer)), (303, "/exams/003"));
    assert_eq!(me(&browser).await["name"], "张三");

    // The next sign-in in that browser, begun without one, lands on 我的考试.
    let (_, answer) = through_provider(&site, &browser, "wb001", "wangbao-1").await;
    assert_eq!((answer.status().as_u16(), location(&answer)), (303, "/"));

    // An address off the site is refused before anything begins, and named.
    let stranger = Browser::stepping(app.url(""));
    let refused = stranger.get("/auth/oidc/start?next=https://evil.example/exams/003").await;
    assert_eq!(refused.status(), 400);
    let page = refused.text().await.unwrap();
    assert!(page.contains("登录后的返回地址“https://evil.example/exams/003”不是本站的考试页面"), "{page}");
    assert!(page.contains("is not an exam page of this site"), "{page}");
    for foreign in ["//evil.example/", "/admin/exams/003"] {
        let refused = stranger.get(&format!("/auth/oidc/start?next={foreign}")).await;
        assert_eq!(refused.status(), 400, "{foreign}");
    }
    assert!(me(&stranger).await.is_null());
}

#[tokio::test]
async fn what_must_be_refused_is_refused_in_words_and_nothing_is_made() {
    let site = site(
        json!([
            account("nonumber", "pass-1", "无号", None),
            account("badnumber", "pass-2", "错号", Some("110101199003074250")),
            account("staff", "pass-3", "审核员", Some(REVIEWER.0)),
            account("alice", "pass-4", "考生", Some(ALICE)),
        ]),
        &[],
    )
    .await;
    let app = &site.app;
    let refused = |answer: reqwest::Response, status: u16, words: &'static str| async move {
        assert_eq!(answer.status(), status);
        let page = answer.text().await.unwrap();
        assert!(page.contains(words), "{words} in {page}");
    };

    // A forged or crossed answer: the state is not this browser's.
    let browser = Browser::stepping(app.url(""));
    let callback = provider_step(&site, &browser, "nonumber", "pass-1").await;
    let forged = callback.replace("state=", "state=x");
    refused(browser.http.get(&forged).send().await.unwrap(), 400, "不一致").await;
    // The person cancelled at the provider.
    let browser = Browser::stepping(app.url(""));
    let start = browser.get("/auth/oidc/start").await;
    let state = reqwest::Url::parse(location(&start))
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .into_owned();
    let cancelled = browser.get(&format!("/auth/oidc/callback?error=access_denied&state={state}")).await;
    refused(cancelled, 400, "未同意登录（access_denied）").await;
    // Claims without an ID number, or with a wrong one.
    let browser = Browser::stepping(app.url(""));
    refused(through_provider(&site, &browser, "nonumber", "pass-1").await.1, 400, "未提供证件号码").await;
    let browser = Browser::stepping(app.url(""));
    refused(through_provider(&site, &browser, "badnumber", "pass-2").await.1, 400, "证件号码无效").await;
    // The number cannot be changed here: the page says who corrects it.
    let browser = Browser::stepping(app.url(""));
    refused(
        through_provider(&site, &browser, "badnumber", "pass-2").await.1,
        400,
        "请联系报名系统或本次考试的考试机构更正",
    )
    .await;
    // A staff member's number: staff sign in with their own password and second factor.
    let browser = Browser::stepping(app.url(""));
    refused(through_provider(&site, &browser, "staff", "pass-3").await.1, 409, "工作人员").await;
    // A number that already has a Zige account: never a silent merge. (A self-made one: asked
    // whether it is theirs, nothing done until they say.)
    let alice = app.new_candidate(ALICE).await;
    let browser = Browser::stepping(app.url(""));
    refused(through_provider(&site, &browser, "alice", "pass-4").await.1, 409, "自行注册的账号").await;
    assert!(me(&browser).await.is_null());
    assert_eq!(identities(app).await, 0, "nothing joined");
    assert_eq!(accounts_with(app, "110101199003074250").await, 0);

    // Its owner, signed in with the password, joins the two from 我的账号.
    let owner = Browser::stepping(app.url(""));
    assert!(owner.log_in(ALICE, "secret-pass-1").await.status().is_success());
    let account_page = || async { owner.http.get(app.url("/account")).send().await.unwrap().text().await.unwrap() };
    assert!(account_page().await.contains("/auth/oidc/start?link=1"), "我的账号 offers to join");
    let callback = provider_step_from(&site, &owner, "/auth/oidc/start?link=1", "alice", "pass-4").await;
    let joined = owner.http.get(&callback).send().await.unwrap();
    assert_eq!((joined.status().as_u16(), location(&joined)), (303, "/account"));
    assert_eq!(identities(app).await, 1);
    // 我的账号 now says so, and offers it no more.
    let page = account_page().await;
    assert!(page.contains("已绑定：可用报名系统账号登录本账号。"), "{page}");
    assert!(!page.contains("/auth/oidc/start?link=1"), "joined once is enough");
    let browser = Browser::stepping(app.url(""));
    assert_eq!(through_provider(&site, &browser, "alice", "pass-4").await.1.status(), 303);
    let opened = me(&browser).await;
    assert!(!opened.is_null(), "signed in");
    assert_eq!(opened, me(&alice).await, "the provider now opens Alice's own account");
    // Someone else's registration account cannot join it.
    let zhang_site = site;
    let owner = Browser::stepping(zhang_site.app.url(""));
    assert!(owner.log_in(ALICE, "secret-pass-1").await.status().is_success());
    let callback = provider_step_from(&zhang_site, &owner, "/auth/oidc/start?link=1", "staff", "pass-3").await;
    refused(owner.http.get(&callback).send().await.unwrap(), 409, "与当前登录的账号不一致").await;
    assert_eq!(identities(&zhang_site.app).await, 1);
}

#[tokio::test]
async fn claims_the_id_token_leaves_out_are_read_from_userinfo() {
    let site =
        site(json!([account("wb002", "wangbao-2", "李四", Some(ZHANG))]), &[("OIDC_CLAIMS_IN_ID_TOKEN", "0")]).await;
    let browser = Browser::stepping(site.app.url(""));
    let (_, answer) = through_provider(&site, &browser, "wb002", "wangbao-2").await;
    assert_eq!(answer.status(), 303, "{}", answer.text().await.unwrap_or_default());
    assert_eq!(me(&browser).await["name"], "李四");
}

#[tokio::test]
async fn an_unreachable_provider_is_said_so_and_nothing_waits_on_it() {
    let site = site(json!([]), &[]).await;
    site.provider.stop().await;
    let browser = Browser::stepping(site.app.url(""));
    let started = std::time::Instant::now();
    let answer = browser.get("/auth/oidc/start").await;
    assert_eq!(answer.status(), 503);
    assert!(answer.text().await.unwrap().contains("报名系统暂时无法访问"));
    assert!(started.elapsed() < std::time::Duration::from_secs(12), "answered within the providers' time limit");
    // Zige's own accounts still sign in.
    assert!(site.app.admin().await.call("current_user", json!({})).await.status().is_success());
}

#[tokio::test]
async fn the_registration_comes_with_the_candidate_and_opens_those_exams_only() {
    let registered =
        json!([{ "exam": "003r", "category": "临床执业医师", "area": "北京" }, { "exam": "nope", "category": "x" }]);
    let mut zhang = account("wb003", "wangbao-3", "张三", Some(ZHANG));
    zhang["registrations"] = registered;
    let site = site(json!([zhang]), &[]).await;
    let app = &site.app;
    // An exam of seed 003's kind: only those the registration system names may enter.
    let admin = app.admin().await;
    assert!(admin
        .call("admin_create_exam", json!({ "preset": "001", "code": "003r", "source": "" }))
        .await
        .status()
        .is_success());
    let detail: Value = admin.call("admin_exam_detail", json!({ "code": "003r" })).await.json().await.unwrap();
    let source =
        detail["source"].as_str().unwrap().replace("eligibility = \"everyone\"", "eligibility = \"registration\"");
    let saved = admin.call("admin_save_exam", json!({ "code": "003r", "source": source })).await;
    assert!(saved.status().is_success(), "{}", saved.text().await.unwrap());

    let browser = Browser::stepping(app.url(""));
    assert_eq!(through_provider(&site, &browser, "wb003", "wangbao-3").await.1.status(), 303);
    let cards: Value = browser.call("list_exams", json!({})).await.json().await.unwrap();
    let card =
        cards.as_array().unwrap().iter().find(|c| c["exam"]["code"] == "003r").expect("the registered exam is there");
    assert_eq!(
        card["registered_as"],
        json!(["报考类别：临床执业医师　考区：北京", "Category: 临床执业医师; Region: 北京"])
    );
    let page = browser.exam_page_of("003r").await;
    assert_eq!(page["registered_as"][0], "报考类别：临床执业医师　考区：北京");
    assert!(browser.call("accept_pledge", json!({ "code": "003r" })).await.status().is_success());

    // Someone the registration system does not name finds no such exam.
    let other = app.new_candidate(ALICE).await;
    let cards: Value = other.call("list_exams", json!({})).await.json().await.unwrap();
    assert!(cards.as_array().unwrap().iter().all(|c| c["exam"]["code"] != "003r"));
    let (status, kind, _) = error_kind(other.call("exam_page", json!({ "code": "003r" })).await).await;
    assert_eq!((status, kind.as_str()), (403, "NotEligible"));

    // The registration withdrawn at the registration system: the next sign-in no longer opens it.
    site.provider.withdraw("wb003", "003r").await;
    let later = Browser::stepping(app.url(""));
    assert_eq!(through_provider(&site, &later, "wb003", "wangbao-3").await.1.status(), 303);
    let cards: Value = later.call("list_exams", json!({})).await.json().await.unwrap();
    assert!(cards.as_array().unwrap().iter().all(|c| c["exam"]["code"] != "003r"), "{cards}");
    let (status, kind, _) = error_kind(later.call("exam_page", json!({ "code": "003r" })).await).await;
    assert_eq!((status, kind.as_str()), (403, "NotEligible"));
}

#[tokio::test]
async fn a_registration_never_puts_anyone_on_a_list_exam_s_list() {
    let mut zhang = account("wb005", "wangbao-5", "张三", Some(ZHANG));
    zhang["registrations"] = json!([{ "exam": "004l", "category": "在职", "area": "北京" }]);
    let site = site(json!([zhang]), &[]).await;
    let app = &site.app;
    // Seed 004's kind: only the authority's imported list says who may apply.
    let admin = app.admin().await;
    let made = admin.call("admin_create_exam", json!({ "preset": "004", "code": "004l", "source": "" })).await;
    assert!(made.status().is_success(), "{}", made.text().await.unwrap());

    let browser = Browser::stepping(app.url(""));
    assert_eq!(through_provider(&site, &browser, "wb005", "wangbao-5").await.1.status(), 303);
    let cards: Value = browser.call("list_exams", json!({})).await.json().await.unwrap();
    assert!(cards.as_array().unwrap().iter().all(|c| c["exam"]["code"] != "004l"), "{cards}");
    let (status, kind, _) = error_kind(browser.call("exam_page", json!({ "code": "004l" })).await).await;
    assert_eq!((status, kind.as_str()), (403, "NotEligible"));
    let listed: Value = admin.call("admin_listed_candidates", json!({ "code": "004l" })).await.json().await.unwrap();
    assert_eq!(listed["counts"]["total"], 0, "nobody added by the registration system: {listed}");

    // Once the authority lists them, the registration names their category and region there.
    let list = format!("{ZHANG},张三,13800138001\n");
    assert!(admin.call("admin_import_eligibility", json!({ "code": "004l", "csv": list })).await.status().is_success());
    let again = Browser::stepping(app.url(""));
    assert_eq!(through_provider(&site, &again, "wb005", "wangbao-5").await.1.status(), 303);
    assert_eq!(again.exam_page_of("004l").await["registered_as"][0], "报考类别：在职　考区：北京");
}

#[tokio::test]
async fn an_expired_foreign_altered_or_unknown_signed_id_token_signs_nobody_in() {
    let site = site(json!([account("wb004", "wangbao-4", "张三", Some(ZHANG))]), &[]).await;
    let app = &site.app;
    for how in ["expired", "other-audience", "forged-signature", "unknown-key"] {
        site.provider.tamper_next_token(how).await;
        let browser = Browser::stepping(app.url(""));
        let (_, answer) = through_provider(&site, &browser, "wb004", "wangbao-4").await;
        assert_eq!(answer.status(), 400, "{how}");
        assert!(answer.text().await.unwrap().contains("身份凭证未通过校验"), "{how}");
        assert!(me(&browser).await.is_null(), "{how}: nobody signed in");
        assert_eq!((accounts_with(app, ZHANG).await, identities(app).await), (0, 0), "{how}: nothing made");
    }
    // The altered token named Alice's number; nobody reached an account by it.
    assert_eq!(accounts_with(app, ALICE).await, 0);
    // The real token still signs in.
    let browser = Browser::stepping(app.url(""));
    assert_eq!(through_provider(&site, &browser, "wb004", "wangbao-4").await.1.status(), 303);
    assert_eq!(me(&browser).await["name"], "张三");
}

/// A query parameter of an address.
fn parameter(address: &str, name: &str) -> Option<String> {
    reqwest::Url::parse(address).unwrap().query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

/// An attribute's value in the provider's page, after `after`.
fn attribute_after(page: &str, after: &str, attribute: &str) -> String {
    let from = &page[page.find(after).unwrap_or_else(|| panic!("{after} in {page}"))..];
    let start = from.find(&format!("{attribute}=\"")).unwrap() + attribute.len() + 2;
    from[start..start + from[start..].find('"').unwrap()].to_string()
}

/// Whether 用报名系统账号登录 shows the provider's log-in page, rather than coming straight back
/// (the browser is signed in there).
async fn provider_asks_for_the_password(browser: &Browser) -> bool {
    let mut next = location(&browser.get("/auth/oidc/start").await).to_string();
    for _ in 0..10 {
        if next.contains("/auth/oidc/callback") {
            return false;
        }
        let answer = browser.http.get(&next).send().await.unwrap();
        let Some(to) = answer.headers().get("location").map(|l| l.to_str().unwrap().to_string()) else {
            return answer.text().await.unwrap().contains("id=\"login-form\"");
        };
        next = reqwest::Url::parse(&next).unwrap().join(&to).unwrap().to_string();
    }
    panic!("the provider never settled");
}

#[tokio::test]
async fn signing_out_offers_the_provider_s_sign_out_which_asks_and_comes_back_to_the_log_in_page() {
    captured_log::captured_log();
    let site = site(json!([account("wb001", "wangbao-1", "张三", Some(ZHANG))]), &[]).await;
    let app = &site.app;
    let browser = Browser::stepping(app.url(""));
    let (_, answer) = through_provider(&site, &browser, "wb001", "wangbao-1").await;
    assert_eq!(answer.status(), 303);
    // Signed in at the provider, a second 用报名系统账号登录 goes straight back (no log-in page).
    assert!(!provider_asks_for_the_password(&browser).await);

    // 退出: Zige's session ends, and says the provider's may be ended too.
    let out: Value = browser.call("log_out", json!({})).await.json().await.unwrap();
    assert_eq!(out, json!(true), "the page is told to offer the provider's sign-out");
    assert!(me(&browser).await.is_null());
    let login_page = browser.get("/login?signed_out=provider").await.text().await.unwrap();
    assert!(login_page.contains("data-testid=\"provider-sign-out\"") && login_page.contains("/auth/oidc/sign-out"));

    // On to the provider's end_session_endpoint, naming the client alone: the address lands in
    // the browser's history, and an ID token there would carry the person's number, name and mobile.
    let sign_out = browser.get("/auth/oidc/sign-out").await;
    assert_eq!(sign_out.status(), 303);
    let end_session = location(&sign_out).to_string();
    assert!(end_session.starts_with(&format!("{}/session/end", site.provider.issuer)), "{end_session}");
    let named: Vec<String> =
        reqwest::Url::parse(&end_session).unwrap().query_pairs().map(|(name, _)| name.into_owned()).collect();
    assert_eq!(named, ["client_id", "post_logout_redirect_uri"], "{end_session}");
    assert_eq!(parameter(&end_session, "post_logout_redirect_uri").as_deref(), Some(app.url("/login").as_str()));
    assert_eq!(parameter(&end_session, "client_id").as_deref(), Some(CLIENT_ID));
    for personal in [ZHANG, "张三", "%E5%BC%A0"] {
        assert!(!end_session.contains(personal), "{personal} in the sign-out address");
    }

    // The provider asks; the person says yes; it sends them back to Zige's log-in page.
    let asked = browser.http.get(&end_session).send().await.unwrap().text().await.unwrap();
    assert!(asked.contains("是否退出报名系统账号"), "{asked}");
    let action = attribute_after(&asked, "op.logoutForm", "action");
    let xsrf = attribute_after(&asked, "name=\"xsrf\"", "value");
    let action = reqwest::Url::parse(&end_session).unwrap().join(&action).unwrap();
    let confirmed = browser.http.post(action).form(&[("xsrf", xsrf.as_str()), ("logout", "yes")]).send().await.unwrap();
    assert_eq!(location(&confirmed), app.url("/login"));

    // Signed out there too: 用报名系统账号登录 now shows the provider's log-in page.
    assert!(provider_asks_for_the_password(&browser).await);

    assert!(!captured_log::captured_text().contains(ZHANG), "the ID number in the log");
}

#[tokio::test]
async fn an_account_the_provider_made_is_deleted_after_its_holder_signs_in_there_afresh() {
    let other = "11010519491231002X";
    let site = site(
        json!([
            account("wb001", "wangbao-1", "张三", Some(ZHANG)),
            account("other", "other-pass-1", "李四", Some(other))
        ]),
        &[],
    )
    .await;
    let app = &site.app;
    let browser = Browser::stepping(app.url(""));
    let (_, answer) = through_provider(&site, &browser, "wb001", "wangbao-1").await;
    assert_eq!(answer.status(), 303);
    let delete = |password: &'static str| {
        let form = reqwest::multipart::Form::new().text("password", password);
        browser.http.post(app.url("/account/delete")).multipart(form).send()
    };

    // No password to type: a guess is wrong, and an empty one sends them to prove it at the provider.
    let guessed = delete("wangbao-1").await.unwrap();
    assert_eq!(guessed.status(), 422);
    assert!(guessed.text().await.unwrap().contains("密码不正确"));
    let empty = delete("").await.unwrap();
    assert_eq!((empty.status().as_u16(), location(&empty)), (303, "/auth/oidc/start?confirm=1"));
    assert!(browser.get("/account/delete").await.status().is_redirection(), "nothing confirmed yet");

    // At the provider as somebody else: refused, nothing deleted.
    let callback = provider_step_from(&site, &browser, "/auth/oidc/start?confirm=1", "other", "other-pass-1").await;
    let refused = browser.http.get(&callback).send().await.unwrap();
    assert_eq!(refused.status(), 409);
    assert!(refused.text().await.unwrap().contains("不是与本账号绑定的账号"));
    assert_eq!(delete("").await.unwrap().status(), 303, "still to be proved");

    // As themselves, asked for the password again (prompt=login, max_age) although signed in there.
    let start = browser.get("/auth/oidc/start?confirm=1").await;
    let authorize = location(&start).to_string();
    assert!(authorize.contains("prompt=login") && authorize.contains("max_age=120"), "{authorize}");
    let callback = sign_in_at_provider(&browser.http, &authorize, "wb001", "wangbao-1").await;
    assert!(!callback.is_empty(), "the provider's log-in page was shown and passed");
    let back = browser.http.get(&callback).send().await.unwrap();
    assert_eq!(location(&back), "/account/delete");
    let asked = browser.get("/account/delete").await.text().await.unwrap();
    assert!(asked.contains("data-testid=\"deletion-confirmed\""), "{asked}");
    assert_eq!(accounts_with(app, ZHANG).await, 1, "not deleted before the last press");

    let deleted = delete("").await.unwrap();
    assert_eq!(deleted.status(), 200);
    assert!(deleted.text().await.unwrap().contains("账户已注销"));
    assert_eq!((accounts_with(app, ZHANG).await, identities(app).await), (0, 0));
    assert!(me(&browser).await.is_null());
}

#[tokio::test]
async fn a_number_another_person_signed_up_with_goes_to_the_person_the_registration_system_vouches_for() {
    let site = site(json!([account("zhang", "zhang-pass-1", "张三", Some(ZHANG))]), &[]).await;
    let app = &site.app;
    let started = app.clock_now();
    // Someone signs up with 张三's number (the sign-up checks only that the number is well formed)
    // and hands in an application in it.
    let (squatter, _) = app.submitted_candidate(ZHANG).await;
    let reviewer = app.reviewer().await;
    let application = reviewer.first_waiting("000").await;

    // 张三 comes through the registration system: asked whether that account is theirs.
    let browser = Browser::stepping(app.url(""));
    let (_, asked) = through_provider(&site, &browser, "zhang", "zhang-pass-1").await;
    assert_eq!(asked.status(), 409);
    let page = asked.text().await.unwrap();
    assert!(page.contains("data-testid=\"number-claim\"") && page.contains("/auth/oidc/claim"), "{page}");
    assert!(!page.contains(ZHANG), "the page shows the number masked");
    assert!(me(&browser).await.is_null(), "nothing signed in before the choice");

    // Not theirs: the self-made account is set aside, and 张三 is signed in to their own.
    let claimed = browser.http.post(app.url("/auth/oidc/claim")).send().await.unwrap();
    assert_eq!((claimed.status().as_u16(), location(&claimed)), (303, "/"));
    let signed_in = me(&browser).await;
    assert_eq!(signed_in["name"], "张三");
    assert_eq!(accounts_with(app, ZHANG).await, 1, "the number is the vouched person's alone");
    assert_eq!(identities(app).await, 1);
    assert!(me(&squatter).await.is_null(), "the self-made account's sessions ended");
    assert!(!app.browser().log_in(ZHANG, "secret-pass-1").await.status().is_success(), "and it signs in no more");
    // The choice is taken once.
    assert_eq!(browser.http.post(app.url("/auth/oidc/claim")).send().await.unwrap().status(), 400);

    // Its application is held: no decision is taken on it.
    let sheet = reviewer.sheet(application).await;
    let (status, kind, body) =
        error_kind(reviewer.decide(application, sheet["version"].as_i64().unwrap(), json!("Approve")).await).await;
    assert_eq!((status, kind.as_str()), (422, "DecisionInvalid"));
    assert!(body.to_string().contains("暂停审核"), "{body}");

    // Administrators are told, and see both sides.
    let admin = app.admin().await;
    let cases: Value = admin.call("admin_set_aside_accounts", json!({})).await.json().await.unwrap();
    let case = &cases[0];
    assert_eq!((case["held_by_name"].as_str(), case["vouched_name"].as_str()), (Some("考生"), Some("张三")));
    assert_eq!(case["held_applications_zh"][0], "000 · 已提交审核");
    assert!(shown_between(&case["held_since"], started, app.clock_now()), "{case}");
    assert_eq!(case["vouched_by"], site.provider.issuer);
    let news: Value = admin.call("my_notifications", json!({})).await.json().await.unwrap();
    assert!(news.to_string().contains("已被搁置"), "{news}");
    let audit: Vec<Value> = admin
        .call("admin_audit_log", json!({ "query": { "action": "account_set_aside" } }))
        .await
        .json()
        .await
        .unwrap();
    let line = audit.iter().find(|l| l["action"] == "account_set_aside").expect("the claim is audited");
    let detail = line["detail"].as_str().unwrap();
    assert!(detail.contains("held from") && !detail.contains(ZHANG), "who held the number and since when: {detail}");
}

#[tokio::test]
async fn the_holder_of_an_unverified_account_who_says_it_is_theirs_links_it_as_before() {
    let site = site(json!([account("zhang", "zhang-pass-1", "张三", Some(ZHANG))]), &[]).await;
    let app = &site.app;
    let owner = Browser::stepping(app.url(""));
    assert!(owner.sign_up(ZHANG, "考生", "secret-pass-1").await.status().is_success());
    let browser = Browser::stepping(app.url(""));
    let (_, asked) = through_provider(&site, &browser, "zhang", "zhang-pass-1").await;
    assert!(asked.text().await.unwrap().contains("用密码登录"));
    // Theirs: signed in with the password, they link the two; the account stays theirs.
    let callback = provider_step_from(&site, &owner, "/auth/oidc/start?link=1", "zhang", "zhang-pass-1").await;
    assert_eq!(location(&owner.http.get(&callback).send().await.unwrap()), "/account");
    // A claim now finds a joined account, which is not set aside.
    let again = Browser::stepping(app.url(""));
    let (_, answer) = through_provider(&site, &again, "zhang", "zhang-pass-1").await;
    assert_eq!(answer.status(), 303, "signed in to the linked account");
    assert_eq!(me(&again).await["name"], "考生", "the owner's own account, not one made from the claims");
    assert_eq!(again.http.post(app.url("/auth/oidc/claim")).send().await.unwrap().status(), 400, "nothing to claim");
    assert_eq!(accounts_with(app, ZHANG).await, 1);
}

#[tokio::test]
async fn after_an_administrator_releases_a_number_its_registration_account_signs_in_to_a_new_account() {
    let site = site(json!([account("wb006", "wangbao-6", "张三", Some(ZHANG))]), &[]).await;
    let app = &site.app;
    let first = Browser::stepping(app.url(""));
    assert_eq!(through_provider(&site, &first, "wb006", "wangbao-6").await.1.status(), 303);
    let account_of = || app::ssr::accounts::account_store::find_by_id_number(&app.state.db, ZHANG);
    let made = account_of().await.unwrap().unwrap().id;
    let admin = app.admin().await;
    let found: Value = admin.call("admin_find_account", json!({ "id_number": ZHANG })).await.json().await.unwrap();
    let released = admin.call("admin_release_id_number", json!({ "user_id": found["id"] })).await;
    assert!(released.status().is_success());
    assert_eq!(identities(app).await, 0, "the released account's identity went with its number");

    let again = Browser::stepping(app.url(""));
    let (_, answer) = through_provider(&site, &again, "wb006", "wangbao-6").await;
    assert_eq!(answer.status(), 303, "{}", answer.text().await.unwrap_or_default());
    assert_eq!(me(&again).await["name"], "张三");
    assert_ne!(account_of().await.unwrap().unwrap().id, made, "a new account, not the released one");
}
