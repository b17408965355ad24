//! The server crate's rooms, kept as the app's are (issue 70): `docs/architecture.md`'s table "The
//! server crate's rooms" names every folder of `server/src/`, each room imports only rooms below it,
//! and only a room whose row says `tables` queries the app's tables itself; every other room (the
//! routes, the documents, the workers) asks the app's services. The readers are the app's
//! (`app::ssr::room_rules`).

use std::path::{Path, PathBuf};

use app::ssr::room_rules::{
    architecture_doc, arrows_the_table_does_not_allow, files_of, room_table, table_faults, RoomTable,
};

const SERVER_ROOMS: &str = "## The server crate's rooms";
/// The word in a row's imports that lets the room query tables itself.
const TABLES: &str = "tables";

fn server_rooms() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Whether `code` (its tests left out) queries a table: finds, inserts, updates or deletes through
/// an entity, or builds an active model to write.
fn queries_tables(code: &str) -> bool {
    let code = code.split("#[cfg(test)]").next().unwrap_or_default();
    code.contains("::Entity::") || code.contains("ActiveModel {") || code.contains("ActiveModel::")
}

/// Every file that queries a table in a room whose row does not say `tables`.
fn queries_the_table_does_not_allow(table: &RoomTable, rooms: &Path) -> Vec<String> {
    let mut wrong = Vec::new();
    for (room, _) in table.iter().filter(|(_, imports)| !imports.contains(TABLES)) {
        for file in files_of(rooms, room) {
            if queries_tables(&std::fs::read_to_string(&file).unwrap()) {
                wrong.push(format!("{room} queries tables ({})", file.strip_prefix(rooms).unwrap_or(&file).display()));
            }
        }
    }
    wrong
}

#[test]
fn the_table_names_every_room_of_the_server_and_each_imports_only_rooms_below_it() {
    let faults = table_faults(&room_table(&architecture_doc(), SERVER_ROOMS), &server_rooms());
    assert!(faults.is_empty(), "docs/architecture.md's table of server/src/:\n{}", faults.join("\n"));
}

#[test]
fn every_arrow_between_the_servers_rooms_is_one_the_table_allows() {
    let wrong =
        arrows_the_table_does_not_allow(&room_table(&architecture_doc(), SERVER_ROOMS), &server_rooms(), "crate::");
    assert!(wrong.is_empty(), "arrows docs/architecture.md's table does not allow:\n{}", wrong.join("\n"));
}

#[test]
fn only_rooms_the_table_lets_query_tables_do() {
    let wrong = queries_the_table_does_not_allow(&room_table(&architecture_doc(), SERVER_ROOMS), &server_rooms());
    assert!(
        wrong.is_empty(),
        "rooms that query tables docs/architecture.md's table leaves to services:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn a_route_that_queries_a_table_is_found() {
    let route = "let order = payment_order::Entity::find().filter(x).one(db).await?;";
    let writer = "let row = user::ActiveModel { id: Set(1), ..Default::default() };";
    let reader = "fn page(order: &payment_order::Model) -> String { order.order_no.clone() }\n#[cfg(test)]\nmod tests { fn f() { user::Entity::find(); } }";
    assert!(queries_tables(route));
    assert!(queries_tables(writer));
    assert!(!queries_tables(reader), "naming a model a service returned, or a query in a test, is no query");
}
