//! The one judgement of a picture against a category's rules. The browser calls it before a byte
//! is sent; the server calls it again before a byte is stored.

use serde::{Deserialize, Serialize};

use super::byte_size::{format_bytes, format_limit, Rounding};
use super::category_rules::CategoryRules;
use super::decimal_text::{tenths_text, whole_text};
use super::exam_definition::CategoryDefinition;
use super::file_facts::{DpiSource, FileFacts};
use super::probe_error::ProbeError;
use super::violation::{Violation, ViolationCode as Code};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileVerdict {
    pub facts: Option<FileFacts>,
    /// Every rule the file breaks, not just the first, so one attempt tells the whole story.
    pub violations: Vec<Violation>,
    /// Advice the file does not follow: shown, but the upload is allowed.
    #[serde(default)]
    pub warnings: Vec<Violation>,
}

impl FileVerdict {
    pub fn accepted(&self) -> bool {
        self.violations.is_empty()
    }

    pub fn has(&self, code: Code) -> bool {
        self.violations.iter().any(|v| v.code == code)
    }
}

/// Judges `bytes` for a category that already holds `already_uploaded` pictures.
pub fn judge_file(bytes: &[u8], rules: &CategoryRules, already_uploaded: u32) -> FileVerdict {
    let mut violations = Vec::new();
    check_count(rules, already_uploaded, &mut violations);
    let probed = FileFacts::probe(bytes);
    if !matches!(probed, Err(ProbeError::Empty)) {
        check_byte_size(bytes.len() as u64, rules, &mut violations);
    }
    match &probed {
        Ok(facts) => check_facts(facts, rules, &mut violations),
        Err(error) => violations.push(probe_violation(error, rules)),
    }
    FileVerdict { facts: probed.ok(), violations, warnings: Vec::new() }
}

/// Judges `bytes` for one category: its hard rules, then (for a file that passes them) its advice.
pub fn judge_for_category(bytes: &[u8], category: &CategoryDefinition, already_uploaded: u32) -> FileVerdict {
    let mut verdict = judge_file(bytes, &category.rules, already_uploaded);
    if let (Some(facts), Some(advice), true) = (&verdict.facts, &category.advice, verdict.accepted()) {
        let rules = advice.as_rules();
        let mut warnings = Vec::new();
        check_byte_size(bytes.len() as u64, &rules, &mut warnings);
        check_pixels(facts, &rules, &mut warnings);
        check_dpi(facts, &rules, &mut warnings);
        verdict.warnings = warnings;
    }
    verdict
}

fn check_count(rules: &CategoryRules, already_uploaded: u32, out: &mut Vec<Violation>) {
    out.extend(count_violation(rules, already_uploaded));
}

/// The category's maximum, judged against what is stored: the server asks again inside the
/// transaction that stores the file, so two parallel uploads cannot both take the last place.
pub fn count_violation(rules: &CategoryRules, already_uploaded: u32) -> Option<Violation> {
    let max = rules.max_count?;
    (already_uploaded >= max).then(|| {
        Violation::new(
            Code::TooManyFiles,
            format!("本类已有 {already_uploaded} 张，最多 {max} 张；请先删除再上传"),
            format!(
                "This category already holds {already_uploaded} pictures, the most allowed is {max}; delete one first"
            ),
        )
    })
}

fn check_byte_size(len: u64, rules: &CategoryRules, out: &mut Vec<Violation>) {
    if let Some(max) = rules.max_bytes.filter(|&max| len > max) {
        let (actual, limit) = (format_bytes(len, Rounding::Up), format_limit(max));
        out.push(Violation::new(
            Code::FileTooLarge,
            format!("文件 {actual}，超过上限 {limit}"),
            format!("File is {actual}, above the {limit} limit"),
        ));
    }
    if let Some(min) = rules.min_bytes.filter(|&min| len < min) {
        let (actual, limit) = (format_bytes(len, Rounding::Down), format_limit(min));
        out.push(Violation::new(
            Code::FileTooSmall,
            format!("文件 {actual}，低于下限 {limit}"),
            format!("File is {actual}, below the {limit} minimum"),
        ));
    }
}

fn probe_violation(error: &ProbeError, rules: &CategoryRules) -> Violation {
    let allowed = rules.formats_text();
    match error {
        ProbeError::Empty => Violation::new(Code::EmptyFile, "文件为空（0 字节）", "The file is empty (0 bytes)"),
        ProbeError::Foreign(kind) => {
            let (how_zh, how_en) = kind.how_to_get_jpeg();
            Violation::new(
                Code::NotAPicture,
                format!("文件实际是{}，本类只接受 {allowed} 格式{how_zh}", kind.name_zh()),
                format!("The file is really {}; this category accepts {allowed} only{how_en}", kind.name_en()),
            )
        }
        ProbeError::Malformed { format, reason } => Violation::new(
            Code::Malformed,
            format!("{} 文件已损坏：{}", format.display_name(), reason.text_zh()),
            format!("The {} file is damaged: {}", format.display_name(), reason.text_en()),
        ),
    }
}

