//! The house rules for migrations, from the seventh on (the six before them predate the rules and
//! are explained by the entities' comments): one table or one change per migration, every column
//! says in a comment why it exists, and a column that names another row has a foreign key or a
//! comment saying why it has none.

use std::fs;
use std::path::{Path, PathBuf};

/// The first migration the rules hold for.
const RULES_START: u32 = 7;

/// Column constructors of `sea_orm_migration::schema` that define a new column.
const COLUMN_TYPES: [&str; 12] = [
    "string(",
    "string_null(",
    "integer(",
    "integer_null(",
    "big_integer(",
    "text(",
    "text_null(",
    "boolean(",
    "timestamp_with_time_zone(",
    "timestamp_with_time_zone_null(",
    "binary(",
    "binary_null(",
];

fn migrations_under_the_rules() -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: Vec<(PathBuf, String)> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let number: Option<u32> =
                name.strip_prefix('m').and_then(|rest| rest.get(9..15)).and_then(|n| n.parse().ok());
            number.is_some_and(|n| n >= RULES_START)
        })
        .map(|path| {
            let text = fs::read_to_string(&path).unwrap();
            (path, text)
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no migration found under the rules in {}", dir.display());
    files
}

/// The code before `down`: what the migration does.
fn up_part(text: &str) -> &str {
    text.split("async fn down").next().unwrap_or(text)
}

#[test]
fn each_migration_creates_or_changes_one_table() {
    for (path, text) in migrations_under_the_rules() {
        let up = up_part(&text);
        let creates = up.matches("Table::create()").count();
        let alters = up.matches("Table::alter()").count();
        assert!(creates + alters <= 1, "{}: {creates} tables created and {alters} altered", path.display());
    }
}

#[test]
fn every_new_column_says_why_it_exists() {
    for (path, text) in migrations_under_the_rules() {
        let lines: Vec<&str> = up_part(&text).lines().collect();
        for (index, line) in lines.iter().enumerate() {
            let defines_column = COLUMN_TYPES.iter().any(|t| line.contains(t)) && !line.contains("pk_auto(");
            if !defines_column {
                continue;
            }
            let explained = line.contains("//") || index > 0 && lines[index - 1].trim_start().starts_with("//");
            assert!(explained, "{}:{}: a column without a comment: {}", path.display(), index + 1, line.trim());
        }
    }
}

#[test]
fn a_column_naming_another_row_has_a_foreign_key_or_says_why_not() {
    for (path, text) in migrations_under_the_rules() {
        let up = up_part(&text);
        let names_a_row = up.lines().any(|line| {
            COLUMN_TYPES.iter().any(|t| line.contains(t)) && line.contains("Id)") && !line.contains("pk_auto(")
        });
        let settled = up.contains("foreign_key(") || text.to_lowercase().contains("no foreign key");
        assert!(!names_a_row || settled, "{}: a column names another row without a foreign key", path.display());
    }
}
