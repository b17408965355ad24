//! Where a person's data is still written: every text a test knows of them (an ID number, a name,
//! a mobile), looked for in every column of every table, on SQLite and on PostgreSQL alike.

use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};

/// Each "table.column: text" where one of `texts` is found.
pub async fn traces_of(db: &DatabaseConnection, texts: &[&str]) -> Vec<String> {
    let backend = db.get_database_backend();
    let (tables, columns_of): (&str, fn(&str) -> String) = match backend {
        DatabaseBackend::Sqlite => {
            ("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", |table| {
                format!("SELECT name FROM pragma_table_info('{table}')")
            })
        }
        _ => (
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()",
            |table| {
                format!(
                    "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}'"
                )
            },
        ),
    };
    let names = |sql: String| async move {
        db.query_all(Statement::from_string(backend, sql))
            .await
            .unwrap()
            .iter()
            .map(|row| row.try_get::<String>("", "name").unwrap())
            .collect::<Vec<_>>()
    };
    let mut found = Vec::new();
    for table in names(tables.to_string()).await {
        for column in names(columns_of(&table)).await {
            for text in texts {
                let sql = format!(
                    "SELECT COUNT(*) AS n FROM \"{table}\" WHERE CAST(\"{column}\" AS TEXT) LIKE '%{}%'",
                    text.replace('\'', "''")
                );
                let row = db.query_one(Statement::from_string(backend, sql)).await.unwrap().unwrap();
                if row.try_get::<i64>("", "n").unwrap() > 0 {
                    found.push(format!("{table}.{column}: {text}"));
                }
            }
        }
    }
    found
}
