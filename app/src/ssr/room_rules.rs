//! The map kept by a test (issue 54): `docs/architecture.md`'s table of the rooms inside `ssr/` says
//! which rooms each may import, and an arrow only ever points down the table. Every
//! `crate::ssr::<room>` a room's code names (its tests aside) must be one the table allows it,
//! directly or through a room it may import; and the table itself must list only rooms below.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The rooms in the table's order, top to bottom, each with the rooms it names as its imports.
fn the_table() -> Vec<(String, BTreeSet<String>)> {
    let doc = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/architecture.md");
    let text = std::fs::read_to_string(&doc).unwrap();
    text.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            // | `room/` | owns | may import |
            let room = cells.get(1)?.strip_prefix('`')?.strip_suffix("/`")?;
            let imports = cells.get(cells.len().checked_sub(2)?)?;
            let imports = imports.split(',').map(|name| name.trim().to_string()).filter(|name| !name.is_empty());
            Some((room.to_string(), imports.collect()))
        })
        .collect()
}

/// What each room may import: the rooms it names, and what those may import, on down.
fn allowed(table: &[(String, BTreeSet<String>)]) -> BTreeMap<String, BTreeSet<String>> {
    let named: BTreeMap<&str, &BTreeSet<String>> =
        table.iter().map(|(room, imports)| (room.as_str(), imports)).collect();
    let mut allowed = BTreeMap::new();
    for (room, _) in table {
        let mut reach = BTreeSet::new();
        let mut to_visit: Vec<&str> = named[room.as_str()].iter().map(String::as_str).collect();
        while let Some(next) = to_visit.pop() {
            if reach.insert(next.to_string()) {
                to_visit.extend(named.get(next).into_iter().flat_map(|imports| imports.iter().map(String::as_str)));
            }
        }
        allowed.insert(room.clone(), reach);
    }
    allowed
}

/// The room's files: `ssr/<room>.rs` and everything under `ssr/<room>/`.
fn files_of(room: &str) -> Vec<PathBuf> {
    let ssr = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ssr");
    let mut files = vec![ssr.join(format!("{room}.rs"))];
    files.extend(rust_files_under(&ssr.join(room)));
    files.into_iter().filter(|path| path.exists()).collect()
}

/// Every `.rs` file under `folder`, at any depth (the rules that read the code walk with it).
pub(super) fn rust_files_under(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path);
            }
        }
    }
    files
}

/// The rooms `code` names as `crate::ssr::<room>` (also inside `crate::ssr::{…}`), its test
/// module left out.
fn rooms_named(code: &str, rooms: &BTreeSet<String>) -> BTreeSet<String> {
    let code = code.split("#[cfg(test)]").next().unwrap_or_default();
    let mut named = BTreeSet::new();
    for (at, _) in code.match_indices("crate::ssr::") {
        let rest = &code[at + "crate::ssr::".len()..];
        let names: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => group.split('}').next().unwrap_or_default().split(',').collect(),
            None => vec![rest],
        };
        for name in names {
            let name: String = name.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if rooms.contains(&name) {
                named.insert(name);
            }
        }
    }
    named
}

/// Every arrow from one room to another the table does not allow, as "room → other (file)".
fn arrows_the_table_does_not_allow(table: &[(String, BTreeSet<String>)]) -> Vec<String> {
    let rooms: BTreeSet<String> = table.iter().map(|(room, _)| room.clone()).collect();
    let allowed = allowed(table);
    let mut wrong = Vec::new();
    for room in &rooms {
        for file in files_of(room) {
            let code = std::fs::read_to_string(&file).unwrap();
            for other in rooms_named(&code, &rooms) {
                if other != *room && !allowed[room].contains(&other) {
                    let file = file.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(&file).display().to_string();
                    wrong.push(format!("{room} → {other} ({file})"));
                }
            }
        }
    }
    wrong
}

#[test]
fn the_table_names_every_room_and_each_imports_only_rooms_below_it() {
    let table = the_table();
    let listed: BTreeSet<String> = table.iter().map(|(room, _)| room.clone()).collect();
    let ssr = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ssr");
    let folders: BTreeSet<String> = std::fs::read_dir(&ssr)
        .unwrap()
        .flatten()
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(listed, folders, "docs/architecture.md's table names exactly the rooms in app/src/ssr/");
    for (position, (room, imports)) in table.iter().enumerate() {
        // Names that are no room here (`domain`, below `ssr/`) are the table's prose.
        for import in imports.iter().filter(|import| listed.contains(*import)) {
            let below = table.iter().skip(position + 1).any(|(other, _)| other == import);
            assert!(below, "the table lets {room} import {import}, which is not below it");
        }
    }
}

#[test]
fn every_arrow_between_rooms_is_one_the_table_allows() {
    let wrong = arrows_the_table_does_not_allow(&the_table());
    assert!(wrong.is_empty(), "arrows docs/architecture.md's table does not allow:\n{}", wrong.join("\n"));
}

#[test]
fn an_arrow_up_the_table_is_found() {
    // The candidate's room naming the administrators' room, as a file of it would.
    let rooms: BTreeSet<String> = ["admin", "candidate", "infra"].map(String::from).into();
    let code = "use crate::ssr::{admin::exam_files, infra::clock};\nfn f() { crate::ssr::infra::audit::x(); }\n#[cfg(test)]\nmod tests { use crate::ssr::candidate::x; }";
    assert_eq!(rooms_named(code, &rooms), ["admin", "infra"].map(String::from).into());
    let table = vec![
        ("admin".to_string(), ["candidate", "infra"].map(String::from).into()),
        ("candidate".to_string(), ["infra"].map(String::from).into()),
        ("infra".to_string(), BTreeSet::new()),
    ];
    let allowed = allowed(&table);
    assert!(!allowed["candidate"].contains("admin"));
    assert!(allowed["admin"].contains("infra"));
}
