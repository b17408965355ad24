//! An export as a download, in the two forms an office opens: `.xlsx`, whose cells are typed text
//! (an 18-digit ID number stays 18 digits, a name typed as `=HYPERLINK(…)` stays a name), and CSV
//! for other tools, guarded so that Excel neither runs a cell nor rounds one. Every download is
//! audited: exports carry candidates' names and numbers out of the system.

use axum::http::header;
use axum::response::{IntoResponse, Response};

use app::error::AppError;
use app::ssr::access::{caller::Caller, gate::Admin};
use app::ssr::infra::audit::{self, AuditAction};
use app::ssr::ServerState;

/// Which form the administrator asked for (each route names one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetFormat {
    Csv,
    Xlsx,
}

impl SheetFormat {
    fn extension(self) -> &'static str {
        match self {
            SheetFormat::Csv => "csv",
            SheetFormat::Xlsx => "xlsx",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            SheetFormat::Csv => "text/csv; charset=utf-8",
            SheetFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// A header row and the rows below it, every cell text.
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new<const N: usize>(header: [&str; N], rows: Vec<Vec<String>>) -> Table {
        Table { header: header.iter().map(|h| h.to_string()).collect(), rows }
    }

    pub fn encode(&self, format: SheetFormat) -> Result<Vec<u8>, String> {
        match format {
            SheetFormat::Csv => self.to_csv(),
            SheetFormat::Xlsx => self.to_xlsx(),
        }
    }

    /// UTF-8 with a byte-order mark, so Excel opens the Chinese text correctly.
    fn to_csv(&self) -> Result<Vec<u8>, String> {
        let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
        writer.write_record(&self.header).map_err(|e| e.to_string())?;
        for row in &self.rows {
            writer.write_record(row.iter().map(|cell| csv_cell(cell).into_owned())).map_err(|e| e.to_string())?;
        }
        writer.into_inner().map_err(|e| e.to_string())
    }

    fn to_xlsx(&self) -> Result<Vec<u8>, String> {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        let bold = rust_xlsxwriter::Format::new().set_bold();
        for (col, title) in self.header.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, title, &bold).map_err(|e| e.to_string())?;
        }
        for (r, row) in self.rows.iter().enumerate() {
            for (col, value) in row.iter().enumerate() {
                // Text, never numbers or formulas: what a candidate typed stays what they typed.
                sheet.write_string(r as u32 + 1, col as u16, value).map_err(|e| e.to_string())?;
            }
        }
        workbook.save_to_buffer().map_err(|e| e.to_string())
    }
}

/// A CSV cell Excel shows as the text it is:
/// - a value that begins like a formula (`=`, `+`, `-`, `@`, a tab or a carriage return) gets a
///   leading apostrophe, so a name typed as `=HYPERLINK(…)` is never run;
/// - a run of 12 or more digits (an ID number, an order number) gets a leading tab, so Excel
///   keeps it as text instead of showing 4.4E+17 and dropping digits past the 15th on saving.
pub fn csv_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else if cell.len() >= 12 && cell.bytes().all(|b| b.is_ascii_digit()) {
        format!("\t{cell}").into()
    } else {
        cell.into()
    }
}

/// The table as a download named `{file_stem}.{csv|xlsx}`, after an audit line that says who took
/// which export of which exam, and how many rows.
pub async fn audited_download(
    state: &ServerState,
    staff: &Caller<Admin>,
    target: &str,
    file_stem: &str,
    format: SheetFormat,
    table: Table,
) -> Result<Response, AppError> {
    let file_name = format!("{file_stem}.{}", format.extension());
    let detail = format!("{file_name}: {} rows", table.rows.len());
    audit::record(&state.db, Some(staff.account()), AuditAction::ExportDownloaded, target, &detail, state.clock.now())
        .await?;
    download(file_stem, format, &table)
}

/// The table as a download named `{file_stem}.{csv|xlsx}`, kept by no cache on the way.
pub fn download(file_stem: &str, format: SheetFormat, table: &Table) -> Result<Response, AppError> {
    let bytes = table.encode(format).map_err(|e| app::ssr::internal("export", e))?;
    let file_name = format!("{file_stem}.{}", format.extension());
    Ok((
        [
            (header::CONTENT_TYPE, format.content_type().to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file_name}\"")),
            (header::CACHE_CONTROL, "no-store, private".to_string()),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_that_starts_like_a_formula_is_kept_as_text() {
        assert_eq!(csv_cell("=HYPERLINK(\"http://evil\",\"点我\")"), "'=HYPERLINK(\"http://evil\",\"点我\")");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("+86 138"), "'+86 138");
    }

    #[test]
    fn a_long_number_is_marked_as_text_so_no_digit_is_lost() {
        assert_eq!(csv_cell("110101198008087897"), "\t110101198008087897");
        assert_eq!(csv_cell("202611230001"), "\t202611230001");
    }

    #[test]
    fn ordinary_names_short_numbers_and_masked_numbers_are_left_alone() {
        assert_eq!(csv_cell("李明"), "李明");
        assert_eq!(csv_cell("44030519900101123X"), "44030519900101123X");
        assert_eq!(csv_cell("4403**********123X"), "4403**********123X");
        assert_eq!(csv_cell("7"), "7");
    }
}
