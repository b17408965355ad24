//! 考试成绩 as an administrator imports them (seeds 001/003's menu): one row per candidate and
//! subject — 证件号码, 姓名, 科目, 成绩 (a number with at most one decimal, or 缺考), 合格线 (may be
//! left empty) — as CSV, rows pasted from Excel or WPS, or a workbook's rows, with or without a
//! header row. Good rows are kept; every bad row is named with its line and why. Whether a number
//! belongs to someone who applied to the exam is the server's to say.

use serde::{Deserialize, Serialize};

use super::decimal_text::whole_or_tenths;
use super::sheet_rows::{data_rows, RowProblem, SheetRow};

/// The most points a subject may give: 1000.0, as tenths.
const MOST_TENTHS: u32 = 10_000;

/// A subject's result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Score {
    /// Points, in tenths (78.5 is 785).
    Tenths(u32),
    /// 缺考: the candidate did not sit the subject.
    Absent,
}

impl Score {
    pub fn text_zh(self) -> String {
        match self {
            Score::Tenths(tenths) => whole_or_tenths(u64::from(tenths)),
            Score::Absent => "缺考".into(),
        }
    }

    pub fn text_en(self) -> String {
        match self {
            Score::Tenths(tenths) => whole_or_tenths(u64::from(tenths)),
            Score::Absent => "Absent".into(),
        }
    }

    /// Whether it reaches the pass mark (none where the subject has none).
    pub fn passes(self, pass_mark_tenths: Option<u32>) -> Option<bool> {
        let mark = pass_mark_tenths?;
        Some(matches!(self, Score::Tenths(tenths) if tenths >= mark))
    }
}

/// One accepted row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoreRow {
    pub line: u64,
    pub id_number: String,
    pub name: String,
    pub subject: String,
    pub score: Score,
    pub pass_mark_tenths: Option<u32>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScoreImport {
    pub accepted: Vec<ScoreRow>,
    pub problems: Vec<RowProblem>,
}

/// Points as typed ("78", "78.5", " 100 "), in tenths; none for anything else (a sign, two
/// decimals, more than 1000).
pub fn parse_points(text: &str) -> Option<u32> {
    let text = text.trim();
    let (whole, decimal) = text.split_once('.').unwrap_or((text, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || whole.len() > 4
        || !digits(whole)
        || !digits(decimal)
        || decimal.len() > 1
        || text.ends_with('.')
    {
        return None;
    }
    let tenths = whole.parse::<u32>().ok()? * 10 + decimal.parse::<u32>().unwrap_or(0);
    (tenths <= MOST_TENTHS).then_some(tenths)
}

/// Judges rows already split into cells (`sheet_rows`).
pub fn parse_score_rows(rows: impl IntoIterator<Item = SheetRow>) -> ScoreImport {
    let mut out = ScoreImport::default();
    let mut seen = std::collections::HashMap::<(String, String), u64>::new();
    for row in data_rows(rows, &mut out.problems) {
        let line = row.line;
        let mut report =
            |line: u64, zh: String, en: String| out.problems.push(RowProblem { line, message_zh: zh, message_en: en });
        let (name, subject, raw_score, raw_mark) = (row.cell(1), row.cell(2), row.cell(3), row.cell(4));
        let id_number = match row.id_number() {
            Ok(id_number) => id_number,
            Err(problem) => {
                report(problem.line, problem.message_zh, problem.message_en);
                continue;
            }
        };
        if name.is_empty() || subject.is_empty() {
            report(line, "缺少姓名或科目".into(), "The name or the subject is missing".into());
            continue;
        }
        let score = match (raw_score, parse_points(raw_score)) {
            ("缺考", _) => Score::Absent,
            (_, Some(tenths)) => Score::Tenths(tenths),
            _ => {
                report(
                    line,
                    format!("成绩“{raw_score}”无效：应为 0 至 1000 的数（至多一位小数），或“缺考”"),
                    format!(
                        "Score \"{raw_score}\" is not valid: a number from 0 to 1000 (one decimal at most), or 缺考"
                    ),
                );
                continue;
            }
        };
        let pass_mark_tenths = match (raw_mark, parse_points(raw_mark)) {
            ("", _) => None,
            (_, Some(tenths)) => Some(tenths),
            _ => {
                report(
                    line,
                    format!("合格线“{raw_mark}”无效：应为 0 至 1000 的数（至多一位小数），或留空"),
                    format!("Pass mark \"{raw_mark}\" is not valid: a number from 0 to 1000 (one decimal at most), or empty"),
                );
                continue;
            }
        };
        let key = (id_number.clone(), subject.to_string());
        if let Some(first) = seen.get(&key) {
            report(
                line,
                format!("与第 {first} 行重复：同一证件号码的“{subject}”成绩只能有一行"),
                format!("Same as line {first}: one row per ID number and subject (\"{subject}\")"),
            );
            continue;
        }
        seen.insert(key, line);
        out.accepted.push(ScoreRow {
            line,
            id_number,
            name: name.to_string(),
            subject: subject.to_string(),
            score,
            pass_mark_tenths,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sheet_rows::csv_rows;

    #[test]
    fn points_are_whole_or_one_decimal_up_to_a_thousand() {
        assert_eq!(parse_points("78"), Some(780));
        assert_eq!(parse_points(" 78.5 "), Some(785));
        assert_eq!(parse_points("0"), Some(0));
        assert_eq!(parse_points("1000"), Some(10_000));
        for wrong in ["", "-1", "78.55", "78.", ".5", "1000.5", "七十", "1e2", "+5"] {
            assert_eq!(parse_points(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn good_rows_are_kept_and_bad_ones_named_by_line() {
        let text = "证件号码,姓名,科目,成绩,合格线\n\
                    11010519491231002X,张三,基础知识,78.5,60\n\
                    11010519491231002X,张三,专业实务,缺考,60\n\
                    110105194912310021,李四,基础知识,70,60\n\
                    320102199506123416,王五,基础知识,七十,60\n\
                    320102199506123416,王五,专业实务,66,\n\
                    11010519491231002X,张三,基础知识,80,60\n\
                    320102199506123416,王五,,66,60\n\
                    320102199506123416,王五,综合,66,六十\n";
        let import = parse_score_rows(csv_rows(text));
        let kept: Vec<(u64, &str, Score, Option<u32>)> =
            import.accepted.iter().map(|r| (r.line, r.subject.as_str(), r.score, r.pass_mark_tenths)).collect();
        assert_eq!(
            kept,
            [
                (2, "基础知识", Score::Tenths(785), Some(600)),
                (3, "专业实务", Score::Absent, Some(600)),
                (6, "专业实务", Score::Tenths(660), None),
            ]
        );
        let lines: Vec<u64> = import.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [4, 5, 7, 8, 9]);
        assert!(import.problems[1].message_zh.contains("成绩“七十”无效"), "{:?}", import.problems[1]);
        assert_eq!(import.problems[2].message_en, "Same as line 2: one row per ID number and subject (\"基础知识\")");
        assert!(import.problems[4].message_zh.contains("合格线“六十”无效"));
    }

    #[test]
    fn a_score_passes_at_the_mark_and_absence_never_does() {
        assert_eq!(Score::Tenths(600).passes(Some(600)), Some(true));
        assert_eq!(Score::Tenths(599).passes(Some(600)), Some(false));
        assert_eq!(Score::Absent.passes(Some(0)), Some(false));
        assert_eq!(Score::Tenths(10).passes(None), None, "no mark, no verdict");
        assert_eq!(Score::Tenths(785).text_zh(), "78.5");
        assert_eq!(Score::Tenths(780).text_en(), "78");
    }
}
