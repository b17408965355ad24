//! 工作简历: one period per line, written as seed 004 shows ("2015.7-2017.3，**街道办事处，科员",
//! "2017.4至今，**街道办事处，副主任科员"). The periods must run on month after month from the
//! date work began, with no gap and no overlap, and the last runs 至今 (to now).

use super::year_month::YearMonth;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResumePeriod {
    pub from: YearMonth,
    /// None means 至今.
    pub to: Option<YearMonth>,
    pub description: String,
}

/// One problem with the résumé, in both languages, naming its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResumeProblem {
    pub message_zh: String,
    pub message_en: String,
}

fn problem(zh: String, en: String) -> ResumeProblem {
    ResumeProblem { message_zh: zh, message_en: en }
}

/// Parses every non-empty line and checks the periods run on. `work_began` is 参加工作时间 when
/// the candidate has given it: the first period must start then.
pub fn check_resume(text: &str, work_began: Option<YearMonth>) -> Result<Vec<ResumePeriod>, Vec<ResumeProblem>> {
    let mut problems = Vec::new();
    let mut periods: Vec<(usize, ResumePeriod)> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_no = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        match parse_line(line) {
            Ok(period) => periods.push((line_no, period)),
            Err(()) => problems.push(problem(
                format!("第 {line_no} 行格式不对，应写成“2015.7-2017.3，单位，职务”或“2017.4至今，单位，职务”"),
                format!("Line {line_no} is not in the form \"2015.7-2017.3, employer, post\" or \"2017.4至今, employer, post\""),
            )),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if periods.is_empty() {
        return Ok(Vec::new());
    }
    for (line_no, period) in &periods {
        if let Some(to) = period.to.filter(|to| *to < period.from) {
            problems.push(problem(
                format!("第 {line_no} 行：结束 {} 早于开始 {}", to.text_zh(), period.from.text_zh()),
                format!("Line {line_no}: it ends ({}) before it starts ({})", to.text_en(), period.from.text_en()),
            ));
        }
    }
    if let (Some(began), Some((_, first))) = (work_began, periods.first()) {
        if first.from != began {
            problems.push(problem(
                format!("第 1 段应从参加工作时间 {} 开始，现在从 {} 开始", began.text_zh(), first.from.text_zh()),
                format!(
                    "The first period must start when work began ({}), not {}",
                    began.text_en(),
                    first.from.text_en()
                ),
            ));
        }
    }
    for pair in periods.windows(2) {
        let ((_, earlier), (line_no, later)) = (&pair[0], &pair[1]);
        let Some(end) = earlier.to else {
            problems.push(problem(
                format!("第 {line_no} 行之前的一段写了“至今”，只有最后一段可以写“至今”"),
                format!("The period before line {line_no} runs 至今 (to now); only the last period may"),
            ));
            continue;
        };
        let expected = end.next();
        if later.from > expected {
            problems.push(problem(
                format!(
                    "第 {line_no} 行与上一段之间有空档：上一段到 {} 结束，这一段应从 {} 开始",
                    end.text_zh(),
                    expected.text_zh()
                ),
                format!(
                    "Gap before line {line_no}: the previous period ends {}, so this one must start {}",
                    end.text_en(),
                    expected.text_en()
                ),
            ));
        } else if later.from < expected {
            problems.push(problem(
                format!(
                    "第 {line_no} 行与上一段重叠：上一段到 {} 结束，这一段应从 {} 开始",
                    end.text_zh(),
                    expected.text_zh()
                ),
                format!(
                    "Line {line_no} overlaps the previous period, which ends {}; this one must start {}",
                    end.text_en(),
                    expected.text_en()
                ),
            ));
        }
    }
    if let Some((line_no, last)) = periods.last().filter(|(_, last)| last.to.is_some()) {
        let _ = last;
        problems.push(problem(
            format!("最后一段（第 {line_no} 行）应写到“至今”"),
            format!("The last period (line {line_no}) must run to now (至今)"),
        ));
    }
    if problems.is_empty() {
        Ok(periods.into_iter().map(|(_, p)| p).collect())
    } else {
        Err(problems)
    }
}

fn parse_line(line: &str) -> Result<ResumePeriod, ()> {
    let line = line.trim();
    let (dates, description) = line.split_once(['，', ',']).ok_or(())?;
    let description = description.trim().to_string();
    if description.is_empty() {
        return Err(());
    }
    let dates = dates.trim();
    if let Some(start) = dates.strip_suffix("至今") {
        let start = start.trim().trim_end_matches(['-', '–', '—', '~']);
        return Ok(ResumePeriod { from: YearMonth::parse(start).ok_or(())?, to: None, description });
    }
    let (from, to) = dates.split_once(['-', '–', '—', '~', '至']).ok_or(())?;
    Ok(ResumePeriod { from: YearMonth::parse(from).ok_or(())?, to: Some(YearMonth::parse(to).ok_or(())?), description })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED_EXAMPLE: &str = "2015.7-2017.3，**街道办事处，科员\n2017.4至今，**街道办事处，副主任科员";

    fn began(y: u16, m: u8) -> Option<YearMonth> {
        Some(YearMonth { year: y, month: m })
    }

    fn english(result: Result<Vec<ResumePeriod>, Vec<ResumeProblem>>) -> Vec<String> {
        result.err().unwrap_or_default().into_iter().map(|p| p.message_en).collect()
    }

    #[test]
    fn the_seed_example_runs_on() {
        let periods = check_resume(SEED_EXAMPLE, began(2015, 7)).unwrap();
        assert_eq!(periods.len(), 2);
        assert_eq!(periods[1].to, None);
    }

    #[test]
    fn a_gap_names_the_line_and_the_month_it_should_start() {
        let text = "2015.7-2017.3，甲单位，科员\n2017.6至今，乙单位，主任";
        assert_eq!(
            english(check_resume(text, None)),
            vec!["Gap before line 2: the previous period ends 2017-03, so this one must start 2017-04"]
        );
    }

    #[test]
    fn an_overlap_is_named() {
        let text = "2015.7-2017.3，甲单位，科员\n2017.1至今，乙单位，主任";
        assert!(english(check_resume(text, None))[0].starts_with("Line 2 overlaps"));
    }

    #[test]
    fn the_first_period_starts_when_work_began() {
        assert!(english(check_resume(SEED_EXAMPLE, began(2014, 9)))[0].contains("must start when work began (2014-09)"));
    }

    #[test]
    fn only_the_last_period_may_run_to_now_and_it_must() {
        let text = "2015.7至今，甲单位，科员\n2017.4-2018.1，乙单位，主任";
        let problems = english(check_resume(text, None));
        assert!(problems.iter().any(|p| p.contains("only the last period may")));
        assert!(problems.iter().any(|p| p.contains("must run to now")));
    }

    #[test]
    fn a_line_that_is_not_a_period_is_named_by_number() {
        assert!(english(check_resume("2015.7-2017.3，甲单位，科员\n在乙单位工作", None))[0]
            .starts_with("Line 2 is not in the form"));
    }
}
