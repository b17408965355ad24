//! An eligibility list sent as an Excel workbook (`.xlsx`): the first sheet's columns A to C,
//! read by `calamine`, judged exactly as CSV rows are (`domain::eligibility_csv`), each named by
//! its row number in the sheet.
//!
//! calamine runs in the server's own process, where an allocation that fails ends the process.
//! So it is handed only a workbook whose size it cannot be fooled by: the archive unpacks to a
//! bounded size and promises a bounded number of strings (calamine reserves room for as many as
//! the file claims), and the sheet is read cell by cell, never as one grid spanning its farthest
//! cells, up to a bounded number of rows.

use std::io::{Cursor, Read};

use base64::Engine;
use calamine::{DataRef, Reader, Xlsx};

use crate::domain::eligibility_csv::{parse_eligibility_rows, EligibilityImport, RowProblem};
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

/// The workbook's rows from its base64 text (as the browser sends it).
pub fn read_base64(text: &str) -> Result<EligibilityImport, AppError> {
    let bytes = base64::engine::general_purpose::STANDARD.decode(text.trim()).map_err(|_| not_a_workbook())?;
    read(bytes)
}

pub fn read(bytes: Vec<u8>) -> Result<EligibilityImport, AppError> {
    inspect(&bytes)?;
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|_| not_a_workbook())?;
    let first_sheet = workbook.sheet_names().into_iter().next().ok_or_else(not_a_workbook)?;
    let mut cells = workbook.worksheet_cells_reader(&first_sheet).map_err(|_| not_a_workbook())?;
    // Row number → (columns A, B and C: ID number, name, mobile), in the sheet's order.
    let mut rows: std::collections::BTreeMap<u32, [Option<Result<String, usize>>; 3]> = Default::default();
    while let Some(cell) = cells.next_cell().map_err(|_| not_a_workbook())? {
        let (row, column) = cell.get_position();
        if row >= MAX_ROWS {
            return Err(too_large(&format!("多于 {MAX_ROWS} 行"), &format!("more than {MAX_ROWS} rows")));
        }
        if column < 3 {
            rows.entry(row).or_default()[column as usize] = Some(cell_text(cell.get_value()));
        }
    }
    let judged = rows.into_iter().map(|(row, [id_number, name, mobile])| {
        let line = u64::from(row) + 1;
        let id_number = id_number.unwrap_or(Ok(String::new())).map_err(|digits| rounded_number(line, digits))?;
        let name = name.map_or(String::new(), |text| text.unwrap_or_default());
        let mobile = mobile.map_or(String::new(), |text| text.unwrap_or_default());
        Ok((line, vec![id_number, name, mobile]))
    });
    Ok(parse_eligibility_rows(judged))
}

/// Refuses an archive that would unpack past the bound or claims more strings than a list has.
fn inspect(bytes: &[u8]) -> Result<(), AppError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_a_workbook())?;
    if archive.decompressed_size().is_none_or(|size| size > MAX_UNPACKED_BYTES) {
        return Err(too_large("解压后过大", "it unpacks to too much"));
    }
    let Ok(strings) = archive.by_name("xl/sharedStrings.xml") else { return Ok(()) };
    let mut head = Vec::with_capacity(4096);
    strings.take(4096).read_to_end(&mut head).map_err(|_| not_a_workbook())?;
    let head = String::from_utf8_lossy(&head);
    let claimed =
        head.split("uniqueCount=\"").nth(1).and_then(|rest| rest.split('"').next()).and_then(|n| n.parse::<u64>().ok());
    if claimed.is_some_and(|n| n > MAX_SHARED_STRINGS as u64) {
        return Err(too_large("包含的文字条目过多", "it claims too many strings"));
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

fn too_large(zh: &str, en: &str) -> AppError {
    AppError::invalid_field(
        "sheet",
        format!("这个工作簿过大（{zh}），无法作为考生名单导入：请只保留证件号码和姓名两列"),
        format!(
            "This workbook is too large ({en}) to import as a candidate list: keep only the ID number and name columns"
        ),
    )
}

fn not_a_workbook() -> AppError {
    AppError::invalid_field(
        "sheet",
        "无法读取这个文件：请上传 Excel 工作簿（.xlsx），或另存为 CSV 后粘贴",
        "This file cannot be read: upload an Excel workbook (.xlsx), or save it as CSV and paste it",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workbook(rows: &[(&str, &str)], numeric_row: Option<(u32, f64)>) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "身份证号").unwrap();
        sheet.write_string(0, 1, "姓名").unwrap();
        for (i, (id, name)) in rows.iter().enumerate() {
            sheet.write_string(i as u32 + 1, 0, *id).unwrap();
            sheet.write_string(i as u32 + 1, 1, *name).unwrap();
        }
        if let Some((row, number)) = numeric_row {
            sheet.write_number(row, 0, number).unwrap();
            sheet.write_string(row, 1, "数字格式").unwrap();
        }
        book.save_to_buffer().unwrap()
    }

    #[test]
    fn a_workbook_s_rows_are_judged_as_csv_rows_and_named_by_sheet_row() {
        let bytes = workbook(&[("11010519491231002X", "张三"), ("110105194912310021", "李四")], None);
        let import = read(bytes).unwrap();
        assert_eq!(import.accepted.len(), 1);
        assert_eq!(import.accepted[0].name, "张三");
        assert_eq!(import.problems.len(), 1);
        assert_eq!(import.problems[0].line, 3, "the third row of the sheet");
    }

    #[test]
    fn an_id_number_typed_into_a_number_cell_is_refused_with_its_digits() {
        let bytes = workbook(&[("11010519491231002X", "张三")], Some((2, 320102199506123416.0)));
        let import = read(bytes).unwrap();
        assert_eq!(import.accepted.len(), 1);
        assert_eq!(import.problems[0].line, 3);
        assert!(import.problems[0].message_zh.contains("18 位数字"), "{}", import.problems[0].message_zh);
    }

    #[test]
    fn a_long_number_beside_the_list_does_not_spoil_the_row() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "11010519491231002X").unwrap();
        sheet.write_string(0, 1, "张三").unwrap();
        sheet.write_number(0, 2, 6222020200112233445.0).unwrap();
        let import = read(book.save_to_buffer().unwrap()).unwrap();
        assert_eq!((import.accepted.len(), import.problems.len()), (1, 0));
    }

    #[test]
    fn a_workbook_that_claims_a_billion_strings_is_refused_before_it_is_read() {
        use std::io::Write;
        let mut archive = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        archive.start_file("xl/sharedStrings.xml", options).unwrap();
        archive.write_all(br#"<sst xmlns="x" count="1" uniqueCount="999999999999"><si><t>a</t></si></sst>"#).unwrap();
        let bytes = archive.finish().unwrap().into_inner();
        let refused = read(bytes).unwrap_err();
        assert!(refused.message_en().contains("too many strings"), "{refused:?}");
    }

    #[test]
    fn a_cell_far_beyond_the_list_is_not_read_into_one_huge_grid() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "11010519491231002X").unwrap();
        sheet.write_string(0, 1, "张三").unwrap();
        sheet.write_string(100_000, 16_000, "far away").unwrap();
        let import = read(book.save_to_buffer().unwrap()).unwrap();
        assert_eq!((import.accepted.len(), import.problems.len()), (1, 0));
    }

    #[test]
    fn a_file_that_is_not_a_workbook_is_named_as_such() {
        let refused = read("11010519491231002X,张三".as_bytes().to_vec()).unwrap_err();
        assert!(refused.message_zh().contains(".xlsx"), "{refused:?}");
    }
}
