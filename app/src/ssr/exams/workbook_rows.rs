//! A list an administrator imports as an Excel workbook (`.xlsx`): the first sheet's first columns,
//! read by `calamine`, as rows of text each named by its row number in the sheet
//! (`domain::sheet_rows`), for the candidate list and the score sheet alike.
//!
//! calamine runs in the server's own process, where an allocation that fails ends the process.
//! So it is handed only a workbook whose size it cannot be fooled by: the archive unpacks to a
//! bounded size and promises a bounded number of strings (calamine reserves room for as many as
//! the file claims), and the sheet is read cell by cell, never as one grid spanning its farthest
//! cells, up to a bounded number of rows.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use base64::Engine;
use calamine::{DataRef, Reader, Xlsx};

use crate::domain::sheet_rows::{RowProblem, SheetRow};
use crate::error::AppError;

/// Excel keeps numbers in 15 significant digits: an ID number typed into a number cell has lost
/// its last digits before Zige ever sees the file.
const EXACT_DIGITS: usize = 15;
/// The most the archive may unpack to (a list of 200,000 people is a few tens of MB).
const MAX_UNPACKED_BYTES: u128 = 256 * 1024 * 1024;
/// The most distinct strings a workbook may claim to hold.
const MAX_SHARED_STRINGS: usize = 1_000_000;
/// The most rows read; the exams Zige serves list tens of thousands.
pub const MAX_ROWS: u32 = 200_000;

/// Why a workbook was not read at all.
#[derive(Debug, PartialEq, Eq)]
pub enum WorkbookTrouble {
    NotAWorkbook,
    /// Too large to read safely, and how, in Chinese and English.
    TooLarge(String, String),
}

/// A workbook's bytes from the base64 text the browser sends.
pub fn workbook_bytes(base64_text: &str) -> Result<Vec<u8>, AppError> {
    base64::engine::general_purpose::STANDARD.decode(base64_text.trim()).map_err(|_| not_a_workbook())
}

/// What a file that is no workbook is answered, whichever list it was sent as.
pub fn not_a_workbook() -> AppError {
    AppError::invalid_field(
        "sheet",
        "无法读取这个文件：请上传 Excel 工作簿（.xlsx），或另存为 CSV 后粘贴",
        "This file cannot be read: upload an Excel workbook (.xlsx), or save it as CSV and paste it",
    )
}

/// The first sheet's columns A up to `columns`, row by row in the sheet's order. Column A holds
/// ID numbers: one typed into a number cell too long for Excel to keep is that row's problem.
pub fn workbook_rows(bytes: Vec<u8>, columns: u16) -> Result<Vec<SheetRow>, WorkbookTrouble> {
    inspect(&bytes)?;
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|_| WorkbookTrouble::NotAWorkbook)?;
    let first_sheet = workbook.sheet_names().into_iter().next().ok_or(WorkbookTrouble::NotAWorkbook)?;
    let mut cells = workbook.worksheet_cells_reader(&first_sheet).map_err(|_| WorkbookTrouble::NotAWorkbook)?;
    let mut rows: BTreeMap<u32, Vec<Option<Result<String, usize>>>> = BTreeMap::new();
    while let Some(cell) = cells.next_cell().map_err(|_| WorkbookTrouble::NotAWorkbook)? {
        let (row, column) = cell.get_position();
        if row >= MAX_ROWS {
            return Err(WorkbookTrouble::TooLarge(format!("多于 {MAX_ROWS} 行"), format!("more than {MAX_ROWS} rows")));
        }
        if column < u32::from(columns) {
            let cells = rows.entry(row).or_insert_with(|| vec![None; usize::from(columns)]);
            cells[column as usize] = Some(cell_text(cell.get_value()));
        }
    }
    Ok(rows
        .into_iter()
        .map(|(row, cells)| {
            let line = u64::from(row) + 1;
            let mut texts = Vec::with_capacity(cells.len());
            for (column, cell) in cells.into_iter().enumerate() {
                match cell.unwrap_or(Ok(String::new())) {
                    Ok(text) => texts.push(text),
                    Err(digits) if column == 0 => return Err(rounded_number(line, digits)),
                    Err(_) => texts.push(String::new()),
                }
            }
            Ok((line, texts))
        })
        .collect())
}

/// Refuses an archive that would unpack past the bound or claims more strings than a list has.
fn inspect(bytes: &[u8]) -> Result<(), WorkbookTrouble> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| WorkbookTrouble::NotAWorkbook)?;
    if archive.decompressed_size().is_none_or(|size| size > MAX_UNPACKED_BYTES) {
        return Err(WorkbookTrouble::TooLarge("解压后过大".into(), "it unpacks to too much".into()));
    }
    let Ok(strings) = archive.by_name("xl/sharedStrings.xml") else { return Ok(()) };
    let mut head = Vec::with_capacity(4096);
    strings.take(4096).read_to_end(&mut head).map_err(|_| WorkbookTrouble::NotAWorkbook)?;
    let head = String::from_utf8_lossy(&head);
    let claimed =
        head.split("uniqueCount=\"").nth(1).and_then(|rest| rest.split('"').next()).and_then(|n| n.parse::<u64>().ok());
    if claimed.is_some_and(|n| n > MAX_SHARED_STRINGS as u64) {
        return Err(WorkbookTrouble::TooLarge("包含的文字条目过多".into(), "it claims too many strings".into()));
    }
    Ok(())
}

/// A cell as the text it shows; a whole number too long for Excel to keep is refused with its
/// number of digits.
fn cell_text(cell: &DataRef<'_>) -> Result<String, usize> {
    match cell {
        DataRef::Float(number) if number.fract() == 0.0 => {
            let digits = format!("{number:.0}");
            if digits.trim_start_matches('-').len() > EXACT_DIGITS {
                return Err(digits.len());
            }
            Ok(digits)
        }
        DataRef::Empty => Ok(String::new()),
        other => Ok(calamine::Data::from(other.clone()).to_string()),
    }
}

fn rounded_number(line: u64, digits: usize) -> RowProblem {
    RowProblem {
        line,
        message_zh: format!(
            "证件号码是 {digits} 位数字格式的单元格，Excel 只保留 {EXACT_DIGITS} 位，末几位已丢失：请把该列设为“文本”后重新填写"
        ),
        message_en: format!(
            "The ID number is a {digits}-digit number cell; Excel keeps only {EXACT_DIGITS} digits, so the last ones are lost: format the column as Text and type it again"
        ),
    }
}
