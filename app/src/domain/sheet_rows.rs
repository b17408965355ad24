//! The rows of a list an administrator imports (the candidates allowed in, an exam's scores), as
//! CSV text, rows pasted from Excel or WPS (tabs), or a workbook's rows: each row its line number
//! as the person sees it and its cells, or what was wrong with a line that could not be read.

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
