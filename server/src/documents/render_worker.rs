//! `server render-worker`: the process documents are laid out in. Typst has no way to stop a
//! layout from the outside, and a template can loop for hours or ask for gigabytes
//! (`"x" * 4000000000`), so the server never lays a template out in its own process: it hands
//! each job to a worker like this one (`render_pool`), which loads the fonts once, then answers
//! jobs one at a time from standard input to standard output. Its memory is bounded by the
//! kernel (RLIMIT_DATA: an allocation past it fails and the worker ends), and the server ends a
//! worker that passes the deadline.

use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use super::fonts::DocumentFonts;
use super::render_job::{body_length, frame, RenderAnswer, RenderJob};
use super::render_pool::READY;
use super::typst_world::DocumentWorld;

/// Serves jobs until the server closes the pipe. `memory_mb` bounds the whole process, fonts
/// included.
pub fn run_render_worker(font_dir: &Path, memory_mb: u64) -> ExitCode {
    let fonts = match DocumentFonts::load(font_dir) {
        Ok(fonts) => Arc::new(fonts),
        Err(error) => {
            eprintln!("render worker: {error}");
            return ExitCode::FAILURE;
        }
    };
    let bound = memory_mb.saturating_mul(1024 * 1024);
    if let Err(error) = rlimit::setrlimit(rlimit::Resource::DATA, bound, bound) {
        eprintln!("render worker: cannot bound its memory: {error}");
        return ExitCode::FAILURE;
    }
    let (mut input, mut output) = (std::io::stdin().lock(), std::io::stdout().lock());
    if output.write_all(&[READY]).and_then(|_| output.flush()).is_err() {
        return ExitCode::FAILURE;
    }
    loop {
        let job = match read_job(&mut input) {
            Ok(Some(job)) => job,
            Ok(None) => return ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("render worker: {error}");
                return ExitCode::FAILURE;
            }
        };
        let answer = lay_out(&fonts, job);
        let written = frame(&answer).map_err(std::io::Error::other).and_then(|bytes| {
            output.write_all(&bytes)?;
            output.flush()
        });
        if let Err(error) = written {
            eprintln!("render worker: {error}");
            return ExitCode::FAILURE;
        }
    }
}

/// The next job; None when the server has closed the pipe.
fn read_job(input: &mut impl Read) -> std::io::Result<Option<RenderJob>> {
    let mut prefix = [0u8; 4];
    match input.read_exact(&mut prefix) {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(error) => return Err(error),
    }
    let mut body = vec![0u8; body_length(prefix)?];
    input.read_exact(&mut body)?;
    postcard::from_bytes(&body).map(Some).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

fn lay_out(fonts: &Arc<DocumentFonts>, job: RenderJob) -> RenderAnswer {
    let inputs = serde_json::from_str(&job.inputs_json).map_err(|e| e.to_string())?;
    let files = job.files.iter().map(|(name, bytes)| (name.as_str(), bytes.clone())).collect();
    let world = DocumentWorld::new(&job.template, inputs, fonts.clone(), files).ok_or("template file name")?;
    world.pdf()
}
