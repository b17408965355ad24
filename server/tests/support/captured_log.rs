//! Every log line of a test binary, as the server writes them at its default level (`info`), for
//! tests that search them for what must never be there (a code, a password, an ID number).

use std::sync::{Mutex, OnceLock};

/// Starts capturing on first use; every server the binary starts logs into it.
pub fn captured_log() -> &'static Mutex<Vec<u8>> {
    static LOG: OnceLock<&'static Mutex<Vec<u8>>> = OnceLock::new();
    LOG.get_or_init(|| {
        let log: &'static Mutex<Vec<u8>> = Box::leak(Box::new(Mutex::new(Vec::new())));
        let subscriber = tracing_subscriber::fmt()
            .with_env_filter("info")
            .with_ansi(false)
            // No clock in the lines: six digits of a timestamp could read as a code.
            .without_time()
            .with_writer(move || LogWriter(log))
            .finish();
        let _ = tracing::subscriber::set_global_default(subscriber);
        log
    })
}

/// What was logged so far, as text.
pub fn captured_text() -> String {
    String::from_utf8_lossy(&captured_log().lock().unwrap()).to_string()
}

struct LogWriter(&'static Mutex<Vec<u8>>);

impl std::io::Write for LogWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
