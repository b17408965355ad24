//! A real mail server for the tests: Python's aiosmtpd on loopback, writing each message it
//! accepts to a maildir.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// The Python with aiosmtpd that `scripts/test.sh` installs into the machine's
/// `~/.cache/zige/pyenv` (`$XDG_CACHE_HOME/zige/pyenv`) and names in `ZIGE_TEST_PYTHON`.
fn python() -> PathBuf {
    if let Ok(path) = std::env::var("ZIGE_TEST_PYTHON") {
        return PathBuf::from(path);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cache")))
        .unwrap_or_default();
    let path = cache.join("zige/pyenv/bin/python");
    assert!(
        path.exists(),
        "{} is missing: run ./scripts/test.sh, which installs aiosmtpd for this test",
        path.display()
    );
    path
}

pub struct SmtpServer(Child);

impl SmtpServer {
    pub fn start(port: u16, maildir: &Path) -> SmtpServer {
        let child = Command::new(python())
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(maildir)
            .spawn()
            .expect("aiosmtpd starts");
        let deadline = Instant::now() + Duration::from_secs(15);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "aiosmtpd did not start listening");
            std::thread::sleep(Duration::from_millis(50));
        }
        SmtpServer(child)
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Every message the server accepted, as text.
pub fn delivered(maildir: &Path) -> Vec<String> {
    match std::fs::read_dir(maildir.join("new")) {
        Ok(entries) => entries.map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap()).collect(),
        Err(_) => Vec::new(),
    }
}
