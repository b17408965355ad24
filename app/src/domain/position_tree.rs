//! 选择职位: the positions an exam recruits for, as a tree (department → position), each leaf
//! with the requirements the system shows when it is chosen (seed 002).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PositionNode {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub requirements_zh: Option<String>,
    pub requirements_en: Option<String>,
    #[serde(default)]
    pub children: Vec<PositionNode>,
}

impl PositionNode {
    pub fn is_leaf(&self) -> bool {
        self.children.is_empty()
    }
}

/// The leaf with this code, with the names of its ancestors (for "税务局 › 一级科员").
pub fn find_position<'a>(tree: &'a [PositionNode], code: &str) -> Option<(Vec<&'a PositionNode>, &'a PositionNode)> {
    for node in tree {
        if node.code == code {
            return node.is_leaf().then(|| (Vec::new(), node));
        }
        if let Some((mut path, leaf)) = find_position(&node.children, code) {
            path.insert(0, node);
            return Some((path, leaf));
        }
    }
    None
}

/// The chosen leaf as documents print it: "税务局 › 一级科员".
pub fn position_path_zh(tree: &[PositionNode], code: &str) -> Option<String> {
    let (path, leaf) = find_position(tree, code)?;
    let names: Vec<&str> = path.iter().map(|n| n.name_zh.as_str()).chain([leaf.name_zh.as_str()]).collect();
    Some(names.join(" › "))
}

/// Mistakes in a position tree, in English, for the administrator.
pub fn position_mistakes(tree: &[PositionNode]) -> Vec<String> {
    fn walk<'a>(nodes: &'a [PositionNode], seen: &mut std::collections::HashSet<&'a str>, out: &mut Vec<String>) {
        for node in nodes {
            if !seen.insert(node.code.as_str()) {
                out.push(format!("position code \"{}\" is used twice", node.code));
            }
            if node.is_leaf() && node.requirements_zh.is_none() {
                out.push(format!(
                    "position \"{}\" has no requirements_zh; candidates must see what it requires",
                    node.code
                ));
            }
            walk(&node.children, seen, out);
        }
    }
    let mut out = Vec::new();
    walk(tree, &mut std::collections::HashSet::new(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(code: &str, children: Vec<PositionNode>) -> PositionNode {
        PositionNode {
            code: code.into(),
            name_zh: code.into(),
            name_en: code.into(),
            requirements_zh: children.is_empty().then(|| "本科".to_string()),
            requirements_en: None,
            children,
        }
    }

    #[test]
    fn only_leaves_can_be_chosen_and_they_come_with_their_path() {
        let tree = vec![node("tax", vec![node("tax-01", vec![])])];
        let (path, leaf) = find_position(&tree, "tax-01").unwrap();
        assert_eq!((path[0].code.as_str(), leaf.code.as_str()), ("tax", "tax-01"));
        assert!(find_position(&tree, "tax").is_none());
        assert!(find_position(&tree, "nope").is_none());
    }

    #[test]
    fn duplicate_codes_and_leaves_without_requirements_are_named() {
        let mut leaf = node("a", vec![]);
        leaf.requirements_zh = None;
        let mistakes = position_mistakes(&[leaf, node("a", vec![])]);
        assert_eq!(mistakes.len(), 2);
    }
}
