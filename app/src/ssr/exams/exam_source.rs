//! Small edits to an exam file that keep the administrator's comments and layout.

use toml_edit::{value, DocumentMut};

use crate::domain::ExamWindows;
use crate::error::AppError;

fn document(source: &str) -> Result<DocumentMut, AppError> {
    source.parse::<DocumentMut>().map_err(|e| AppError::ExamInvalid { mistakes: vec![e.to_string()] })
}

/// The same exam file under another code (creating a second exam from one preset).
pub fn with_code(source: &str, code: &str) -> Result<String, AppError> {
    let mut doc = document(source)?;
    doc["code"] = value(code);
    Ok(doc.to_string())
}

/// The same exam file with new windows: RFC 3339 times in the order of `ExamWindows::KEYS`.
pub fn with_windows(source: &str, windows: [String; 4]) -> Result<String, AppError> {
    let mut doc = document(source)?;
    for (key, at) in ExamWindows::KEYS.into_iter().zip(windows) {
        doc["windows"][key] = value(at);
    }
    Ok(doc.to_string())
}

/// The same exam file with who may enter changed ("everyone" or "list").
pub fn with_eligibility(source: &str, eligibility: crate::domain::Eligibility) -> Result<String, AppError> {
    let mut doc = document(source)?;
    let word = match eligibility {
        crate::domain::Eligibility::Everyone => "everyone",
        crate::domain::Eligibility::List => "list",
        crate::domain::Eligibility::Registration => "registration",
    };
    doc["eligibility"] = value(word);
    Ok(doc.to_string())
}

/// The same exam file with its fee also taken on site (seed 004's way: staff record it at the
/// on-site check), beside however else it is paid. A file without a `[fee]` is left as it was.
pub fn with_on_site_payment(source: &str) -> Result<String, AppError> {
    let mut doc = document(source)?;
    if let Some(fee) = doc.get_mut("fee").and_then(|f| f.as_table_like_mut()) {
        fee.insert("on_site", value(true));
    }
    Ok(doc.to_string())
}

/// The same exam file with every date of its `[ticket]` (printing opens, valid until, each
/// session's start and end) moved by `by`, each kept in its own offset.
pub fn with_ticket_moved(source: &str, by: chrono::Duration) -> Result<String, AppError> {
    let mut doc = document(source)?;
    let moved = |item: &mut toml_edit::Item| -> Result<(), AppError> {
        let Some(old) = item.as_value_mut() else { return Ok(()) };
        let Some(text) = old.as_str() else { return Ok(()) };
        let at = chrono::DateTime::parse_from_rfc3339(text)
            .map_err(|e| AppError::ExamInvalid { mistakes: vec![format!("ticket date \"{text}\": {e}")] })?;
        // The comment beside the date stays beside it.
        let decor = old.decor().clone();
        *old = toml_edit::Value::from((at + by).to_rfc3339());
        *old.decor_mut() = decor;
        Ok(())
    };
    let Some(ticket) = doc.get_mut("ticket").and_then(|t| t.as_table_like_mut()) else { return Ok(doc.to_string()) };
    for key in ["opens", "valid_until"] {
        if let Some(item) = ticket.get_mut(key) {
            moved(item)?;
        }
    }
    if let Some(sessions) = ticket.get_mut("sessions").and_then(|s| s.as_array_of_tables_mut()) {
        for session in sessions.iter_mut() {
            for key in ["starts", "ends"] {
                if let Some(item) = session.get_mut(key) {
                    moved(item)?;
                }
            }
        }
    }
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TICKET: &str = "code = \"x\"\n[ticket]\nopens = \"2027-08-20T09:00:00+08:00\" # when printing opens\n\
        valid_until = \"2027-09-05T18:00:00+08:00\"\n[[ticket.sessions]]\nstarts = \"2027-09-05T09:00:00+08:00\"\n\
        ends = \"2027-09-05T11:00:00+08:00\"\n";

    #[test]
    fn moving_the_ticket_moves_every_date_and_keeps_offsets_and_comments() {
        let moved = with_ticket_moved(TICKET, chrono::Duration::days(-300)).unwrap();
        assert!(moved.contains("opens = \"2026-10-24T09:00:00+08:00\" # when printing opens"), "{moved}");
        assert!(moved.contains("valid_until = \"2026-11-09T18:00:00+08:00\""), "{moved}");
        assert!(moved.contains("starts = \"2026-11-09T09:00:00+08:00\""), "{moved}");
        assert!(moved.contains("ends = \"2026-11-09T11:00:00+08:00\""), "{moved}");
    }

    #[test]
    fn a_file_without_a_ticket_is_left_as_it_was() {
        let source = "code = \"x\" # kept\n";
        assert_eq!(with_ticket_moved(source, chrono::Duration::days(3)).unwrap(), source);
    }

    #[test]
    fn a_fee_paid_online_is_also_taken_on_site() {
        let both = with_on_site_payment("code = \"x\"\n[fee]\namount_fen = 100\nonline = true\n").unwrap();
        assert!(both.contains("online = true") && both.contains("on_site = true"), "{both}");
        let none = "code = \"x\"\n";
        assert_eq!(with_on_site_payment(none).unwrap(), none);
    }

    #[test]
    fn eligibility_becomes_a_list() {
        let listed =
            with_eligibility("code = \"x\"\neligibility = \"everyone\"\n", crate::domain::Eligibility::List).unwrap();
        assert!(listed.contains("eligibility = \"list\""), "{listed}");
    }
}
