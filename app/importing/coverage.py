"""Which of a source database's columns an importer reads, from the text of its queries.

The *not imported* part of a report compares the source's own columns (``information_schema``)
with these, so a column added to the source shows up there by itself. The reading is lexical
and errs towards "read": a qualified name (``a.col``) counts for the table its alias names; a
bare name counts for every table of the same query that has such a column; a name right after
``AS`` is an output name, not a column; a selected ``*`` reads every column of the query's
tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import psycopg

_STRING = re.compile(r"'(?:[^']|'')*'")
_TABLE = re.compile(
    r"\b(?:FROM|JOIN)\s+(?:public\.)?\"?([A-Za-z_]\w*)\"?(?:\s+(?:AS\s+)?\"?([A-Za-z_]\w*)\"?)?",
    re.IGNORECASE,
)
_QUALIFIED = re.compile(r"\b([A-Za-z_]\w*)\s*\.\s*(\*|\"?[A-Za-z_]\w*\"?)")
_BARE = re.compile(r"(?<![.\w\"])(\*|[A-Za-z_]\w*)(?![\w\"]*\s*\.)")
_NOT_ALIAS = frozenset(
    {
        "on",
        "where",
        "left",
        "right",
        "inner",
        "outer",
        "full",
        "cross",
        "join",
        "lateral",
        "group",
        "order",
        "union",
        "limit",
        "using",
        "natural",
        "window",
        "having",
        "offset",
        "except",
        "intersect",
    }
)


def source_columns(conn: psycopg.Connection[Any]) -> dict[str, list[str]]:
    """The base tables of the source's ``public`` schema and their columns, in table order."""
    rows = conn.execute(
        "SELECT c.table_name, c.column_name FROM information_schema.columns AS c"
        " JOIN information_schema.tables AS t ON t.table_schema = c.table_schema"
        " AND t.table_name = c.table_name"
        " WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'"
        " ORDER BY c.table_name, c.ordinal_position"
    ).fetchall()
    found: dict[str, list[str]] = {}
    for row in rows:
        table, column = (row["table_name"], row["column_name"]) if isinstance(row, dict) else row
        found.setdefault(str(table), []).append(str(column))
    return found


def columns_read(queries: Iterable[str], schema: dict[str, list[str]]) -> dict[str, set[str]]:
    """Per source table, the columns the queries read (tables no query names are absent)."""
    read: dict[str, set[str]] = {}
    for query in queries:
        for table, columns in _one_query(query, schema).items():
            read.setdefault(table, set()).update(columns)
    return read


def _one_query(query: str, schema: dict[str, list[str]]) -> dict[str, set[str]]:
    text = _STRING.sub("''", query)
    aliases: dict[str, str] = {}  # alias (or the table's own name) -> table
    for match in _TABLE.finditer(text):
        table, alias = match.group(1), match.group(2)
        if table not in schema:
            continue
        aliases[table] = table
        if alias and alias.lower() not in _NOT_ALIAS:
            aliases[alias] = table
    tables = set(aliases.values())
    read: dict[str, set[str]] = {t: set() for t in tables}
    for match in _QUALIFIED.finditer(text):
        table = aliases.get(match.group(1))
        if table is None:
            continue
        column = match.group(2).strip('"')
        if column == "*":
            read[table].update(schema[table])
        elif column in schema[table]:
            read[table].add(column)
    previous = ""
    for match in _BARE.finditer(text):
        token = match.group(1)
        if previous.lower() == "as":
            previous = token
            continue
        previous = token
        if token == "*":
            before = text[: match.start()].rstrip().lower()
            if not before.endswith(("select", "distinct", ",", ")")):
                continue  # count(*)
            for table in tables:
                read[table].update(schema[table])
            continue
        for table in tables:
            if token in schema[table]:
                read[table].add(token)
    return read
