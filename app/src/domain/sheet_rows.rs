//! The rows of a list an administrator imports (the candidates allowed in, an exam's scores), as
//! CSV text, rows pasted from Excel or WPS (tabs), or a workbook's rows: each row its line number
//! as the person sees it and its cells, or what was wrong with a line that could not be read.

use super::id_number::parse_any_id_number;

/// A line of an imported list that was not taken, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    pub line: u64,
    pub message_zh: String,
    pub message_en: String,
}

/// One row: its line and its cells, or why it could not be read.
pub type SheetRow = Result<(u64, Vec<String>), RowProblem>;

/// Rows separated by commas, or by tabs as Excel and WPS put them on the clipboard (a text whose
/// first line holds a tab is read as tab-separated); each cell trimmed.
pub fn csv_rows(text: &str) -> Vec<SheetRow> {
    // Excel and WPS end pasted rows with CRLF; read as LF, every row is numbered as the person
    // sees it.
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let first_line = text.lines().find(|line| !line.trim().is_empty()).unwrap_or("");
    let delimiter = if first_line.contains('\t') { b'\t' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    reader
        .records()
        .enumerate()
        .map(|(index, record)| match record {
            Ok(record) => {
                let line = record.position().map(|p| p.line()).unwrap_or(index as u64 + 1);
                Ok((line, record.iter().map(str::to_string).collect()))
            }
            Err(error) => Err(RowProblem {
                line: error.position().map(|p| p.line()).unwrap_or(index as u64 + 1),
                message_zh: "这一行不是有效的 CSV".into(),
                message_en: "This line is not valid CSV".into(),
            }),
        })
        .collect()
}

/// A row of an imported list that holds data: its line and its cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataRow {
    pub line: u64,
    cells: Vec<String>,
}

impl DataRow {
    /// The cell in column `index` (0 for A), trimmed; empty past the row's end.
    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map(|cell| cell.trim()).unwrap_or("")
    }

    /// Column A as an ID number of any accepted type, or why it is none.
    pub fn id_number(&self) -> Result<String, RowProblem> {
        let raw = self.cell(0);
        parse_any_id_number(raw).map(|id| id.as_str().to_string()).map_err(|reason| {
            self.problem(
                format!("证件号码“{raw}”无效：{}", reason.0),
                format!("ID number \"{raw}\" is not valid: {}", reason.1),
            )
        })
    }

    /// What is wrong with this row.
    pub fn problem(&self, message_zh: impl Into<String>, message_en: impl Into<String>) -> RowProblem {
        RowProblem { line: self.line, message_zh: message_zh.into(), message_en: message_en.into() }
    }
}

/// The rows holding data, in order. A row that could not be read goes to `problems`, a blank one
/// is skipped, and a first row whose column A holds no digit is a header (身份证号,姓名…): no ID
/// number of any type is without one.
pub fn data_rows(rows: impl IntoIterator<Item = SheetRow>, problems: &mut Vec<RowProblem>) -> Vec<DataRow> {
    let mut out = Vec::new();
    for (index, row) in rows.into_iter().enumerate() {
        let (line, cells) = match row {
            Ok(row) => row,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let row = DataRow { line, cells };
        if row.cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if index == 0 && !row.cell(0).chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        out.push(row);
    }
    out
}
