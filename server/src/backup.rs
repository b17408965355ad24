//! Backups that are proven to restore (`docs/deployment.md`, "Backups"): `take_backup` writes one
//! of a running installation, `verify_backup` checks it without opening it, `restore_backup`
//! fills an empty installation from it. Every part is sealed with age (`sealed_file`); the rows
//! travel as models any database takes back (`backup_tables`), listed in `manifest`, which the
//! installation signs (`manifest_signature`) so that a restore opens only what it wrote.

pub mod backup_tables;
pub mod manifest;
pub mod manifest_signature;
pub mod restore_backup;
pub mod sealed_file;
pub mod take_backup;
pub mod verify_backup;
