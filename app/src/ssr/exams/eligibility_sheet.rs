//! An eligibility list sent as an Excel workbook (`.xlsx`): the first sheet's columns A to C
//! (`workbook_rows`, which reads it safely), judged exactly as CSV rows are
//! (`domain::eligibility_csv`), each named by its row number in the sheet.

use crate::domain::eligibility_csv::{parse_eligibility_rows, EligibilityImport};
use crate::error::AppError;

use super::workbook_rows::{not_a_workbook, workbook_bytes, workbook_rows, WorkbookTrouble};

/// The workbook's rows from its base64 text (as the browser sends it).
pub fn read_base64(text: &str) -> Result<EligibilityImport, AppError> {
    read(workbook_bytes(text)?)
}

pub fn read(bytes: Vec<u8>) -> Result<EligibilityImport, AppError> {
    match workbook_rows(bytes, 3) {
        Ok(rows) => Ok(parse_eligibility_rows(rows)),
        Err(WorkbookTrouble::NotAWorkbook) => Err(not_a_workbook()),
        Err(WorkbookTrouble::TooLarge(zh, en)) => Err(too_large(&zh, &en)),
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

#[cfg(test)]
mod tests {
    use std::io::Cursor;

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
