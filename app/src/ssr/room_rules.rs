//! The map kept by a test (issue 54; the server crate's since issue 70): a table in
//! `docs/architecture.md` says which rooms each may import, and an arrow only ever points down the
//! table. Every `<prefix><room>` a room's code names (its tests aside) must be one the table allows
//! it, directly or through a room it may import; and the table itself must list only rooms below.
//! The app's rooms (`app/src/ssr/`, prefix `crate::ssr::`) are checked by the tests here; the
//! server's (`server/src/`, prefix `crate::`) by `server/src/room_rules.rs`, with these readers.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The rooms and what each may import, in the table's order, top to bottom.
pub type RoomTable = Vec<(String, BTreeSet<String>)>;

/// `docs/architecture.md`, beside every crate of the workspace.
pub fn architecture_doc() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/architecture.md")
}

/// The table of the section `heading` of `doc`: each row `| `room/` | owns | may import |`.
pub fn room_table(doc: &Path, heading: &str) -> RoomTable {
    let text = std::fs::read_to_string(doc).unwrap();
    let start = text.find(heading).unwrap_or_else(|| panic!("{} has no section {heading}", doc.display()));
    let section = &text[start + heading.len()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    section
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let room = cells.get(1)?.strip_prefix('`')?.strip_suffix("/`")?;
            let imports = cells.get(cells.len().checked_sub(2)?)?;
            let imports = imports.split(',').map(|name| name.trim().to_string()).filter(|name| !name.is_empty());
            Some((room.to_string(), imports.collect()))
        })
        .collect()
}

/// What each room may import: the rooms it names, and what those may import, on down.
pub fn allowed(table: &[(String, BTreeSet<String>)]) -> BTreeMap<String, BTreeSet<String>> {
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

/// The room's files: `<rooms>/<room>.rs` and everything under `<rooms>/<room>/`.
pub fn files_of(rooms: &Path, room: &str) -> Vec<PathBuf> {
    let mut files = vec![rooms.join(format!("{room}.rs"))];
    files.extend(rust_files_under(&rooms.join(room)));
    files.into_iter().filter(|path| path.exists()).collect()
}

/// Every `.rs` file under `folder`, at any depth (the rules that read the code walk with it).
pub fn rust_files_under(folder: &Path) -> Vec<PathBuf> {
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

/// The rooms `code` names as `<prefix><room>` (also inside `<prefix>{…}`), its test module left
/// out.
pub fn rooms_named(code: &str, prefix: &str, rooms: &BTreeSet<String>) -> BTreeSet<String> {
    let code = code.split("#[cfg(test)]").next().unwrap_or_default();
    let mut named = BTreeSet::new();
    for (at, _) in code.match_indices(prefix) {
        let rest = &code[at + prefix.len()..];
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
pub fn arrows_the_table_does_not_allow(
    table: &[(String, BTreeSet<String>)],
    rooms: &Path,
    prefix: &str,
) -> Vec<String> {
    let names: BTreeSet<String> = table.iter().map(|(room, _)| room.clone()).collect();
    let allowed = allowed(table);
    let crate_root = rooms.ancestors().nth(1).unwrap_or(rooms);
    let mut wrong = Vec::new();
    for room in &names {
        for file in files_of(rooms, room) {
            let code = std::fs::read_to_string(&file).unwrap();
            for other in rooms_named(&code, prefix, &names) {
                if other != *room && !allowed[room].contains(&other) {
                    let file = file.strip_prefix(crate_root).unwrap_or(&file).display().to_string();
                    wrong.push(format!("{room} → {other} ({file})"));
                }
            }
        }
    }
    wrong
}

/// What is wrong with the table itself: it must name exactly the folders of `rooms`, and a room
/// may import only rooms below it (names that are no room are the table's prose).
pub fn table_faults(table: &[(String, BTreeSet<String>)], rooms: &Path) -> Vec<String> {
    let listed: BTreeSet<String> = table.iter().map(|(room, _)| room.clone()).collect();
    let folders: BTreeSet<String> = std::fs::read_dir(rooms)
        .unwrap()
        .flatten()
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().to_string())
        .collect();
    let mut faults = Vec::new();
    if listed != folders {
        faults.push(format!("the table names {listed:?}, the folders of {} are {folders:?}", rooms.display()));
    }
    for (position, (room, imports)) in table.iter().enumerate() {
        for import in imports.iter().filter(|import| listed.contains(*import)) {
            if !table.iter().skip(position + 1).any(|(other, _)| other == import) {
                faults.push(format!("the table lets {room} import {import}, which is not below it"));
            }
        }
    }
    faults
}

#[cfg(test)]
mod tests {
    use super::*;

    const APP_ROOMS: &str = "## The map: rooms, what each owns, which way the imports go";

    fn app_rooms() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ssr")
    }

    #[test]
    fn the_table_names_every_room_and_each_imports_only_rooms_below_it() {
        let faults = table_faults(&room_table(&architecture_doc(), APP_ROOMS), &app_rooms());
        assert!(faults.is_empty(), "docs/architecture.md's table of app/src/ssr/:\n{}", faults.join("\n"));
    }

    #[test]
    fn every_arrow_between_rooms_is_one_the_table_allows() {
        let wrong =
            arrows_the_table_does_not_allow(&room_table(&architecture_doc(), APP_ROOMS), &app_rooms(), "crate::ssr::");
        assert!(wrong.is_empty(), "arrows docs/architecture.md's table does not allow:\n{}", wrong.join("\n"));
    }

    #[test]
    fn an_arrow_up_the_table_is_found() {
        // The candidate's room naming the administrators' room, as a file of it would.
        let rooms: BTreeSet<String> = ["admin", "candidate", "infra"].map(String::from).into();
        let code = "use crate::ssr::{admin::exam_files, infra::clock};\nfn f() { crate::ssr::infra::audit::x(); }\n#[cfg(test)]\nmod tests { use crate::ssr::candidate::x; }";
        assert_eq!(rooms_named(code, "crate::ssr::", &rooms), ["admin", "infra"].map(String::from).into());
        let table = vec![
            ("admin".to_string(), ["candidate", "infra"].map(String::from).into()),
            ("candidate".to_string(), ["infra"].map(String::from).into()),
            ("infra".to_string(), BTreeSet::new()),
        ];
        let allowed = allowed(&table);
        assert!(!allowed["candidate"].contains("admin"));
        assert!(allowed["admin"].contains("infra"));
    }
}
