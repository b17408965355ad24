//! 暂存 that survives a dead network, a closed tab or a crash (issue 11): what a candidate types
//! is kept on the device until the server has it. When the exam page opens again, the device's
//! copy and the server's are reconciled here: the server's stands when the two agree or the
//! device holds nothing, the device's comes back when the server has not changed since the device
//! began typing, and when both changed (another phone, another tab) the candidate chooses —
//! nothing is silently overwritten.

use serde::{Deserialize, Serialize};

use crate::domain::personal_form::FormValues;

/// The form and position as typed on this device and not yet stored by the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeviceDraft {
    pub form: FormValues,
    pub position: Option<String>,
    /// The fingerprint of the server's copy this typing began from.
    pub base: String,
    /// When it was last changed, as the device's clock read it (shown, never compared).
    pub changed_at: String,
}

/// What the server stores for the application.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerCopy<'a> {
    pub form: &'a FormValues,
    pub position: Option<&'a str>,
}

impl ServerCopy<'_> {
    /// A short fingerprint of the form and position (FNV-1a over their canonical JSON: the form
    /// is a sorted map, so equal contents give equal text).
    pub fn fingerprint(&self) -> String {
        let text = serde_json::to_string(&(self.form, self.position)).unwrap_or_default();
        let hash = text
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3));
        format!("{hash:016x}")
    }

    fn holds(&self, draft: &DeviceDraft) -> bool {
        *self.form == draft.form && self.position == draft.position.as_deref()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reconciled {
    /// Show the server's copy (and forget the device's, if any: the server has it).
    Server,
    /// Bring the device's typing back: the server has not changed since it began.
    Device,
    /// Both changed: show both and let the candidate choose.
    Choose,
}

pub fn reconcile(device: Option<&DeviceDraft>, server: &ServerCopy) -> Reconciled {
    match device {
        None => Reconciled::Server,
        Some(draft) if server.holds(draft) => Reconciled::Server,
        Some(draft) if draft.base == server.fingerprint() => Reconciled::Device,
        Some(_) => Reconciled::Choose,
    }
}

/// The fields whose values differ between the device's draft and the server's copy, in the
/// form's key order, with both values ("" for a field one side does not have).
pub fn differing_fields(draft: &DeviceDraft, server: &ServerCopy) -> Vec<(String, String, String)> {
    // Both maps keep their keys in order: the server's are put in place among the device's (a
    // binary search each, not a sort, whose code would weigh about 4 KB in the chunk of the
    // device's records).
    let mut keys: Vec<&String> = draft.form.keys().collect();
    for key in server.form.keys() {
        if let Err(at) = keys.binary_search(&key) {
            keys.insert(at, key);
        }
    }
    keys.into_iter()
        .filter_map(|key| {
            let mine = draft.form.get(key).cloned().unwrap_or_default();
            let theirs = server.form.get(key).cloned().unwrap_or_default();
            (mine != theirs).then(|| (key.clone(), mine, theirs))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> FormValues {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn draft(values: &[(&str, &str)], began_from: &ServerCopy) -> DeviceDraft {
        DeviceDraft { form: form(values), position: None, base: began_from.fingerprint(), changed_at: "22:41".into() }
    }

    #[test]
    fn with_nothing_on_the_device_the_server_copy_stands() {
        let stored = form(&[("school", "示例大学")]);
        assert_eq!(reconcile(None, &ServerCopy { form: &stored, position: None }), Reconciled::Server);
    }

    #[test]
    fn typing_the_server_never_got_comes_back_when_the_server_did_not_change() {
        let stored = form(&[("school", "示例")]);
        let server = ServerCopy { form: &stored, position: None };
        let typed = draft(&[("school", "示例财经大学")], &server);
        assert_eq!(reconcile(Some(&typed), &server), Reconciled::Device);
    }

    #[test]
    fn when_the_server_already_has_what_the_device_typed_the_server_copy_stands() {
        let before = form(&[]);
        let typed = draft(&[("school", "示例财经大学")], &ServerCopy { form: &before, position: None });
        let now_stored = form(&[("school", "示例财经大学")]);
        assert_eq!(reconcile(Some(&typed), &ServerCopy { form: &now_stored, position: None }), Reconciled::Server);
    }

    #[test]
    fn when_another_device_changed_the_server_copy_meanwhile_the_candidate_chooses() {
        let before = form(&[("school", "示例")]);
        let typed = draft(&[("school", "手机上写的")], &ServerCopy { form: &before, position: None });
        let elsewhere = form(&[("school", "电脑上写的")]);
        let server = ServerCopy { form: &elsewhere, position: None };
        assert_eq!(reconcile(Some(&typed), &server), Reconciled::Choose);
        assert_eq!(
            differing_fields(&typed, &server),
            vec![("school".to_string(), "手机上写的".to_string(), "电脑上写的".to_string())]
        );
    }

    #[test]
    fn fields_only_one_side_has_are_listed_among_the_others_in_key_order() {
        let before = form(&[]);
        let typed = draft(&[("b_school", "示例"), ("d_major", "法学")], &ServerCopy { form: &before, position: None });
        let elsewhere = form(&[("a_name", "张三"), ("b_school", "示例"), ("c_year", "2020"), ("e_note", "")]);
        let server = ServerCopy { form: &elsewhere, position: None };
        let row = |key: &str, mine: &str, theirs: &str| (key.to_string(), mine.to_string(), theirs.to_string());
        assert_eq!(
            differing_fields(&typed, &server),
            vec![row("a_name", "", "张三"), row("c_year", "", "2020"), row("d_major", "法学", "")]
        );
    }

    #[test]
    fn a_changed_position_alone_is_a_change() {
        let stored = form(&[("school", "示例")]);
        let server = ServerCopy { form: &stored, position: Some("tax-01") };
        let mut typed = draft(&[("school", "示例")], &server);
        typed.position = Some("tax-02".into());
        assert_eq!(reconcile(Some(&typed), &server), Reconciled::Device);
    }

    #[test]
    fn equal_contents_give_equal_fingerprints_and_any_change_another() {
        let a = form(&[("a", "1"), ("b", "2")]);
        let b = form(&[("b", "2"), ("a", "1")]);
        let c = form(&[("a", "1"), ("b", "3")]);
        let fp = |f: &FormValues, p: Option<&str>| ServerCopy { form: f, position: p }.fingerprint();
        assert_eq!(fp(&a, None), fp(&b, None));
        assert_ne!(fp(&a, None), fp(&c, None));
        assert_ne!(fp(&a, None), fp(&a, Some("x")));
    }
}
