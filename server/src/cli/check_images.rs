//! `server check-images --rules RULES.toml FILE...`: pre-checks a folder of scans with exactly
//! the check uploads get (`check_upload`), printing one JSON object per file.

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;

use app::domain::CategoryRules;
use app::ssr::candidate::upload_check::check_upload;

#[derive(clap::Args)]
pub struct CheckImagesArgs {
    /// A category rule file (TOML: formats, min_bytes, max_bytes, min_width, …).
    #[arg(long)]
    pub rules: PathBuf,
    /// The image files to check.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Exit status 0 when every file is accepted, 1 when any is refused, 2 when the rules are bad.
pub fn run_check_images(args: &CheckImagesArgs) -> ExitCode {
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
                let verdict = check_upload(&bytes, &rules, 0);
                all_accepted &= verdict.accepted();
                let facts = verdict.facts.as_ref();
                json!({
                    "file": file.display().to_string(),
                    "accept": verdict.accepted(),
                    "format": facts.map(|f| f.format),
                    "width": facts.map(|f| f.width()),
                    "height": facts.map(|f| f.height()),
                    "orientation": facts.map(|f| f.orientation),
                    "dpi": facts.and_then(|f| f.dpi).map(|d| d.effective().round()),
                    "dpi_source": facts.and_then(|f| f.dpi).map(|d| d.source),
                    "bytes": bytes.len(),
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