fn check_facts(facts: &FileFacts, rules: &CategoryRules, out: &mut Vec<Violation>) {
    let name = facts.format.display_name();
    if !rules.accepts(facts.format) {
        let allowed = rules.formats_text();
        out.push(Violation::new(
            Code::FormatNotAllowed,
            format!("文件内容是 {name} 格式，本类只接受 {allowed} 格式（改扩展名无效，请另存为 {allowed}）"),
            format!(
                "The file's content is {name}; this category accepts {allowed} only (renaming does not convert it)"
            ),
        ));
    }
    if !facts.ends_properly {
        out.push(Violation::new(
            Code::Truncated,
            format!("{name} 文件不完整（缺少结束标记），可能未传完或已损坏，请重新导出"),
            format!("The {name} file is incomplete (its end marker is missing); export it again"),
        ));
    }
    if facts.trailing_bytes > 0 {
        let extra = facts.trailing_bytes;
        out.push(Violation::new(
            Code::TrailingData,
            format!("图片结束后还附带了 {extra} 字节的其他数据，请重新另存为图片"),
            format!("{extra} bytes of other data follow the end of the picture; save it again as a plain picture"),
        ));
    }
    check_pixels(facts, rules, out);
    check_dpi(facts, rules, out);
}

fn check_pixels(facts: &FileFacts, rules: &CategoryRules, out: &mut Vec<Violation>) {
    let (width, height) = (facts.width(), facts.height());
    if facts.pixel_count() > rules.max_pixels {
        let (mp, limit) = (tenths_text(facts.pixel_count() as f64 / 1e6), tenths_text(rules.max_pixels as f64 / 1e6));
        out.push(Violation::new(
            Code::TooManyPixels,
            format!("图片 {width}×{height} 共 {mp} 百万像素，超过上限 {limit} 百万像素"),
            format!("The picture is {width}×{height}, {mp} megapixels, above the {limit} megapixel limit"),
        ));
    }
    if let Some(min) = rules.min_width.filter(|&min| width < min) {
        out.push(Violation::new(
            Code::WidthTooSmall,
            format!("图片宽 {width} 像素，低于要求的 {min} 像素"),
            format!("The picture is {width} pixels wide, below the required {min}"),
        ));
    }
    if let Some(min) = rules.min_height.filter(|&min| height < min) {
        out.push(Violation::new(
            Code::HeightTooSmall,
            format!("图片高 {height} 像素，低于要求的 {min} 像素"),
            format!("The picture is {height} pixels high, below the required {min}"),
        ));
    }
    if let Some(aspect) = rules.aspect {
        let deviation = aspect.relative_deviation(width, height);
        if deviation > rules.aspect_tolerance {
            let (pct, tol) = (tenths_text(deviation * 100.0), tenths_text(rules.aspect_tolerance * 100.0));
            out.push(Violation::new(
                Code::AspectMismatch,
                format!("图片 {width}×{height}，宽高比与要求的 {aspect} 相差 {pct}%，允许 {tol}%"),
                format!(
                    "The picture is {width}×{height}, {pct}% off the required {aspect} aspect ratio ({tol}% allowed)"
                ),
            ));
        }
    }
}

fn check_dpi(facts: &FileFacts, rules: &CategoryRules, out: &mut Vec<Violation>) {
    let Some(min) = rules.min_dpi else { return };
    match facts.dpi {
        None => out.push(Violation::new(
            Code::DpiMissing,
            format!("图片未记录分辨率（DPI），本类要求不低于 {min} DPI；请用扫描仪按 {min} DPI 以上扫描"),
            format!("The picture records no resolution (DPI); this category needs at least {min} DPI, so scan it at {min} DPI or more"),
        )),
        Some(dpi) if dpi.effective() + 0.5 < min as f64 => {
            let actual = whole_text(dpi.effective());
            let source = match dpi.source {
                DpiSource::Jfif => "JFIF",
                DpiSource::Exif => "EXIF",
                DpiSource::Png => "PNG pHYs",
            };
            out.push(Violation::new(
                Code::DpiTooLow,
                format!("图片分辨率 {actual} DPI（{source}），低于要求的 {min} DPI"),
                format!("The picture is {actual} DPI ({source}), below the required {min} DPI"),
            ));
        }
        Some(_) => {}
    }
}
