//! Spans where support will look (issue 70), kept by a test: every public service under `ssr/`
//! that takes a `Caller` — a person's request passes through it — opens a tracing span
//! (`#[tracing::instrument(skip_all, fields(user = …))]`), so that one request's log lines are
//! found again by who made it and what it was about.

use std::path::Path;

use super::room_rules::rust_files_under;

/// The parameter list of a signature (a function that returns a `Caller` is where callers are
/// made, not a service one reaches).
fn parameters(signature: &str) -> &str {
    let Some(open) = signature.find('(') else { return "" };
    let mut depth = 0;
    for (offset, c) in signature[open..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return &signature[open + 1..open + offset];
                }
            }
            _ => {}
        }
    }
    &signature[open + 1..]
}

/// The public async functions of `code` that take a `Caller` and open no span, by name.
fn services_without_a_span(code: &str) -> Vec<String> {
    let lines: Vec<&str> = code.lines().collect();
    let mut missing = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let Some(rest) = ["pub async fn ", "pub(crate) async fn ", "pub(super) async fn "]
            .iter()
            .find_map(|prefix| trimmed.strip_prefix(prefix))
        else {
            continue;
        };
        let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        // The signature, up to its body.
        let signature: String =
            lines[index..].iter().take_while(|l| !l.contains('{')).copied().collect::<Vec<_>>().join(" ")
                + lines[index..].iter().find(|l| l.contains('{')).copied().unwrap_or("");
        if !parameters(&signature).contains("Caller<") {
            continue;
        }
        // Its doc comment and attributes: the lines back to the item before (or a blank line).
        let mut attributes = lines[..index].iter().rev().take_while(|l| {
            let l = l.trim();
            !l.is_empty() && (l.starts_with("//") || !(l.ends_with('}') || l.ends_with(';')))
        });
        if !attributes.any(|l| l.contains("tracing::instrument")) {
            missing.push(name);
        }
    }
    missing
}

#[test]
fn every_service_a_caller_reaches_opens_a_span() {
    let mut missing = Vec::new();
    for path in rust_files_under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ssr")) {
        let code = std::fs::read_to_string(&path).unwrap();
        for name in services_without_a_span(&code) {
            missing.push(format!("{}: {name}", path.display()));
        }
    }
    assert!(missing.is_empty(), "services taking a Caller without #[tracing::instrument]:\n{}", missing.join("\n"));
}

#[test]
fn a_service_without_a_span_is_found_and_one_with_it_is_not() {
    let code = "/// Does it.\n#[tracing::instrument(skip_all, fields(user = %account.id))]\npub async fn with(\n    account: &Caller<Candidate>,\n) -> Result<(), AppError> {\n}\n\n/// Forgets it.\npub async fn without(state: &ServerState, admin: &Caller<Admin>) -> Result<(), AppError> {\n}\n\npub async fn nobody(state: &ServerState) {\n}\n\npub async fn makes(session: &Session) -> Result<Caller<Admin>, AppError> {\n}\n";
    assert_eq!(services_without_a_span(code), vec!["without".to_string()]);
}
