"""The SQL of :class:`~newsprov.candidates.storage.SqliteStorage`: its tables and look-ups.

Band keys and passage anchors each live in three levels of ``(key, n)``
tables, newest first: ``<kind>_new`` (the last ~1,000 articles' keys),
``<kind>_mid`` (up to an eighth of all keys) and ``<kind>`` (the rest). A
look-up reads the two recent levels (``*_RECENT``) for every key, and the big
one (``*_BIG``) for the keys its filter may hold
(:mod:`~newsprov.candidates._sqlite_filter`, kept in ``filters``); see
:mod:`newsprov.candidates.storage` for when keys move down a level.

Example:
    >>> import sqlite3
    >>> db = sqlite3.connect(":memory:")
    >>> _ = db.executescript(SCHEMA)
    >>> db.execute(POSTINGS_BIG, {"limit": 3, "keys": "[1, 2]"}).fetchall()
    []
    >>> db.execute(CANDIDATES_RECENT, {"keys": "[1, 2]"}).fetchall()
    []
"""

__all__ = [
    "CANDIDATES_BIG",
    "CANDIDATES_RECENT",
    "LEVELS",
    "POSTINGS_BIG",
    "POSTINGS_RECENT",
    "SCHEMA",
]

LEVELS = ("new", "mid", "")
"""Table suffixes of the three levels, newest first (``bands_new``, ``bands_mid``, ``bands``)."""


def _table(kind: str, level: str) -> str:
    return f"{kind}_{level}" if level else kind


_KEYS = "".join(
    f"CREATE TABLE IF NOT EXISTS {_table(kind, level)} (\n"
    "    key INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (key, n)\n) WITHOUT ROWID;\n"
    for kind in ("bands", "anchors")
    for level in LEVELS
)

SCHEMA = (
    """
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
CREATE TABLE IF NOT EXISTS filters (
    kind TEXT PRIMARY KEY, generation INTEGER NOT NULL, bits BLOB NOT NULL
);
"""
    + _KEYS
)


def _candidates(levels: tuple[str, ...]) -> str:
    return " UNION ALL ".join(
        f"SELECT q.value, e.id FROM json_each(:keys) q CROSS JOIN {_table('bands', level)} b "
        "ON b.key = q.value CROSS JOIN entries e ON e.n = b.n"
        for level in levels
    )


def _postings(levels: tuple[str, ...]) -> str:
    holders = " UNION ALL ".join(
        f"SELECT n FROM {_table('anchors', level)} WHERE key = q.value" for level in levels
    )
    return f"""
SELECT key, ns FROM (
    SELECT q.value AS key, (
        SELECT json_group_array(n) FROM ({holders} LIMIT :limit)
    ) AS ns FROM json_each(:keys) q
) WHERE ns <> '[]'
"""


# (band key, id) of every stored entry holding one of the sorted JSON array
# :keys, for a whole batch in one statement: the keys are looked up in key
# order (neighbouring look-ups read the same B-tree pages), one level after
# the other. CROSS JOIN keeps the key list the outer loop.
CANDIDATES_RECENT = _candidates(LEVELS[:2])
CANDIDATES_BIG = _candidates(LEVELS[2:])

# Up to ``limit`` entry numbers per anchor (JSON arrays), for anchors found; a
# boilerplate anchor in 50,000 entries reads ``limit`` rows, not 50,000. The
# numbers become ids in one look-up per distinct entry afterwards (a reprint
# holds a hundred anchors of the same few entries).
POSTINGS_RECENT = _postings(LEVELS[:2])
POSTINGS_BIG = _postings(LEVELS[2:])
