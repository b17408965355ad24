//! Several files chosen at once for one category. Seed 000 asks candidates to number their files
//! ("建议先在电脑上将图片文件分好栏目，并在命名文件名中使用序号"): the files go in the order of the
//! numbers in their names, then in the order chosen; each takes the next free place; and the
//! category's maximum counts all of them, not only what is stored.

use super::category_rules::CategoryRules;
use super::violation::{Violation, ViolationCode};

/// The numbers in a file's name, in reading order, its ending left out: "学历2-1.jpg" is [2, 1].
/// Full-width digits (１２) count as digits. A name without any gives none.
pub fn numbers_in_name(name: &str) -> Vec<u64> {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let mut numbers = Vec::new();
    let mut current: Option<u64> = None;
    for c in stem.chars() {
        match digit_value(c) {
            // A run too long for a number still orders after every shorter one.
            Some(d) => current = Some(current.unwrap_or(0).saturating_mul(10).saturating_add(d)),
            None => numbers.extend(current.take()),
        }
    }
    numbers.extend(current);
    numbers
}

fn digit_value(c: char) -> Option<u64> {
    match c {
        '0'..='9' => Some(c as u64 - '0' as u64),
        '０'..='９' => Some(c as u64 - '０' as u64),
        _ => None,
    }
}

/// The order the files go in, as indexes into `names` (the order chosen): by the numbers in
/// their names ("2" before "10"), a name without a number after every numbered one, and the
/// order chosen where that decides nothing.
pub fn sending_order<S: AsRef<str>>(names: &[S]) -> Vec<usize> {
    let mut keyed: Vec<(bool, Vec<u64>, usize)> = names
        .iter()
        .enumerate()
        .map(|(chosen, name)| {
            let numbers = numbers_in_name(name.as_ref());
            (numbers.is_empty(), numbers, chosen)
        })
        .collect();
    // Each key ends in its own index, so no two are equal and the unstable sort keeps the order chosen.
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, _, chosen)| chosen).collect()
}

/// The places (sequence numbers) `count` files take: from `start` on, skipping those `taken`.
pub fn free_places(start: u32, taken: &[u32], count: usize) -> Vec<u32> {
    (start.max(1)..).filter(|n| !taken.contains(n)).take(count).collect()
}

/// The category's maximum over a choice of several: a file that would pass on its own, with
/// `accepted_before` accepted files ahead of it in the same choice, when the category has no room
/// left for it. (A category already full says so through `count_violation`, for every file.)
pub fn beyond_the_maximum(rules: &CategoryRules, already_uploaded: u32, accepted_before: u32) -> Option<Violation> {
    let max = rules.max_count?;
    let room = max.checked_sub(already_uploaded).filter(|room| *room > 0)?;
    (accepted_before >= room).then(|| {
        Violation::new(
            ViolationCode::TooManyFiles,
            format!("本类最多 {max} 张，已有 {already_uploaded} 张，这次最多再传 {room} 张；此文件超出，未上传"),
            format!(
                "This category holds at most {max} pictures and has {already_uploaded}: {room} more can be added; this file is one too many and was not uploaded"
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_in_order_without_the_ending() {
        assert_eq!(numbers_in_name("学历2-1.jpg"), vec![2, 1]);
        assert_eq!(numbers_in_name("01 身份证正面.jpeg"), vec![1]);
        assert_eq!(numbers_in_name("证书１２.jpg"), vec![12]);
        assert_eq!(numbers_in_name("身份证.jpg"), Vec::<u64>::new());
        assert_eq!(numbers_in_name("scan.mp4"), Vec::<u64>::new());
        assert_eq!(numbers_in_name("99999999999999999999999.jpg"), vec![u64::MAX]);
    }

    #[test]
    fn files_go_by_the_number_in_their_names_then_in_the_order_chosen() {
        let chosen = ["10 工作证明.jpg", "2 学位.jpg", "说明.jpg", "1 毕业证.jpg", "封面.jpg", "2 学位 背面.jpg"];
        let order: Vec<&str> = sending_order(&chosen).into_iter().map(|i| chosen[i]).collect();
        assert_eq!(order, ["1 毕业证.jpg", "2 学位.jpg", "2 学位 背面.jpg", "10 工作证明.jpg", "说明.jpg", "封面.jpg"]);
    }

    #[test]
    fn several_numbers_order_like_chapters() {
        let chosen = ["a2-10.jpg", "a2-9.jpg", "a1-20.jpg", "a2.jpg"];
        let order: Vec<&str> = sending_order(&chosen).into_iter().map(|i| chosen[i]).collect();
        assert_eq!(order, ["a1-20.jpg", "a2.jpg", "a2-9.jpg", "a2-10.jpg"]);
    }

    #[test]
    fn places_skip_those_taken() {
        assert_eq!(free_places(2, &[1, 3, 4], 3), vec![2, 5, 6]);
        assert_eq!(free_places(0, &[], 2), vec![1, 2]);
        assert_eq!(free_places(7, &[], 0), Vec::<u32>::new());
    }

    #[test]
    fn the_maximum_counts_the_files_chosen_together() {
        let rules = CategoryRules { max_count: Some(3), ..CategoryRules::default() };
        assert_eq!(beyond_the_maximum(&rules, 1, 0), None);
        assert_eq!(beyond_the_maximum(&rules, 1, 1), None);
        let third = beyond_the_maximum(&rules, 1, 2).expect("a third file over room for two");
        assert_eq!(third.code, ViolationCode::TooManyFiles);
        assert!(third.message_zh.contains("最多 3 张，已有 1 张，这次最多再传 2 张"), "{}", third.message_zh);
        // A full category is said once per file by the count rule, not twice.
        assert_eq!(beyond_the_maximum(&rules, 3, 0), None);
        let open = CategoryRules { max_count: None, ..CategoryRules::default() };
        assert_eq!(beyond_the_maximum(&open, 40, 40), None);
    }
}
