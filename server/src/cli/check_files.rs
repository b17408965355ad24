//! `server check-files --rules RULES.toml FILE...`: pre-checks a folder of scans with exactly
//! the check uploads get (the picture alone, then `check_upload`), printing one JSON object per
//! file.

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;

use app::domain::sniff::{sniff, Sniffed};
use app::domain::{picture_alone, CategoryRules};
use app::ssr::candidate::upload_check::check_upload;

#[derive(clap::Args)]
pub struct CheckFilesArgs {
    /// A category rule file (TOML: formats, min_bytes, max_bytes, min_width, …).
    #[arg(long)]
    pub rules: PathBuf,
    /// The picture files to check.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Exit status 0 when every file is accepted, 1 when any is refused, 2 when the rules are bad.
pub fn run_check_files(args: &CheckFilesArgs) -> ExitCode {
    let rules = match load_rules(&args.rules) {
        Ok(rules) => rules,
        Err(mistakes) => {
            eprintln!("{}: {}", args.rules.display(), mistakes.join("; "));
            return ExitCode::from(2);
        }
    };
    let mut all_accepted = true;
    for file in &args.files {
        let line = match std::fs::read(file) {
            Ok(bytes) => {
                // As an upload is: the picture alone, whatever followed it cut off and counted.
                let alone = picture_alone(&bytes);
                let verdict = check_upload(alone.bytes, &rules, 0);
                all_accepted &= verdict.accepted();
                let facts = verdict.facts.as_ref();
                json!({
                    "file": file.display().to_string(),
                    "accept": verdict.accepted(),
                    // What the content is, refused files included (WebP, GIF, HEIF, PDF…).
                    "format": detected_format(&bytes),
                    "width": facts.map(|f| f.width()),
                    "height": facts.map(|f| f.height()),
                    "orientation": facts.map(|f| f.orientation),
                    "dpi": facts.and_then(|f| f.dpi).map(|d| d.effective().round()),
                    "dpi_source": facts.and_then(|f| f.dpi).map(|d| d.source),
                    "bytes": alone.bytes.len(),
                    "cut_bytes": alone.cut_bytes,
                    "violations": verdict.violations,
                })
            }
            Err(error) => {
                all_accepted = false;
                json!({ "file": file.display().to_string(), "accept": false, "error": error.to_string() })
            }
        };
        println!("{line}");
    }
    if all_accepted {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn load_rules(path: &PathBuf) -> Result<CategoryRules, Vec<String>> {
    let text = std::fs::read_to_string(path).map_err(|e| vec![e.to_string()])?;
    let rules: CategoryRules = toml::from_str(&text).map_err(|e| vec![e.to_string()])?;
    rules.validated()
}

/// The format the content shows, by its first bytes: `jpeg`, `png`, or the kind of a file never
/// accepted (`webp`, `gif`, `heif`, `bmp`, `tiff`, `pdf`, `svg`, `html`, `zip`, `unknown`); null
/// for an empty file.
fn detected_format(bytes: &[u8]) -> serde_json::Value {
    match sniff(bytes) {
        Sniffed::Picture(format) => json!(format),
        Sniffed::Foreign(kind) => json!(kind),
        Sniffed::Empty => serde_json::Value::Null,
    }
}
