//! 现场报名材料 (seed 004, section 七): what each approved candidate brings to the branch's on-site check on
//! the day, as the exam file's `[on_site]` lists it — each item with how many, whether the
//! candidate takes it back (带回) or the branch keeps it (留存), the uploaded category it matches,
//! and which item may stand in for an original ("能够提供教育部《学历证书电子注册备案表》的……可不
//! 提交原件"). With `fee_after_check`, the on-site fee is taken only once the originals passed
//! (section 八).

use serde::{Deserialize, Serialize};

use super::document_kind::DocumentKind;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OnSiteSpec {
    /// 八 "原件审核通过后……在现场缴费": no on-site fee is recorded before 原件审核通过.
    #[serde(default)]
    pub fee_after_check: bool,
    pub items: Vec<OnSiteItem>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OnSiteItem {
    /// Stable key ("bachelor_diploma"), as the on-site check's records name the item.
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    /// How many copies ("报名登记表三份": 3).
    #[serde(default = "one")]
    pub count: u32,
    pub handling: Handling,
    /// The uploaded category this original matches: the on-site check shows its scan beside it.
    #[serde(default)]
    pub category: Option<String>,
    /// Every candidate brings it (or what stands in for it) before 原件审核通过.
    #[serde(default)]
    pub required: bool,
    /// The item whose original this one may replace (备案表 for the bachelor's diploma).
    #[serde(default)]
    pub stands_in_for: Option<String>,
    /// The document Zige printed for this item (`issued = "introduction_letter"`): the on-site
    /// check shows what it printed, to tick the stamped paper against.
    #[serde(default)]
    pub issued: Option<DocumentKind>,
}

fn one() -> u32 {
    1
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Handling {
    /// 带回: shown at the on-site check and taken back.
    Return,
    /// 留存: kept by the branch, listed on the 材料交接单.
    Keep,
}

impl Handling {
    pub fn label_zh(self) -> &'static str {
        match self {
            Handling::Return => "带回",
            Handling::Keep => "留存",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Handling::Return => "taken back",
            Handling::Keep => "kept by the branch",
        }
    }
}

impl OnSiteSpec {
    /// What is wrong with the table; `categories` are the exam's uploaded categories' codes.
    pub fn mistakes(&self, categories: &[&str]) -> Vec<String> {
        let mut mistakes = Vec::new();
        if self.items.is_empty() {
            mistakes.push("on_site: list at least one [[on_site.items]] entry".to_string());
        }
        let mut seen = std::collections::HashSet::new();
        for item in &self.items {
            let name = &item.code;
            if !seen.insert(name.as_str()) {
                mistakes.push(format!("on_site: item code \"{name}\" is used twice"));
            }
            if item.name_zh.trim().is_empty() || item.name_en.trim().is_empty() {
                mistakes.push(format!("on_site: item \"{name}\" needs name_zh and name_en"));
            }
            if !(1..=20).contains(&item.count) {
                mistakes.push(format!("on_site: item \"{name}\" has count {}; it must be 1 to 20", item.count));
            }
            if let Some(category) = item.category.as_deref().filter(|c| !categories.contains(c)) {
                mistakes
                    .push(format!("on_site: item \"{name}\" names category \"{category}\", which the exam has not"));
            }
            match item.stands_in_for.as_deref() {
                Some(other) if other == name => mistakes.push(format!("on_site: item \"{name}\" stands in for itself")),
                Some(other) if !self.items.iter().any(|i| i.code == other) => {
                    mistakes.push(format!("on_site: item \"{name}\" stands in for \"{other}\", which is not listed"))
                }
                _ => {}
            }
        }
        mistakes
    }

    /// The required originals neither seen nor stood in for by an item seen: what 原件审核通过
    /// still waits for.
    pub fn missing<'a>(&'a self, seen: &[String]) -> Vec<&'a OnSiteItem> {
        let is_seen = |code: &str| seen.iter().any(|s| s == code);
        self.items
            .iter()
            .filter(|item| item.required && !is_seen(&item.code))
            .filter(|item| {
                !self
                    .items
                    .iter()
                    .any(|other| other.stands_in_for.as_deref() == Some(item.code.as_str()) && is_seen(&other.code))
            })
            .collect()
    }

    pub fn item(&self, code: &str) -> Option<&OnSiteItem> {
        self.items.iter().find(|item| item.code == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(code: &str, required: bool, stands_in_for: Option<&str>) -> OnSiteItem {
        OnSiteItem {
            code: code.into(),
            name_zh: code.into(),
            name_en: code.into(),
            count: 1,
            handling: Handling::Keep,
            category: None,
            required,
            stands_in_for: stands_in_for.map(str::to_string),
            issued: None,
        }
    }

    fn spec() -> OnSiteSpec {
        OnSiteSpec {
            fee_after_check: true,
            items: vec![
                item("id_card", true, None),
                item("bachelor_diploma", true, None),
                item("chsi_record", false, Some("bachelor_diploma")),
            ],
        }
    }

    #[test]
    fn a_record_seen_stands_in_for_the_diploma_it_names() {
        let spec = spec();
        let codes = |items: Vec<&OnSiteItem>| items.into_iter().map(|i| i.code.clone()).collect::<Vec<_>>();
        assert_eq!(codes(spec.missing(&[])), ["id_card", "bachelor_diploma"]);
        assert_eq!(codes(spec.missing(&["id_card".into(), "chsi_record".into()])), Vec::<String>::new());
        assert_eq!(codes(spec.missing(&["chsi_record".into()])), ["id_card"]);
    }

    #[test]
    fn either_of_two_stand_ins_replaces_the_diploma() {
        let mut spec = spec();
        spec.items.push(item("party_school_verification", false, Some("bachelor_diploma")));
        let codes = |items: Vec<&OnSiteItem>| items.into_iter().map(|i| i.code.clone()).collect::<Vec<_>>();
        assert_eq!(codes(spec.missing(&["id_card".into(), "party_school_verification".into()])), Vec::<String>::new());
        assert_eq!(codes(spec.missing(&["id_card".into(), "chsi_record".into()])), Vec::<String>::new());
        assert_eq!(codes(spec.missing(&["id_card".into()])), ["bachelor_diploma"]);
    }

    #[test]
    fn an_unknown_category_a_stand_in_for_nothing_and_a_repeated_code_are_named() {
        let mut spec = spec();
        spec.items[0].category = Some("passport".into());
        spec.items.push(item("other", false, Some("master_degree")));
        spec.items.push(item("id_card", false, None));
        let mistakes = spec.mistakes(&["id_card"]).join("\n");
        assert!(mistakes.contains("\"passport\""), "{mistakes}");
        assert!(mistakes.contains("\"master_degree\", which is not listed"), "{mistakes}");
        assert!(mistakes.contains("\"id_card\" is used twice"), "{mistakes}");
    }
}
