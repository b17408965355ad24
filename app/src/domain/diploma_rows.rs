//! 高等教育学历 (seed 004 section 四: "根据毕业证内容填写，并上传毕业证图片"): one row per diploma —
//! 学历, 毕业学校, 专业, 入学时间, 毕业时间, 证书编号 — added and removed by the candidate.
//!
//! The rows travel as the form field's one text value: a line per row, its cells apart by a tab.
//! A form's values are text (`FormValues`), and the candidate's page holds no JSON reader
//! (`json_text`); the editor keeps tabs and line breaks out of the cells, so the text reads back
//! as it was written.

use super::diploma_level::{DiplomaLevel, DIPLOMA_LEVELS};
use super::personal_form::{FieldKind, FormField, FormValues};
use super::year_month::YearMonth;

/// More rows than any career has diplomas; it bounds the registration form's table.
pub const MAX_DIPLOMA_ROWS: usize = 6;
const MAX_NAME_CHARS: usize = 40;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DiplomaRow {
    /// `DiplomaLevel::name_zh`, as chosen.
    pub level: String,
    pub school: String,
    pub major: String,
    /// "YYYY-MM", as `<input type="month">` holds it.
    pub entered: String,
    pub graduated: String,
    pub number: String,
}

/// A row's cells, in the order they are stored and shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiplomaColumn {
    Level,
    School,
    Major,
    Entered,
    Graduated,
    Number,
}

pub const DIPLOMA_COLUMNS: [DiplomaColumn; 6] = [
    DiplomaColumn::Level,
    DiplomaColumn::School,
    DiplomaColumn::Major,
    DiplomaColumn::Entered,
    DiplomaColumn::Graduated,
    DiplomaColumn::Number,
];

impl DiplomaColumn {
    pub fn label_zh(self) -> &'static str {
        match self {
            DiplomaColumn::Level => "学历",
            DiplomaColumn::School => "毕业学校",
            DiplomaColumn::Major => "专业",
            DiplomaColumn::Entered => "入学时间",
            DiplomaColumn::Graduated => "毕业时间",
            DiplomaColumn::Number => "证书编号",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            DiplomaColumn::Level => "Level",
            DiplomaColumn::School => "School",
            DiplomaColumn::Major => "Major",
            DiplomaColumn::Entered => "Entered",
            DiplomaColumn::Graduated => "Graduated",
            DiplomaColumn::Number => "Certificate number",
        }
    }
}

impl DiplomaRow {
    pub fn cell(&self, column: DiplomaColumn) -> &str {
        match column {
            DiplomaColumn::Level => &self.level,
            DiplomaColumn::School => &self.school,
            DiplomaColumn::Major => &self.major,
            DiplomaColumn::Entered => &self.entered,
            DiplomaColumn::Graduated => &self.graduated,
            DiplomaColumn::Number => &self.number,
        }
    }

    /// Sets a cell as typed, without the tabs and line breaks that would split the text.
    pub fn set_cell(&mut self, column: DiplomaColumn, typed: &str) {
        let cell = typed.replace(['\t', '\n', '\r'], " ");
        match column {
            DiplomaColumn::Level => self.level = cell,
            DiplomaColumn::School => self.school = cell,
            DiplomaColumn::Major => self.major = cell,
            DiplomaColumn::Entered => self.entered = cell,
            DiplomaColumn::Graduated => self.graduated = cell,
            DiplomaColumn::Number => self.number = cell,
        }
    }

    /// The row on one line, as a reviewer reads it beside the diploma.
    pub fn summary(&self) -> String {
        format!(
            "{} · {} · {} · {}–{} · {}",
            self.level, self.school, self.major, self.entered, self.graduated, self.number
        )
    }

    fn is_empty(&self) -> bool {
        DIPLOMA_COLUMNS.into_iter().all(|column| self.cell(column).trim().is_empty())
    }
}

/// The rows a field's text holds, an empty row (added, not yet typed in) included.
pub fn read_rows(text: &str) -> Vec<DiplomaRow> {
    text.split('\n')
        .filter(|line| !line.is_empty())
        .map(|line| {
            let mut cells = line.split('\t').map(str::to_string);
            let mut next = || cells.next().unwrap_or_default();
            DiplomaRow {
                level: next(),
                school: next(),
                major: next(),
                entered: next(),
                graduated: next(),
                number: next(),
            }
        })
        .collect()
}

