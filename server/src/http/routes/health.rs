/// Answers once the server is up; the end-to-end set-up waits for it.
pub async fn health() -> &'static str {
    "ok"
}
