//! Schema versions of the store as a whole: a store of an older version is migrated at open,
//! one of a newer version is refused before anything is written to it.
//!
//! The migrations are a table, one step per version (n → n+1), not a chain of ifs: a new
//! schema version is one new row, and a test holds the table to [`SCHEMA_VERSION`] (a step for
//! every version below it, in order). All pending steps and the new version number are written
//! in one sled transaction over every tree, so a store is either wholly migrated or not at all
//! — a start killed half-way finds the old version and migrates again.
//!
//! Version 1 is the first released one, so the table is empty today. A store of every released
//! version is kept under `tests/data/` and must open with every later build.

use super::database::{Database, META};
use super::{SCHEMA_VERSION, StoreError};
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionalTree};

pub(super) const KEY_SCHEMA: &[u8] = b"schema_version";

/// The trees as one migration step sees them: inside the transaction, by name.
pub(super) struct Trees<'a> {
    names: &'a [Vec<u8>],
    trees: &'a [TransactionalTree],
}

impl Trees<'_> {
    /// The tree `name` (every tree of the store is there; a step that needs a new one names it
    /// in [`NEW_TREES`] so that it exists before the transaction starts).
    #[allow(dead_code)] // used by the steps to come, and by the tests' step
    pub(super) fn tree(&self, name: &str) -> Result<&TransactionalTree, Step> {
        self.names
            .iter()
            .position(|n| n.as_slice() == name.as_bytes())
            .and_then(|i| self.trees.get(i))
            .ok_or_else(|| {
                Step::Abort(StoreError::Corrupt {
                    tree: META,
                    key: name.to_owned(),
                    message: "a migration needs a tree the store does not have".into(),
                })
            })
    }
}

pub(super) type Step = ConflictableTransactionError<StoreError>;

