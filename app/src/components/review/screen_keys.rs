//! The reviewer's keyboard as one table. The key handler and the help line above the pictures both
//! read it, so a key cannot work without being listed, nor be listed without working. Pure Rust:
//! the browser's event is reduced to its `key` and whether Shift is held before it gets here.

use super::screen_action::ReviewAction::{self, *};
use crate::i18n::Lang;

/// One row of the table.
pub struct KeyBinding {
    /// `KeyboardEvent.key` values, letters in lower case; the help shows the first.
    pub keys: &'static [&'static str],
    /// For letters: Shift must be held (Shift+A) or must not be (O). Other keys work either way,
    /// since `+` needs Shift on one keyboard layout and not on another.
    pub shift: bool,
    pub action: ReviewAction,
    pub help_zh: &'static str,
    pub help_en: &'static str,
}

/// In the order the help lists them; neighbours with the same words share one help entry.
#[rustfmt::skip]
pub const KEY_TABLE: [KeyBinding; 13] = [
    plain(&["ArrowLeft", "k"],  PreviousMaterial,      "切换图片",       "pictures"),
    plain(&["ArrowRight", "j"], NextMaterial,          "切换图片",       "pictures"),
    plain(&["g"],               NextFinding,        "下一处机器提示", "next machine finding"),
    plain(&["o"],               MarkOk,             "合格",           "OK"),
    plain(&["x"],               MarkForReplacement, "需更换",         "needs replacement"),
    plain(&["f"],               MarkForm,           "个人信息需修改", "form needs correction"),
    plain(&["+", "="],          ZoomIn,             "缩放",           "zoom"),
    plain(&["-"],               ZoomOut,            "缩放",           "zoom"),
    plain(&["r"],               Rotate,             "旋转",           "rotate"),
    shifted(&["a"],             Approve,            "通过",           "approve"),
    shifted(&["s"],             ReturnMarked,       "退回修改",       "return"),
    shifted(&["j"],             Reject,             "不通过",         "reject"),
    plain(&["n"],               NextApplication,    "下一份",         "next"),
];

const fn plain(keys: &'static [&'static str], action: ReviewAction, zh: &'static str, en: &'static str) -> KeyBinding {
    KeyBinding { keys, shift: false, action, help_zh: zh, help_en: en }
}

const fn shifted(
    keys: &'static [&'static str],
    action: ReviewAction,
    zh: &'static str,
    en: &'static str,
) -> KeyBinding {
    KeyBinding { keys, shift: true, action, help_zh: zh, help_en: en }
}

/// The action of a key press, if the table has one. A letter is read in lower case and Shift
/// decides, so Caps Lock changes nothing: "A" without Shift does not approve.
pub fn action_for(key: &str, shift: bool) -> Option<ReviewAction> {
    let letter = is_letter(key);
    let key = if letter { key.to_ascii_lowercase() } else { key.to_string() };
    KEY_TABLE
        .iter()
        .find(|binding| binding.keys.contains(&key.as_str()) && (!letter || binding.shift == shift))
        .map(|binding| binding.action)
}

fn is_letter(key: &str) -> bool {
    key.len() == 1 && key.chars().all(|c| c.is_ascii_alphabetic())
}

/// One entry of the help line: "← →" and "切换图片".
#[derive(Clone, Debug, PartialEq)]
pub struct HelpEntry {
    pub keys: Vec<String>,
    pub zh: &'static str,
    pub en: &'static str,
}

impl HelpEntry {
    pub fn words(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

/// The help line's entries, read off the table.
pub fn help_entries() -> Vec<HelpEntry> {
    let mut entries: Vec<HelpEntry> = Vec::new();
    for binding in &KEY_TABLE {
        let shown = shown_key(binding);
        match entries.last_mut() {
            Some(last) if last.zh == binding.help_zh => last.keys.push(shown),
            _ => entries.push(HelpEntry { keys: vec![shown], zh: binding.help_zh, en: binding.help_en }),
        }
    }
    entries
}

/// How a person reads the key: "←", "−", "Shift+A".
fn shown_key(binding: &KeyBinding) -> String {
    let name = match binding.keys[0] {
        "ArrowLeft" => "←".to_string(),
        "ArrowRight" => "→".to_string(),
        "-" => "−".to_string(),
        other => other.to_uppercase(),
    };
    if binding.shift {
        format!("Shift+{name}")
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(lang: Lang) -> String {
        help_entries().iter().map(|e| format!("{} {}", e.keys.join(" "), e.words(lang))).collect::<Vec<_>>().join(" · ")
    }

    #[test]
    fn shift_a_approves() {
        assert_eq!(action_for("A", true), Some(Approve));
    }

    #[test]
    fn plain_a_does_nothing() {
        assert_eq!(action_for("a", false), None);
    }

    #[test]
    fn caps_lock_changes_nothing() {
        assert_eq!(action_for("O", false), Some(MarkOk));
        assert_eq!(action_for("o", true), None);
    }

    #[test]
    fn shift_j_rejects_while_plain_j_moves_on() {
        assert_eq!(action_for("J", true), Some(Reject));
        assert_eq!(action_for("j", false), Some(NextMaterial));
    }

    #[test]
    fn plus_zooms_in_with_or_without_shift() {
        assert_eq!(action_for("+", true), Some(ZoomIn));
        assert_eq!(action_for("+", false), Some(ZoomIn));
        assert_eq!(action_for("=", false), Some(ZoomIn));
        assert_eq!(action_for("ArrowRight", true), Some(NextMaterial));
    }

    #[test]
    fn every_action_has_help_in_both_languages() {
        for action in ReviewAction::ALL {
            let binding = KEY_TABLE.iter().find(|b| b.action == action).expect("every action has a key");
            assert!(!binding.help_zh.is_empty() && !binding.help_en.is_empty(), "{action:?}");
            assert!(line(Lang::Zh).contains(&shown_key(binding)), "{action:?} is not in the help");
        }
    }

    #[test]
    fn no_two_entries_share_a_key() {
        let chords: Vec<(&str, bool)> =
            KEY_TABLE.iter().flat_map(|b| b.keys.iter().map(move |k| (*k, is_letter(k) && b.shift))).collect();
        for (i, chord) in chords.iter().enumerate() {
            assert!(!chords[i + 1..].contains(chord), "{chord:?} is bound twice");
        }
    }

    #[test]
    fn help_reads_as_the_readme_lists_the_keys() {
        assert_eq!(
            line(Lang::Zh),
            "← → 切换图片 · G 下一处机器提示 · O 合格 · X 需更换 · F 个人信息需修改 · + − 缩放 · R 旋转 · \
             Shift+A 通过 · Shift+S 退回修改 · Shift+J 不通过 · N 下一份"
        );
        assert!(line(Lang::En).starts_with("← → pictures · G next machine finding · O OK · X needs replacement"));
    }
}
