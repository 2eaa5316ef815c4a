"""The SQL of :class:`~newsprov.candidates.storage.SqliteStorage`: its tables, its anchor look-up.

Example:
    >>> import sqlite3
    >>> db = sqlite3.connect(":memory:")
    >>> _ = db.executescript(SCHEMA)
    >>> db.execute(POSTINGS, {"limit": 3, "keys": "[1, 2]"}).fetchall()
    []
"""

__all__ = ["POSTINGS", "SCHEMA"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    grp TEXT NOT NULL,
    added REAL NOT NULL,
    digest BLOB NOT NULL,
    signature BLOB NOT NULL,
    shingles BLOB NOT NULL,
    anchors BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_grp ON entries (grp);
CREATE INDEX IF NOT EXISTS entries_added ON entries (added);
CREATE TABLE IF NOT EXISTS bands (
    key INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (key, n)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS bands_new (
    key INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (key, n)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS anchors (
    key INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (key, n)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS anchors_new (
    key INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (key, n)
) WITHOUT ROWID;
"""

# Up to ``limit`` entry numbers per anchor (JSON arrays), for anchors found; a
# boilerplate anchor in 50,000 entries reads ``limit`` rows, not 50,000. The
# numbers become ids in one look-up per distinct entry afterwards (a reprint
# holds a hundred anchors of the same few entries).
POSTINGS = """
SELECT key, ns FROM (
    SELECT q.value AS key, (
        SELECT json_group_array(n) FROM (
            SELECT n FROM anchors WHERE key = q.value
            UNION ALL SELECT n FROM anchors_new WHERE key = q.value LIMIT :limit
        )
    ) AS ns FROM json_each(:keys) q
) WHERE ns <> '[]'
"""
