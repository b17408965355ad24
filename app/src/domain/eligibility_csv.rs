//! The list of candidates allowed into an exam, as administrators import it: ID number, name and,
//! where the branch texts them (seed 004), a mobile number per row (with or without a header row), as CSV, as rows pasted from Excel or WPS (tabs), or as
//! a spreadsheet's rows. Good rows are kept; every bad row is reported with its line number and
//! why.

use super::mobile_number::normalized_mobile;
use super::sheet_rows::{csv_rows, data_rows, RowProblem, SheetRow};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EligibleCandidate {
    pub id_number: String,
    pub name: String,
    /// The number the text telling them goes to; None: the row gave none.
    pub mobile: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EligibilityImport {
    pub accepted: Vec<EligibleCandidate>,
    pub problems: Vec<RowProblem>,
}

/// Reads `id_number,name[,mobile]` rows, separated by commas, or by tabs as Excel and WPS put them on the
/// clipboard (a file whose first line holds a tab is read as tab-separated). A first row whose
/// first cell is not an ID number is a header.
pub fn parse_eligibility_csv(text: &str) -> EligibilityImport {
    parse_eligibility_rows(csv_rows(text))
}

/// Judges rows already split into cells (from CSV text, or a spreadsheet's rows), each with its
/// line number, or what was wrong with a row that could not be read.
pub fn parse_eligibility_rows(rows: impl IntoIterator<Item = SheetRow>) -> EligibilityImport {
    let mut out = EligibilityImport::default();
    let mut seen = std::collections::HashMap::<String, u64>::new();
    for row in data_rows(rows, &mut out.problems) {
        let line = row.line;
        let mut report =
            |line: u64, zh: String, en: String| out.problems.push(RowProblem { line, message_zh: zh, message_en: en });
        let (name, raw_mobile) = (row.cell(1), row.cell(2));
        let id_number = match row.id_number() {
            Ok(id_number) => id_number,
            Err(problem) => {
                report(problem.line, problem.message_zh, problem.message_en);
                continue;
            }
        };
        if name.is_empty() {
            report(line, "缺少姓名".into(), "The name is missing".into());
            continue;
        }
        let mobile = normalized_mobile(raw_mobile);
        if !raw_mobile.is_empty() && mobile.is_none() {
            report(
                line,
                format!("手机号码“{raw_mobile}”无效：应为 11 位数字，以 1 开头"),
                format!("Mobile number \"{raw_mobile}\" is not valid: it must be 11 digits starting with 1"),
            );
            continue;
        }
        if let Some(first) = seen.get(&id_number) {
            report(line, format!("与第 {first} 行的证件号码重复"), format!("Same ID number as line {first}"));
            continue;
        }
        seen.insert(id_number.clone(), line);
        out.accepted.push(EligibleCandidate { id_number, name: name.to_string(), mobile });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_rows_are_kept_and_bad_rows_named_by_line() {
        let text = "身份证号,姓名\n11010519491231002X,张三\n110105194912310021,李四\n320102199506123416,\n11010519491231002x,王五\n";
        let import = parse_eligibility_csv(text);
        assert_eq!(
            import.accepted,
            vec![EligibleCandidate { id_number: "11010519491231002X".into(), name: "张三".into(), mobile: None }]
        );
        let lines: Vec<u64> = import.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![3, 4, 5]);
        assert!(import.problems[0].message_en.contains("110105194912310021"));
        assert_eq!(import.problems[2].message_en, "Same ID number as line 2");
    }

    #[test]
    fn rows_pasted_from_excel_or_wps_are_split_at_tabs() {
        let text = "身份证号\t姓名\r\n11010519491231002X\t张三\r\n110105194912310021\t李四\r\n";
        let import = parse_eligibility_csv(text);
        assert_eq!(
            import.accepted,
            vec![EligibleCandidate { id_number: "11010519491231002X".into(), name: "张三".into(), mobile: None }]
        );
        let lines: Vec<u64> = import.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![3], "the bad row is named by its line, as in a CSV");
    }

    #[test]
    fn a_name_with_a_comma_inside_a_tab_separated_row_is_kept_whole() {
        let import = parse_eligibility_csv("11010519491231002X\tZhang, San\n");
        assert_eq!(import.accepted[0].name, "Zhang, San");
    }

    #[test]
    fn a_third_column_is_the_mobile_number_and_a_wrong_one_is_named() {
        let text = "身份证号,姓名,手机\n11010519491231002X,张三,138 0013 8000\n320102199506123416,李四,1380013800\n";
        let import = parse_eligibility_csv(text);
        assert_eq!(import.accepted[0].mobile.as_deref(), Some("13800138000"));
        assert_eq!(import.accepted.len(), 1);
        assert_eq!(import.problems[0].line, 3);
        assert!(import.problems[0].message_zh.contains("1380013800"), "{:?}", import.problems);
    }

    #[test]
    fn a_file_without_header_starts_at_line_one() {
        let import = parse_eligibility_csv("11010519491231002X,张三\n");
        assert_eq!(import.accepted.len(), 1);
        assert!(import.problems.is_empty());
    }
}
