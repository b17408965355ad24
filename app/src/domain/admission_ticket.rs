//! 准考证 (seed 002: 打印准考证): the exam file's `[ticket]` — from when tickets print, until when
//! their code is valid, the sessions of the exam, the rooms with their seats, the rules for the
//! day — and the rule by which seats are given, stated here and on the administrator's page:
//! candidates in the order they were approved (then by application number), room after room in
//! the exam file's order, seat 1 upward; a seat once given is never moved by a later round.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::record_ids::ApplicationId;
use super::record_ids::ExamCode;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TicketSpec {
    /// From this moment an approved (and, where a fee is charged, paid) candidate may print.
    pub opens: DateTime<FixedOffset>,
    /// The ticket's code verifies until this moment (after the last session), then says expired.
    pub valid_until: DateTime<FixedOffset>,
    /// 考试须知, printed on every ticket.
    pub rules_zh: String,
    pub rules_en: String,
    pub sessions: Vec<ExamSession>,
    pub rooms: Vec<ExamRoom>,
}

/// One sitting: every candidate sits every session, in the same room and seat.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamSession {
    pub name_zh: String,
    pub name_en: String,
    pub starts: DateTime<FixedOffset>,
    pub ends: DateTime<FixedOffset>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamRoom {
    /// Short and stable: it is part of the ticket number ("101").
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub seats: u32,
}

/// A seat: the room's code and the seat number in it (from 1).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Seat {
    pub room: String,
    pub number: u32,
}

/// Rooms hold at most this many seats: a seat number has two digits on the ticket.
pub const MAX_SEATS_PER_ROOM: u32 = 99;

impl TicketSpec {
    /// Every mistake, in English, for the administrator who wrote the exam file.
    pub fn mistakes(&self) -> Vec<String> {
        let mut mistakes = Vec::new();
        if self.sessions.is_empty() {
            mistakes.push("[ticket] needs at least one [[ticket.sessions]]".to_string());
        }
        if self.rooms.is_empty() {
            mistakes.push("[ticket] needs at least one [[ticket.rooms]]".to_string());
        }
        for (index, session) in self.sessions.iter().enumerate() {
            if session.ends <= session.starts {
                mistakes.push(format!("[[ticket.sessions]] {}: ends must come after starts", index + 1));
            }
            if session.ends > self.valid_until {
                mistakes.push(format!("[[ticket.sessions]] {}: ends after valid_until", index + 1));
            }
        }
        if self.valid_until <= self.opens {
            mistakes.push("[ticket] valid_until must come after opens".to_string());
        }
        let mut codes = std::collections::HashSet::new();
        for room in &self.rooms {
            let short = !room.code.is_empty() && room.code.len() <= 6;
            if !short || !room.code.chars().all(|c| c.is_ascii_alphanumeric()) {
                mistakes.push(format!("[[ticket.rooms]] {:?}: a room code is 1–6 letters or digits", room.code));
            }
            if !codes.insert(room.code.as_str()) {
                mistakes.push(format!("[[ticket.rooms]] {:?}: two rooms have this code", room.code));
            }
            if room.seats == 0 || room.seats > MAX_SEATS_PER_ROOM {
                mistakes.push(format!("[[ticket.rooms]] {:?}: seats must be 1–{MAX_SEATS_PER_ROOM}", room.code));
            }
        }
        mistakes
    }

    /// Seats in every room, in total.
    pub fn capacity(&self) -> u32 {
        self.rooms.iter().map(|r| r.seats).sum()
    }

    /// Gives the next free seats to `waiting` (application ids, already in the rule's order:
    /// approved first, then by number), skipping the seats in `taken`. Returns who got which seat;
    /// those after the last free seat get none (the administrator adds a room and runs it again).
    pub fn assign_seats<'a>(
        &self,
        waiting: &[ApplicationId],
        taken: impl IntoIterator<Item = &'a Seat>,
    ) -> Vec<(ApplicationId, Seat)> {
        let taken: std::collections::HashSet<&Seat> = taken.into_iter().collect();
        let free =
            self.rooms.iter().flat_map(|room| (1..=room.seats).map(|number| Seat { room: room.code.clone(), number }));
        free.filter(|seat| !taken.contains(seat)).zip(waiting.iter().copied()).map(|(seat, id)| (id, seat)).collect()
    }
}

/// The ticket number: exam code, room code and two-digit seat ("004-101-07").
pub fn ticket_number(exam_code: &ExamCode, seat: &Seat) -> String {
    format!("{exam_code}-{}-{:02}", seat.room, seat.number)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(rooms: &[(&str, u32)]) -> TicketSpec {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
        TicketSpec {
            opens: at("2027-08-01T09:00:00+08:00"),
            valid_until: at("2027-09-05T18:00:00+08:00"),
            rules_zh: "凭准考证和身份证入场。".into(),
            rules_en: "Bring this ticket and your ID card.".into(),
            sessions: vec![ExamSession {
                name_zh: "综合知识".into(),
                name_en: "General knowledge".into(),
                starts: at("2027-09-05T09:00:00+08:00"),
                ends: at("2027-09-05T11:00:00+08:00"),
            }],
            rooms: rooms
                .iter()
                .map(|&(code, seats)| ExamRoom { code: code.into(), name_zh: code.into(), name_en: code.into(), seats })
                .collect(),
        }
    }

    #[test]
    fn seats_fill_room_after_room_in_the_order_given_and_never_move() {
        let spec = spec(&[("101", 2), ("102", 2)]);
        let first = spec.assign_seats(&[ApplicationId(7), ApplicationId(3), ApplicationId(9)], []);
        let seats: Vec<(i32, String)> =
            first.iter().map(|(id, s)| (id.0, ticket_number(&ExamCode::from("004"), s))).collect();
        assert_eq!(seats, [(7, "004-101-01".into()), (3, "004-101-02".into()), (9, "004-102-01".into())]);
        // A later round gives the next free seat; the first round's stay where they are.
        let taken: Vec<Seat> = first.into_iter().map(|(_, s)| s).collect();
        let second = spec.assign_seats(&[ApplicationId(11), ApplicationId(12)], &taken);
        assert_eq!(
            second,
            [(ApplicationId(11), Seat { room: "102".into(), number: 2 })],
            "12 gets no seat: the rooms are full"
        );
    }

    #[test]
    fn a_ticket_section_names_its_mistakes() {
        let mut broken = spec(&[("101", 0), ("10 1", 5), ("A", 5), ("A", 5)]);
        broken.sessions[0].ends = broken.sessions[0].starts;
        let mistakes = broken.mistakes().join("\n");
        for expected in
            ["ends must come after starts", "seats must be 1–99", "1–6 letters or digits", "two rooms have this code"]
        {
            assert!(mistakes.contains(expected), "{expected}: {mistakes}");
        }
        assert!(spec(&[("101", 30)]).mistakes().is_empty());
    }
}