/// One step of the table: turns a store of version `from` into one of `from + 1`.
pub(super) struct Migration {
    pub from: u32,
    /// For the log: what the step changes.
    pub what: &'static str,
    pub run: fn(&Trees<'_>) -> Result<(), Step>,
}

/// Every step, in order of `from`. Empty: 1 is the first released version.
pub(super) const MIGRATIONS: &[Migration] = &[];

/// The schema version the store records, `None` for a store that records none (a new one).
pub(super) fn stored_version(meta: &sled::Tree) -> Result<Option<u32>, StoreError> {
    match meta.get(KEY_SCHEMA)? {
        None => Ok(None),
        Some(v) => <[u8; 4]>::try_from(v.as_ref())
            .map(|b| Some(u32::from_be_bytes(b)))
            .map_err(|_| StoreError::Corrupt {
                tree: META,
                key: "schema_version".into(),
                message: "not a 4-byte number".into(),
            }),
    }
}

/// Refuses a store written by a newer anlauf, before anything of it is touched: read as if it
/// were ours, its records would be misread or rewritten in an older shape.
pub(super) fn refuse_newer(meta: &sled::Tree) -> Result<(), StoreError> {
    match stored_version(meta)? {
        Some(found) if found > SCHEMA_VERSION => Err(StoreError::NewerSchema {
            found,
            supported: SCHEMA_VERSION,
        }),
        _ => Ok(()),
    }
}

/// Brings the store to [`SCHEMA_VERSION`]: a new store is marked, an older one migrated.
pub(super) fn migrate(db: &Database) -> Result<(), StoreError> {
    migrate_with(db, MIGRATIONS, SCHEMA_VERSION)
}

/// [`migrate`] with another table and target, for tests of the machinery while the real table
/// is still empty.
pub(super) fn migrate_with(
    db: &Database,
    table: &[Migration],
    target: u32,
) -> Result<(), StoreError> {
    let meta = &db.trees.meta;
    let found = match stored_version(meta)? {
        None => {
            meta.insert(KEY_SCHEMA, &target.to_be_bytes())?;
            return Ok(());
        }
        Some(found) if found > target => {
            return Err(StoreError::NewerSchema {
                found,
                supported: target,
            });
        }
        Some(found) if found == target => return Ok(()),
        Some(found) => found,
    };
    let steps: Vec<&Migration> = (found..target)
        .map(|from| {
            table
                .iter()
                .find(|m| m.from == from)
                .ok_or_else(|| StoreError::Corrupt {
                    tree: META,
                    key: "schema_version".into(),
                    message: format!("no migration from schema version {from}"),
                })
        })
        .collect::<Result<_, _>>()?;
    let named = db.every_tree()?;
    let names: Vec<Vec<u8>> = named.iter().map(|(n, _)| n.clone()).collect();
    let trees: Vec<sled::Tree> = named.into_iter().map(|(_, t)| t).collect();
    let meta_at = names
        .iter()
        .position(|n| n.as_slice() == META.as_bytes())
        .ok_or_else(|| StoreError::Corrupt {
            tree: META,
            key: "schema_version".into(),
            message: "the store has no meta tree".into(),
        })?;
    trees
        .as_slice()
        .transaction(|tx: &Vec<TransactionalTree>| {
            let view = Trees {
                names: &names,
                trees: tx,
            };
            for step in &steps {
                (step.run)(&view)?;
            }
            tx[meta_at].insert(KEY_SCHEMA, &target.to_be_bytes())?;
            Ok(())
        })?;
    db.make_durable()?;
    for step in &steps {
        tracing::info!(
            from = step.from,
            to = step.from + 1,
            what = step.what,
            "store migrated"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_one_step_for_every_version_below_the_current_one_in_order() {
        let froms: Vec<u32> = MIGRATIONS.iter().map(|m| m.from).collect();
        let expected: Vec<u32> = (1..SCHEMA_VERSION).collect();
        assert_eq!(froms, expected);
    }

    fn open(dir: &std::path::Path) -> Database {
        let db = Database::open(dir).expect("open");
        db.trees
            .meta
            .insert(KEY_SCHEMA, &1u32.to_be_bytes())
            .expect("v1");
        db.trees.note.insert(b"k", b"alt".as_slice()).expect("note");
        db
    }

    fn to_upper(trees: &Trees<'_>) -> Result<(), Step> {
        let note = trees.tree("note")?;
        if let Some(v) = note.get(b"k")? {
            note.insert(b"k", v.to_ascii_uppercase())?;
        }
        Ok(())
    }

    fn fails_after_writing(trees: &Trees<'_>) -> Result<(), Step> {
        trees.tree("note")?.insert(b"k", b"halb".as_slice())?;
        trees.tree("intake")?.insert(b"x", b"halb".as_slice())?;
        Err(Step::Abort(StoreError::Corrupt {
            tree: "note",
            key: "k".into(),
            message: "the step fails half-way".into(),
        }))
    }

    #[test]
    fn an_older_store_is_migrated_step_by_step_with_its_version() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let db = open(dir.path());
        let table = [
            Migration {
                from: 1,
                what: "notes in capitals",
                run: to_upper,
            },
            Migration {
                from: 2,
                what: "nothing",
                run: |_| Ok(()),
            },
        ];
        migrate_with(&db, &table, 3).expect("migrates");
        assert_eq!(stored_version(&db.trees.meta).expect("read"), Some(3));
        assert_eq!(
            db.trees.note.get(b"k").expect("read").as_deref(),
            Some(&b"ALT"[..])
        );
        // Once at the target, nothing runs again.
        migrate_with(&db, &table[..0], 3).expect("nothing to do");
    }

    #[test]
    fn a_step_that_fails_leaves_the_store_as_it_was() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let db = open(dir.path());
        let table = [Migration {
            from: 1,
            what: "fails",
            run: fails_after_writing,
        }];
        assert!(migrate_with(&db, &table, 2).is_err());
        assert_eq!(stored_version(&db.trees.meta).expect("read"), Some(1));
        assert_eq!(
            db.trees.note.get(b"k").expect("read").as_deref(),
            Some(&b"alt"[..])
        );
        assert!(db.trees.intake.get(b"x").expect("read").is_none());
        // A missing step is refused, not skipped.
        assert!(migrate_with(&db, &[], 2).is_err());
        assert_eq!(stored_version(&db.trees.meta).expect("read"), Some(1));
    }
}
