//! The exam presets that ship in `exams/` (000 资格初审, 001 医学, 002 人事, 004 在职研究生), built
//! into the binary with their example pictures, so an administrator can create an exam from one
//! on any installation.

use include_dir::{include_dir, Dir};

use crate::domain::ExamDefinition;

static PRESETS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../exams");

pub struct Preset {
    /// The file name, e.g. "004-cadre-postgraduate.toml".
    pub file: &'static str,
    pub source: &'static str,
    pub definition: ExamDefinition,
}

/// Every preset, in file-name order. A preset that does not parse is a build mistake the
/// tests catch; it is left out here rather than taking the server down.
pub fn all() -> Vec<Preset> {
    let mut files: Vec<_> = PRESETS.files().filter(|f| f.path().extension().is_some_and(|e| e == "toml")).collect();
    files.sort_by_key(|f| f.path());
    files
        .into_iter()
        .filter_map(|file| {
            let source = file.contents_utf8()?;
            let definition = crate::ssr::exams::exam_store::parse_exam_toml(source)
                .map_err(|m| tracing::error!(file = ?file.path(), mistakes = ?m, "preset invalid"))
                .ok()?;
            Some(Preset { file: file.path().to_str()?, source, definition })
        })
        .collect()
}

pub fn find(code: &str) -> Option<Preset> {
    all().into_iter().find(|p| p.definition.code == code)
}

/// An example picture by the name exam files use ("examples/id-card-front.jpg").
pub fn example(name: &str) -> Option<Vec<u8>> {
    PRESETS.get_file(name).map(|f| f.contents().to_vec())
}
