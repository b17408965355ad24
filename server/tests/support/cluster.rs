//! Several `server` processes on one database and one bucket, behind a real load balancer
//! (Debian's nginx, round robin) on loopback: the scale path as an operator runs it.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A free loopback port (free when asked; the caller binds it soon after).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Waits until something accepts connections on `port`, or fails the test naming `what`.
pub fn wait_for_port(port: u16, what: &str, log: &Path) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "{what} did not start listening on {port}: {}",
            std::fs::read_to_string(log).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// One `server` process (the binary an operator runs), configured by `ZIGE_*` variables, its
/// output appended to `server.log` in its data folder. Killed (SIGKILL) when dropped.
pub struct ServerProcess {
    child: Child,
    pub port: u16,
    pub data_dir: PathBuf,
    /// The folder it made for itself, removed with it; None: the caller's folder.
    _own_folder: Option<tempfile::TempDir>,
}

impl ServerProcess {
    /// A server with a data folder of its own.
    pub fn start(settings: &[(&str, String)]) -> ServerProcess {
        let folder = tempfile::tempdir().unwrap();
        let mut server = ServerProcess::start_in(folder.path(), settings);
        server._own_folder = Some(folder);
        server
    }

    /// A server on `data_dir`, which outlives it (a restart starts another on the same folder).
    pub fn start_in(data_dir: &Path, settings: &[(&str, String)]) -> ServerProcess {
        // A port free when asked can be taken by another test's listener before this server binds
        // it (`free_port`'s race): the server then exits at once while the other process answers
        // the port. Up to three ports are tried.
        let log_path = data_dir.join("server.log");
        for _ in 0..3 {
            if let Some(started) = Self::try_start(data_dir, settings, &log_path) {
                return started;
            }
        }
        panic!(
            "the server did not start on any of three ports: {}",
            std::fs::read_to_string(&log_path).unwrap_or_default()
        );
    }

    /// The server on a fresh port, once its own log says it listens there and the port answers;
    /// None when it exited first (the port was taken).
    fn try_start(data_dir: &Path, settings: &[(&str, String)], log_path: &Path) -> Option<ServerProcess> {
        let port = free_port();
        let log = std::fs::File::options().create(true).append(true).open(log_path).unwrap();
        let logged_before = log.metadata().map(|m| m.len() as usize).unwrap_or(0);
        let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
            .env("ZIGE_DATA_DIR", data_dir)
            .env("ZIGE_LISTEN", format!("127.0.0.1:{port}"))
            .envs(settings.iter().map(|(name, value)| (name, value)))
            .stdout(Stdio::from(log.try_clone().unwrap()))
            .stderr(Stdio::from(log))
            .spawn()
            .expect("the server binary starts");
        let address = format!("127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if child.try_wait().ok().flatten().is_some() {
                return None;
            }
            let written = std::fs::read(log_path).unwrap_or_default();
            let this_run = String::from_utf8_lossy(written.get(logged_before..).unwrap_or_default());
            let says_listening = this_run.lines().any(|line| line.contains("listening") && line.contains(&address));
            if says_listening && std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Some(ServerProcess { child, port, data_dir: data_dir.to_path_buf(), _own_folder: None });
            }
            assert!(Instant::now() < deadline, "the server did not start listening on {port}: {this_run}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn address(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.address())
    }

    /// SIGKILL: no shutdown, no flush, as when the power goes.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// nginx balancing round robin over `upstreams`, logging for each request which upstream
/// answered it. One process (`master_process off`), so killing it leaves no worker behind.
pub struct LoadBalancer {
    child: Child,
    pub port: u16,
    folder: tempfile::TempDir,
}

/// Debian's nginx, which the test command installs.
fn nginx() -> PathBuf {
    let path = PathBuf::from(std::env::var("ZIGE_TEST_NGINX").unwrap_or_else(|_| "/usr/sbin/nginx".to_string()));
    assert!(path.exists(), "{} is missing: run ./scripts/test.sh, which installs nginx", path.display());
    path
}

impl LoadBalancer {
    pub fn start(upstreams: &[String]) -> LoadBalancer {
        let folder = tempfile::tempdir().unwrap();
        let port = free_port();
        let dir = folder.path().display().to_string();
        let servers: String = upstreams.iter().map(|address| format!("server {address};")).collect();
        let config = format!(
            r#"daemon off;
master_process off;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 512; }}
http {{
  log_format upstream '$request_method $uri $status $upstream_addr';
  client_body_temp_path {dir}/body;
  proxy_temp_path {dir}/proxy;
  fastcgi_temp_path {dir}/fastcgi;
  uwsgi_temp_path {dir}/uwsgi;
  scgi_temp_path {dir}/scgi;
  client_max_body_size 20m;
  upstream zige {{ {servers} }}
  server {{
    listen 127.0.0.1:{port};
    access_log {dir}/access.log upstream;
    location / {{
      proxy_pass http://zige;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_request_buffering off;
    }}
  }}
}}
"#
        );
        let config_path = folder.path().join("nginx.conf");
        std::fs::write(&config_path, config).unwrap();
        let child = Command::new(nginx())
            .arg("-p")
            .arg(folder.path())
            .arg("-c")
            .arg(&config_path)
            .arg("-e")
            .arg(folder.path().join("error.log"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("nginx starts");
        wait_for_port(port, "nginx", &folder.path().join("error.log"));
        LoadBalancer { child, port, folder }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The requests answered so far, once a request to `path` is among them: nginx writes a
    /// request's line just after sending its answer, so the client can be a moment ahead of it.
    pub async fn answered_up_to(&self, path: &str) -> Vec<(String, String, u16, String)> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let answered = self.answered();
            if answered.iter().any(|(_, p, _, _)| p == path) || Instant::now() > deadline {
                return answered;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The requests answered so far: (method, path, status, upstream address).
    pub fn answered(&self) -> Vec<(String, String, u16, String)> {
        std::fs::read_to_string(self.folder.path().join("access.log"))
            .unwrap_or_default()
            .lines()
            .filter_map(|line| {
                let mut fields = line.split(' ');
                Some((
                    fields.next()?.to_string(),
                    fields.next()?.to_string(),
                    fields.next()?.parse().ok()?,
                    fields.next()?.to_string(),
                ))
            })
            .collect()
    }
}

impl Drop for LoadBalancer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
