//! 《岗位及其资格条件一览表》 (seed 002: "仔细阅读《岗位及其资格条件一览表》"): the exam's positions as
//! one table a candidate reads, narrows and downloads — each position a row with the units above
//! it and what it requires — before choosing one in the picker.

use serde::{Deserialize, Serialize};

use super::position_tree::PositionNode;

/// One position (a leaf of the tree) as the table shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PositionRow {
    /// The top unit's code ("tax"), by which the table is narrowed; empty for a position at the top.
    pub unit_code: String,
    /// The units above the position, "市税务局 › 稽查局" (empty at the top).
    pub unit_zh: String,
    pub unit_en: String,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub requirements_zh: String,
    /// The Chinese where the exam gives no English.
    pub requirements_en: String,
}

/// A unit the table can be narrowed to: its code and names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitChoice {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
}

/// Every position of the tree, in the tree's order.
pub fn position_rows(tree: &[PositionNode]) -> Vec<PositionRow> {
    fn walk(nodes: &[PositionNode], above: &[&PositionNode], out: &mut Vec<PositionRow>) {
        for node in nodes {
            if node.is_leaf() {
                let joined =
                    |name: fn(&PositionNode) -> &str| above.iter().map(|n| name(n)).collect::<Vec<_>>().join(" › ");
                let requirements_zh = node.requirements_zh.clone().unwrap_or_default();
                out.push(PositionRow {
                    unit_code: above.first().map(|n| n.code.clone()).unwrap_or_default(),
                    unit_zh: joined(|n| &n.name_zh),
                    unit_en: joined(|n| &n.name_en),
                    code: node.code.clone(),
                    name_zh: node.name_zh.clone(),
                    name_en: node.name_en.clone(),
                    requirements_en: node.requirements_en.clone().unwrap_or_else(|| requirements_zh.clone()),
                    requirements_zh,
                });
            } else {
                let deeper: Vec<&PositionNode> = above.iter().copied().chain([node]).collect();
                walk(&node.children, &deeper, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(tree, &[], &mut out);
    out
}

/// The top units that hold positions, for the table's 单位 choice.
pub fn units(tree: &[PositionNode]) -> Vec<UnitChoice> {
    tree.iter()
        .filter(|node| !node.is_leaf())
        .map(|node| UnitChoice {
            code: node.code.clone(),
            name_zh: node.name_zh.clone(),
            name_en: node.name_en.clone(),
        })
        .collect()
}

/// What the candidate narrowed the table to: words (every one must appear, in either language, in
/// the unit, code, name or requirements; letters in any case) and one top unit.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PositionFilter {
    pub words: String,
    pub unit: Option<String>,
}

impl PositionFilter {
    pub fn keeps(&self, row: &PositionRow) -> bool {
        if self.unit.as_deref().is_some_and(|unit| unit != row.unit_code) {
            return false;
        }
        let text = [
            &row.unit_zh,
            &row.unit_en,
            &row.code,
            &row.name_zh,
            &row.name_en,
            &row.requirements_zh,
            &row.requirements_en,
        ]
        .map(|part| part.to_lowercase())
        .join("\n");
        self.words.split_whitespace().all(|word| text.contains(&word.to_lowercase()))
    }

    /// Whether the candidate narrowed anything.
    pub fn narrows(&self) -> bool {
        self.unit.is_some() || !self.words.trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(code: &str, name_zh: &str, requirements_zh: &str) -> PositionNode {
        PositionNode {
            code: code.into(),
            name_zh: name_zh.into(),
            name_en: format!("{code} officer"),
            requirements_zh: Some(requirements_zh.into()),
            requirements_en: None,
            children: Vec::new(),
        }
    }

    fn unit(code: &str, name_zh: &str, children: Vec<PositionNode>) -> PositionNode {
        PositionNode {
            code: code.into(),
            name_zh: name_zh.into(),
            name_en: format!("{code} bureau"),
            requirements_zh: None,
            requirements_en: None,
            children,
        }
    }

    fn tree() -> Vec<PositionNode> {
        vec![
            unit(
                "tax",
                "市税务局",
                vec![
                    leaf("tax-01", "一级科员（会计）", "本科，会计学专业"),
                    unit("audit", "稽查局", vec![leaf("tax-02", "一级科员（法律）", "本科，法学专业")]),
                ],
            ),
            leaf("solo", "办公室文员", "大专及以上"),
        ]
    }

    #[test]
    fn every_position_is_a_row_under_the_units_above_it_in_the_tree_s_order() {
        let rows = position_rows(&tree());
        let shown: Vec<(&str, &str, &str)> =
            rows.iter().map(|r| (r.unit_code.as_str(), r.unit_zh.as_str(), r.code.as_str())).collect();
        assert_eq!(shown, [("tax", "市税务局", "tax-01"), ("tax", "市税务局 › 稽查局", "tax-02"), ("", "", "solo")]);
        assert_eq!(rows[1].unit_en, "tax bureau › audit bureau");
        assert_eq!(rows[0].requirements_en, "本科，会计学专业", "the Chinese stands in for a missing English");
        let choices: Vec<String> = units(&tree()).into_iter().map(|u| u.code).collect();
        assert_eq!(choices, ["tax"], "a position at the top is no unit");
    }

    #[test]
    fn the_filter_keeps_rows_with_every_word_in_the_chosen_unit() {
        let rows = position_rows(&tree());
        let kept = |filter: PositionFilter| -> Vec<String> {
            rows.iter().filter(|row| filter.keeps(row)).map(|row| row.code.clone()).collect()
        };
        assert_eq!(kept(PositionFilter::default()), ["tax-01", "tax-02", "solo"]);
        assert_eq!(kept(PositionFilter { words: "法学".into(), unit: None }), ["tax-02"]);
        assert_eq!(kept(PositionFilter { words: "本科 稽查".into(), unit: None }), ["tax-02"], "every word, anywhere");
        assert_eq!(kept(PositionFilter { words: "TAX-01".into(), unit: None }), ["tax-01"], "letters in any case");
        assert_eq!(kept(PositionFilter { words: String::new(), unit: Some("tax".into()) }), ["tax-01", "tax-02"]);
        assert_eq!(kept(PositionFilter { words: "大专".into(), unit: Some("tax".into()) }), Vec::<String>::new());
        assert!(!PositionFilter { words: "  ".into(), unit: None }.narrows());
    }
}