pub fn write_rows(rows: &[DiplomaRow]) -> String {
    rows.iter().map(|row| DIPLOMA_COLUMNS.map(|column| row.cell(column)).join("\t")).collect::<Vec<_>>().join("\n")
}

/// The rows the candidate filled in, for printing and comparing: empty rows left out.
pub fn filled_rows(text: &str) -> Vec<DiplomaRow> {
    read_rows(text).into_iter().filter(|row| !row.is_empty()).collect()
}

/// The filled rows of a form's 高等教育学历 field (none where the form has no such field).
pub fn diploma_rows_of(fields: &[FormField], values: &FormValues) -> Vec<DiplomaRow> {
    let field = fields.iter().find(|field| field.kind == FieldKind::Diplomas);
    field.and_then(|field| values.get(&field.key)).map(String::as_str).map(filled_rows).unwrap_or_default()
}

/// Every problem of the rows, each naming its row, in both languages. `complete` asks for every
/// cell of every row that was begun (a submission); a draft is told only of what is wrong.
pub fn row_problems(text: &str, complete: bool) -> Vec<(String, String)> {
    let rows = filled_rows(text);
    let mut problems = Vec::new();
    if rows.len() > MAX_DIPLOMA_ROWS {
        problems.push((
            format!("共 {} 行，最多 {MAX_DIPLOMA_ROWS} 行", rows.len()),
            format!("{} rows, at most {MAX_DIPLOMA_ROWS}", rows.len()),
        ));
    }
    for (index, row) in rows.iter().enumerate() {
        let n = index + 1;
        let mut report = |zh: String, en: String| problems.push((format!("第 {n} 行：{zh}"), format!("Row {n}: {en}")));
        if complete {
            for column in DIPLOMA_COLUMNS.into_iter().filter(|&column| row.cell(column).trim().is_empty()) {
                report(format!("请填写{}", column.label_zh()), format!("{} is required", column.label_en()));
            }
        }
        for column in [DiplomaColumn::School, DiplomaColumn::Major] {
            let chars = row.cell(column).trim().chars().count();
            if chars > MAX_NAME_CHARS {
                report(
                    format!("{}共 {chars} 个字，超过上限 {MAX_NAME_CHARS} 个字", column.label_zh()),
                    format!("{} has {chars} characters, above the limit of {MAX_NAME_CHARS}", column.label_en()),
                );
            }
        }
        let level = DiplomaLevel::parse(&row.level);
        if level.is_none() && !row.level.trim().is_empty() {
            let names: Vec<&str> = DIPLOMA_LEVELS.iter().map(|level| level.name_zh()).collect();
            report(format!("学历请从列表中选择（{}）", names.join("、")), "choose the level from the list".to_string());
        }
        let (entered, graduated) = (YearMonth::parse(&row.entered), YearMonth::parse(&row.graduated));
        for (column, month) in [(DiplomaColumn::Entered, entered), (DiplomaColumn::Graduated, graduated)] {
            if month.is_none() && !row.cell(column).trim().is_empty() {
                report(
                    format!("{}应为年月，如 2009-07", column.label_zh()),
                    format!("{} must be a year and month, like 2009-07", column.label_en()),
                );
            }
        }
        if let (Some(entered), Some(graduated)) = (entered, graduated) {
            if graduated <= entered {
                report(
                    format!("毕业时间 {} 不晚于入学时间 {}", graduated.text_zh(), entered.text_zh()),
                    format!("graduated ({}) no later than entered ({})", graduated.text_en(), entered.text_en()),
                );
            }
        }
        if let (Some(level), false) = (level, row.number.trim().is_empty()) {
            if let Some((zh, en)) = level.number_mistake(&row.number, graduated) {
                report(zh, en);
            }
        }
        let number = row.number.trim();
        if let Some(earlier) =
            rows[..index].iter().position(|other| !number.is_empty() && other.number.trim() == number)
        {
            report(
                format!("证书编号与第 {} 行相同", earlier + 1),
                format!("the certificate number is that of row {}", earlier + 1),
            );
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: [&str; 6]) -> String {
        cells.join("\t")
    }

    const BACHELOR: [&str; 6] = ["大学本科", "山东大学", "法学", "2005-09", "2009-07", "104221200905001234"];

    #[test]
    fn a_forms_rows_are_those_of_its_diplomas_field_filled_and_none_without_one() {
        let field = |key: &str, kind| FormField {
            key: key.into(),
            label_zh: key.into(),
            label_en: key.into(),
            kind,
            required: false,
            max_chars: None,
            hint_zh: None,
            hint_en: None,
            options: vec![],
            starts_at: None,
        };
        let fields = [field("school", FieldKind::Text), field("diplomas", FieldKind::Diplomas)];
        let typed = format!("{}\n\t\t\t\t\t", row(BACHELOR));
        let values: FormValues =
            [("school", "山东大学"), ("diplomas", typed.as_str())].map(|(k, v)| (k.to_string(), v.to_string())).into();
        let rows = diploma_rows_of(&fields, &values);
        assert_eq!(rows.len(), 1, "the empty row left out");
        assert_eq!(rows[0].number, "104221200905001234");
        assert_eq!(diploma_rows_of(&fields[..1], &values), vec![], "a form without the field");
    }

    #[test]
    fn rows_read_back_as_they_were_written_an_empty_one_included() {
        let mut rows = read_rows(&row(BACHELOR));
        rows.push(DiplomaRow::default());
        rows[1].set_cell(DiplomaColumn::School, "北京\t大学\n");
        let text = write_rows(&rows);
        assert_eq!(read_rows(&text), rows);
        assert_eq!(rows[1].school, "北京 大学 ", "a tab or a line break would split the text");
        assert_eq!(filled_rows(&text).len(), 2);
        assert_eq!(filled_rows(&write_rows(&[DiplomaRow::default()])).len(), 0);
    }

    #[test]
    fn a_full_row_has_no_problem_and_a_begun_one_is_told_what_is_missing_on_submission() {
        assert!(row_problems(&row(BACHELOR), true).is_empty());
        let begun = row(["大学本科", "山东大学", "", "", "", ""]);
        assert!(row_problems(&begun, false).is_empty(), "a draft may be unfinished");
        let missing: Vec<String> = row_problems(&begun, true).into_iter().map(|(zh, _)| zh).collect();
        assert_eq!(
            missing,
            ["第 1 行：请填写专业", "第 1 行：请填写入学时间", "第 1 行：请填写毕业时间", "第 1 行：请填写证书编号"]
        );
    }

    #[test]
    fn each_wrong_cell_is_named_with_its_row() {
        let second = row(["大专", "山东大学", "法学", "2009-09", "2009-07", "104221200905001234"]);
        let text = format!("{}\n{second}", row(BACHELOR));
        let found: Vec<String> = row_problems(&text, false).into_iter().map(|(zh, _)| zh).collect();
        assert!(found[0].starts_with("第 2 行：学历请从列表中选择（大学专科、大学本科"), "{found:?}");
        assert_eq!(found[1], "第 2 行：毕业时间 2009年7月 不晚于入学时间 2009年9月");
        assert_eq!(found[2], "第 2 行：证书编号与第 1 行相同");
    }

    #[test]
    fn the_number_is_judged_against_the_rows_level_and_year() {
        let master = row(["硕士研究生", "山东大学", "法学", "2009-09", "2012-07", "104221200905001234"]);
        let found = row_problems(&master, false);
        assert_eq!(found.len(), 1);
        assert!(found[0].0.starts_with("第 1 行：证书编号第 11–12 位为 05"), "{found:?}");
        assert!(found[0].1.starts_with("Row 1: Digits 11–12"), "{found:?}");
    }

    #[test]
    fn more_rows_than_a_career_has_are_refused_with_both_numbers() {
        let text = vec![row(BACHELOR); MAX_DIPLOMA_ROWS + 1].join("\n");
        assert_eq!(row_problems(&text, false)[0].0, "共 7 行，最多 6 行");
    }
}
