//! The server's side of the render workers (`render_worker`): at most as many layouts at once as
//! the machine has cores, each in a worker process that is bounded in memory and ended at the
//! deadline. Workers are kept between jobs (they load 60 MB of fonts when they start) and a new
//! one replaces any that ended.
//!
//! A layout's place is held by the task that runs it, not by the request that asked: a candidate
//! who asks for a receipt and goes away, again and again, cannot start more layouts than there
//! are places, because each place is given back only when its layout has ended.

use std::path::PathBuf;
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};
use tokio::sync::Semaphore;

use app::error::AppError;

use super::render_job::{body_length, frame, RenderAnswer, RenderJob};

/// How long a layout waits for a free place before the answer is "busy, try again".
const PLACE_WAIT: Duration = Duration::from_secs(5);
/// How long a new worker may take to load its fonts (not counted in a layout's deadline).
const START_WAIT: Duration = Duration::from_secs(60);
/// The byte a worker writes once its fonts are loaded and its memory bounded.
pub const READY: u8 = b'R';

/// How workers are started and bounded.
#[derive(Clone, Debug)]
pub struct WorkerSettings {
    /// The `server` binary (whose `render-worker` command the workers run).
    pub program: PathBuf,
    pub font_dir: PathBuf,
    /// A layout still running after this is ended, and the template refused.
    pub deadline: Duration,
    /// The memory one worker may hold, its fonts included.
    pub memory_mb: u64,
}

#[derive(Clone)]
pub struct RenderPool {
    inner: Arc<Pool>,
}

struct Pool {
    settings: WorkerSettings,
    places: Arc<Semaphore>,
    idle: Mutex<Vec<Worker>>,
}

impl RenderPool {
    pub fn new(settings: WorkerSettings) -> RenderPool {
        let places = std::thread::available_parallelism().map_or(2, |n| n.get());
        RenderPool {
            inner: Arc::new(Pool { settings, places: Arc::new(Semaphore::new(places)), idle: Mutex::default() }),
        }
    }

    /// Lays `job` out in a worker: the PDF with its number of pages, or why not — the template's
    /// mistakes, the deadline passed, or the memory bound reached.
    pub async fn lay_out(&self, job: RenderJob) -> Result<RenderAnswer, AppError> {
        let place = match tokio::time::timeout(PLACE_WAIT, self.inner.places.clone().acquire_owned()).await {
            Ok(Ok(place)) => place,
            _ => return Err(AppError::Busy { retry_after_secs: 2 }),
        };
        let pool = self.inner.clone();
        let started = std::time::Instant::now();
        let layout = tokio::spawn(async move {
            let answer = pool.run(job).await;
            drop(place);
            answer
        });
        let answer = layout.await.map_err(|e| app::ssr::internal("document layout task", e))?;
        let outcome = if answer.is_ok() { "laid out" } else { "refused" };
        metrics::histogram!("zige_document_render_seconds", "outcome" => outcome)
            .record(started.elapsed().as_secs_f64());
        answer
    }

    /// How many layouts could start now (for the tests of the places).
    pub fn free_places(&self) -> usize {
        self.inner.places.available_permits()
    }
}

impl Pool {
    async fn run(&self, job: RenderJob) -> Result<RenderAnswer, AppError> {
        let request = frame(&job).map_err(|e| app::ssr::internal("document job", e))?;
        let settings = &self.settings;
        // A kept worker may have ended while it waited (killed from outside, say): the job is
        // then given to a fresh one, once, rather than blamed on the template.
        let mut kept = self.take_idle();
        loop {
            let was_kept = kept.is_some();
            let mut worker = match kept.take() {
                Some(worker) => worker,
                None => Worker::start(settings).await?,
            };
            match tokio::time::timeout(settings.deadline, worker.exchange(&request)).await {
                Ok(Ok(answer)) => {
                    self.idle.lock().unwrap_or_else(|p| p.into_inner()).push(worker);
                    return Ok(answer);
                }
                Ok(Err(_)) => {
                    let status = worker.end().await;
                    if was_kept && !ran_out_of_memory(status) {
                        continue;
                    }
                    tracing::warn!(?status, "a render worker stopped during a layout");
                    return Ok(Err(stopped(status, settings.memory_mb)));
                }
                Err(_) => {
                    worker.end().await;
                    tracing::warn!(deadline_ms = settings.deadline.as_millis() as u64, "a layout passed its deadline");
                    return Ok(Err(format!(
                        "the layout took longer than {} s and was stopped (a loop over a very large range?)",
                        settings.deadline.as_secs_f32()
                    )));
                }
            }
        }
    }

    /// A kept worker that is still running.
    fn take_idle(&self) -> Option<Worker> {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        while let Some(mut worker) = idle.pop() {
            if matches!(worker.child.try_wait(), Ok(None)) {
                return Some(worker);
            }
        }
        None
    }
}

/// Why a worker ended during a layout, as the template's author reads it.
fn stopped(status: Option<ExitStatus>, memory_mb: u64) -> String {
    if ran_out_of_memory(status) {
        return format!("the layout needed more than {memory_mb} MB of memory and was stopped");
    }
    "the layout stopped unexpectedly".to_string()
}

/// An allocation past the bound fails, and a Rust program aborts on that (SIGABRT).
fn ran_out_of_memory(status: Option<ExitStatus>) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        status.and_then(|s| s.signal()) == Some(6)
    }
    #[cfg(not(unix))]
    {
        let _ = status;
        false
    }
}

struct Worker {
    child: Child,
    input: ChildStdin,
    output: ChildStdout,
}

impl Worker {
    async fn start(settings: &WorkerSettings) -> Result<Worker, AppError> {
        let failed = |e: &dyn std::fmt::Display| app::ssr::internal("render worker start", e.to_string());
        let mut child = Command::new(&settings.program)
            .arg("render-worker")
            .arg("--font-dir")
            .arg(&settings.font_dir)
            .arg("--memory-mb")
            .arg(settings.memory_mb.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| failed(&e))?;
        let (Some(input), Some(mut output)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(failed(&"no pipes"));
        };
        let mut ready = [0u8; 1];
        match tokio::time::timeout(START_WAIT, output.read_exact(&mut ready)).await {
            Ok(Ok(_)) if ready[0] == READY => Ok(Worker { child, input, output }),
            _ => Err(failed(&"the render worker did not start (are the document fonts installed?)")),
        }
    }

    async fn exchange(&mut self, request: &[u8]) -> std::io::Result<RenderAnswer> {
        self.input.write_all(request).await?;
        self.input.flush().await?;
        let mut prefix = [0u8; 4];
        self.output.read_exact(&mut prefix).await?;
        let mut body = vec![0u8; body_length(prefix)?];
        self.output.read_exact(&mut body).await?;
        postcard::from_bytes(&body).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }

    /// Ends the worker (if it has not ended already) and says how it ended.
    async fn end(mut self) -> Option<ExitStatus> {
        let _ = self.child.start_kill();
        self.child.wait().await.ok()
    }
}
