//! An eligibility list sent as an Excel workbook (`.xlsx`): the first sheet's rows, read by
//! `calamine`, judged exactly as CSV rows are (`domain::eligibility_csv`), each named by its row
//! number in the sheet.

use std::io::Cursor;

use base64::Engine;
use calamine::{Data, Reader, Xlsx};

use crate::domain::eligibility_csv::{parse_eligibility_rows, EligibilityImport, RowProblem};
use crate::error::AppError;

/// Excel keeps numbers in 15 significant digits: an ID number typed into a number cell has lost
/// its last digits before Zige ever sees the file.
const EXACT_DIGITS: usize = 15;

/// The workbook's rows from its base64 text (as the browser sends it).
pub fn read_base64(text: &str) -> Result<EligibilityImport, AppError> {
    let bytes = base64::engine::general_purpose::STANDARD.decode(text.trim()).map_err(|_| not_a_workbook())?;
    read(bytes)
}

pub fn read(bytes: Vec<u8>) -> Result<EligibilityImport, AppError> {
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|_| not_a_workbook())?;
    let sheet = workbook.worksheet_range_at(0).ok_or_else(not_a_workbook)?.map_err(|_| not_a_workbook())?;
    let first_row = sheet.start().map_or(0, |(row, _)| row);
    let first_column = sheet.start().map_or(0, |(_, column)| column);
    // The list's columns are A and B, wherever the sheet's first used cell is.
    let leading_blanks = first_column as usize;
    let rows = sheet.rows().enumerate().map(|(index, cells)| {
        let line = u64::from(first_row) + index as u64 + 1;
        let mut row: Vec<String> = vec![String::new(); leading_blanks];
        for cell in cells {
            row.push(cell_text(cell).map_err(|digits| rounded_number(line, digits))?);
        }
        Ok((line, row))
    });
    Ok(parse_eligibility_rows(rows))
}

/// A cell as the text it shows; a whole number too long for Excel to keep is refused with its
/// number of digits.
fn cell_text(cell: &Data) -> Result<String, usize> {
    match cell {
        Data::Float(number) if number.fract() == 0.0 => {
            let digits = format!("{number:.0}");
            if digits.trim_start_matches('-').len() > EXACT_DIGITS {
                return Err(digits.len());
            }
            Ok(digits)
        }
        Data::Empty => Ok(String::new()),
        other => Ok(other.to_string()),
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
    fn a_file_that_is_not_a_workbook_is_named_as_such() {
        let refused = read("11010519491231002X,张三".as_bytes().to_vec()).unwrap_err();
        assert!(refused.message_zh().contains(".xlsx"), "{refused:?}");
    }
}
