//! The authority's identity provider for the tests: npm's `oidc-provider` (OpenID Certified),
//! run by node from `end2end/oidc-provider/provider.mjs` on a loopback port, with accounts the
//! test writes; and a person signing in at its pages, step by step, as a browser would.

use std::io::Write;
use std::process::Stdio;

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, BufReader};

pub const CLIENT_ID: &str = "zige";
pub const CLIENT_SECRET: &str = "zige-test-secret-0123456789abcdef";

pub struct OidcProvider {
    pub issuer: String,
    child: tokio::process::Child,
    _accounts: tempfile::NamedTempFile,
}

/// A free loopback port, for a provider whose address the server's settings must name first.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl OidcProvider {
    /// Starts the provider on `port`, sending people back to `redirect`, with `accounts` (login id,
    /// password and claims each) and any other `OIDC_*` settings.
    pub async fn start(port: u16, redirect: &str, accounts: Value, settings: &[(&str, &str)]) -> OidcProvider {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(accounts.to_string().as_bytes()).unwrap();
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../end2end/oidc-provider/provider.mjs");
        // Another test's `free_port` holds a port for a moment while it looks: node, finding the
        // port taken then, stops at once; it is started again on the same port.
        // Node needs about 1 s here, 8 s with twelve starting at once beside four busy loops on
        // this machine's two cores. Twice, in CI's PostgreSQL pass, one never listened (20 s,
        // then 90 s) and said nothing on stderr: a start that hangs is ended and made again, and
        // each start says its steps on stderr (OIDC_TRACE_START), shown if none ever listens.
        let mut attempts = 0;
        let mut said_before = String::new();
        let (child, lines) = loop {
            attempts += 1;
            let stderr_file = tempfile::NamedTempFile::new().unwrap();
            let mut command = tokio::process::Command::new("node");
            command
                .arg(script)
                .env("OIDC_PORT", port.to_string())
                .env("OIDC_REDIRECT_URI", redirect)
                .env("OIDC_CLIENT_ID", CLIENT_ID)
                .env("OIDC_CLIENT_SECRET", CLIENT_SECRET)
                .env("OIDC_ACCOUNTS", file.path())
                .env("OIDC_SKIP_CONSENT", "1")
                .env("OIDC_TRACE_START", "1")
                .stdout(Stdio::piped())
                .stderr(stderr_file.reopen().unwrap())
                .kill_on_drop(true);
            for (name, value) in settings {
                command.env(name, value);
            }
            let mut child = command.spawn().expect("node runs end2end/oidc-provider (npm ci in end2end first)");
            let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
            let began = std::time::Instant::now();
            let ready = tokio::time::timeout(std::time::Duration::from_secs(40), async {
                while let Ok(Some(line)) = lines.next_line().await {
                    if line.contains("oidc-provider listening") {
                        return true;
                    }
                }
                false
            });
            let listening = ready.await;
            if listening == Ok(true) {
                break (child, lines);
            }
            child.kill().await.ok();
            let said = std::fs::read_to_string(stderr_file.path()).unwrap_or_default();
            let how = match listening {
                Err(_) => format!("did not listen within {:?}", began.elapsed()),
                Ok(_) => "stopped before listening (port taken?)".to_string(),
            };
            said_before.push_str(&format!("\n start {attempts} {how}; its stderr:\n{said}"));
            if attempts == 3 {
                panic!("the provider on port {port} never listened:{said_before}");
            }
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        };
        let mut lines = lines;
        // Its later lines are not read; node must not block on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        OidcProvider { issuer: format!("http://127.0.0.1:{port}"), child, _accounts: file }
    }

    /// A new signing key; the old one is no longer published (the provider rotated its keys).
    pub async fn rotate_keys(&self) {
        let answer = reqwest::Client::new().post(format!("{}/__admin/rotate-keys", self.issuer)).send().await.unwrap();
        assert!(answer.status().is_success());
    }

    /// The next token answer carries a bad ID token (`expired`, `other-audience`,
    /// `forged-signature`, `unknown-key`), made by the provider from the real one.
    pub async fn tamper_next_token(&self, how: &str) {
        let hook = format!("{}/__admin/tamper-next-token?how={how}", self.issuer);
        assert!(reqwest::Client::new().post(hook).send().await.unwrap().status().is_success());
    }

    /// The account's registration for `exam` is withdrawn at the registration system.
    pub async fn withdraw(&self, account: &str, exam: &str) {
        let hook = format!("{}/__admin/withdraw?account={account}&exam={exam}", self.issuer);
        assert!(reqwest::Client::new().post(hook).send().await.unwrap().status().is_success());
    }

    pub async fn stop(mut self) {
        self.child.kill().await.ok();
    }
}

/// Plays the person at the provider's log-in page, from the provider's address Zige sent the
/// browser to, and returns where the provider sends them back (Zige's callback with its query).
/// `browser` follows no redirect and keeps cookies.
pub async fn sign_in_at_provider(browser: &reqwest::Client, authorize: &str, login: &str, password: &str) -> String {
    let location = |answer: &reqwest::Response, base: &str| -> String {
        let Some(to) = answer.headers().get("location") else {
            panic!("no redirect from {base}: {}", answer.status());
        };
        reqwest::Url::parse(base).unwrap().join(to.to_str().unwrap()).unwrap().to_string()
    };
    let mut next = location(&browser.get(authorize).send().await.unwrap(), authorize);
    for _ in 0..10 {
        if next.contains("/auth/oidc/callback") {
            return next;
        }
        if next.contains("/interaction/") {
            let page = browser.get(&next).send().await.unwrap().text().await.unwrap();
            assert!(page.contains("id=\"login-form\""), "the provider's log-in page: {page}");
            let answer = browser
                .post(format!("{next}/login"))
                .form(&[("login", login), ("password", password)])
                .send()
                .await
                .unwrap();
            if answer.status() == 401 {
                return String::new();
            }
            next = location(&answer, &next);
        } else {
            let mut answer = browser.get(&next).send().await.unwrap();
            if answer.headers().get("location").is_none() {
                // Another person than the one signed in there: the provider ends that session first,
                // with a form the browser submits by itself.
                let page = answer.text().await.unwrap();
                let (action, fields) =
                    self_submitting_form(&page).unwrap_or_else(|| panic!("no redirect from {next}: {page}"));
                answer = browser.post(action).form(&fields).send().await.unwrap();
            }
            next = location(&answer, &next);
        }
    }
    panic!("the provider never sent the browser back");
}

/// The form of a page that submits itself (`document.forms[0].submit()`): its address and hidden fields.
fn self_submitting_form(page: &str) -> Option<(String, Vec<(String, String)>)> {
    if !page.contains("forms[0].submit()") {
        return None;
    }
    let attribute = |tag: &str, name: &str| -> Option<String> {
        let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
        Some(tag[start..start + tag[start..].find('"')?].to_string())
    };
    let form = &page[page.find("<form")?..];
    let action = attribute(&form[..form.find('>')?], "action")?;
    let fields = form
        .split("<input")
        .skip(1)
        .filter_map(|input| Some((attribute(input, "name")?, attribute(input, "value")?)))
        .collect();
    Some((action, fields))
}
