//! The list of candidates allowed into an exam, as administrators import it: a CSV of ID number
//! and name (with or without a header row). Good rows are kept; every bad row is reported with
//! its line number and why.

use super::id_number::{IdNumber, IdType};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EligibleCandidate {
    pub id_number: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    pub line: u64,
    pub message_zh: String,
    pub message_en: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EligibilityImport {
    pub accepted: Vec<EligibleCandidate>,
    pub problems: Vec<RowProblem>,
}

/// Reads `id_number,name` rows. A first row whose first cell is not an ID number is a header.
pub fn parse_eligibility_csv(text: &str) -> EligibilityImport {
    let mut out = EligibilityImport::default();
    let mut seen = std::collections::HashMap::<String, u64>::new();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    for (index, record) in reader.records().enumerate() {
        let mut report =
            |line: u64, zh: String, en: String| out.problems.push(RowProblem { line, message_zh: zh, message_en: en });
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map(|p| p.line()).unwrap_or(index as u64 + 1);
                report(line, "这一行不是有效的 CSV".into(), "This line is not valid CSV".into());
                continue;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(index as u64 + 1);
        let (raw_id, name) = (record.get(0).unwrap_or(""), record.get(1).unwrap_or(""));
        if raw_id.is_empty() && name.is_empty() {
            continue;
        }
        let parsed = parse_any_id(raw_id);
        if index == 0 && parsed.is_err() && !raw_id.chars().any(|c| c.is_ascii_digit()) {
            continue; // a header such as 身份证号,姓名
        }
        let id_number = match parsed {
            Ok(id) => id.as_str().to_string(),
            Err(reason) => {
                report(
                    line,
                    format!("证件号码“{raw_id}”无效：{}", reason.0),
                    format!("ID number \"{raw_id}\" is not valid: {}", reason.1),
                );
                continue;
            }
        };
        if name.is_empty() {
            report(line, "缺少姓名".into(), "The name is missing".into());
            continue;
        }
        if let Some(first) = seen.get(&id_number) {
            report(line, format!("与第 {first} 行的证件号码重复"), format!("Same ID number as line {first}"));
            continue;
        }
        seen.insert(id_number.clone(), line);
        out.accepted.push(EligibleCandidate { id_number, name: name.to_string() });
    }
    out
}

/// An 18-character number is judged as a resident ID (so a wrong check digit is named);
/// anything else may be any other document type.
fn parse_any_id(raw: &str) -> Result<IdNumber, (String, String)> {
    if raw.trim().len() == 18 {
        let types = [IdType::ResidentId, IdType::HkMacaoTaiwanResidencePermit];
        let first_error = match IdNumber::parse(types[0], raw) {
            Ok(id) => return Ok(id),
            Err(e) => e,
        };
        return IdNumber::parse(types[1], raw).map_err(|_| (first_error.message_zh(), first_error.message_en()));
    }
    IdType::ALL
        .into_iter()
        .find_map(|t| IdNumber::parse(t, raw).ok())
        .ok_or_else(|| ("不是任何一种可用的证件号码".to_string(), "it matches no accepted document type".to_string()))
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
            vec![EligibleCandidate { id_number: "11010519491231002X".into(), name: "张三".into() }]
        );
        let lines: Vec<u64> = import.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![3, 4, 5]);
        assert!(import.problems[0].message_en.contains("110105194912310021"));
        assert_eq!(import.problems[2].message_en, "Same ID number as line 2");
    }

    #[test]
    fn a_file_without_header_starts_at_line_one() {
        let import = parse_eligibility_csv("11010519491231002X,张三\n");
        assert_eq!(import.accepted.len(), 1);
        assert!(import.problems.is_empty());
    }
}
