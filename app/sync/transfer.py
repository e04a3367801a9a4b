"""Sync by transfer file: a workstation that is never connected syncs through a USB stick.

``export_changes`` (offline workstation) writes what waits in the outbox as one batch, with the
device's id and pull cursor. ``import_changes`` (a connected computer, as the importer's staff
login) pushes that batch through ``push_batch``, the network sync's own push, and writes a reply:
the acknowledgement, the conflicts and refusals, and the pull of the workstation's slice after its
cursor, as that login sees it. ``apply_reply`` (back at the workstation) acknowledges the outbox
and applies the pull as the network pull does. No Qt.

The files are sealed under the facility's transfer key (``app.sync.transfer_file``). Exactly
once: the server records each device's acknowledged range, so a batch imported again is a replay
and does nothing; the workstation records the number of the last reply applied, so a reply applied
again, or an older one, is refused.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from app.domain.i18n import translate
from app.sync.local import Applied, Issue, LocalStore, OutboxBatch, PendingRow
from app.sync.server import ServerStore
from app.sync.tables import decode_sqlite_json, synced_tables, table_named
from app.sync.transfer_file import TransferRefused, read_file, seal, unseal, write_file

PULL_CHUNK = 2000


@dataclass(frozen=True, slots=True)
class Exported:
    number: int
    device_id: str
    changes: int  # outbox entries in the file
    rows: int


@dataclass(frozen=True, slots=True)
class Imported:
    number: int
    device_id: str
    pushed_rows: int
    issues: int
    pulled_rows: int


@dataclass(frozen=True, slots=True)
class ReplyApplied:
    number: int
    acknowledged: int
    issues: int
    upserted: int
    removed: int
    tables: frozenset[str]


# -- export (offline workstation) ----------------------------------------------------------------


def export_changes(local: LocalStore, path: Path, key: str) -> Exported:
    """Write everything waiting to be pushed, the device's id and its pull cursor to ``path``."""
    device_id = local.get("device_id")
    cursor = local.get("cursor")
    if device_id is None or cursor is None or local.get("initial_done") != "1":
        raise TransferRefused(
            translate(
                "transfer",
                "This workstation has not pulled its data from a server yet: enrol it once on a "
                "network (`rollbook workstation init`) before it syncs by transfer file.",
            )
        )
    count, _since = local.outbox_count()
    batch = local.next_batch(count) if count else None
    number = int(local.get("transfer_exported", "0") or 0) + 1
    acked = int(local.get("acked_seq", "0") or 0)
    payload = {
        "device": device_id,
        "number": number,
        "cursor": cursor,
        "facilities": local.get("facilities"),
        "acked_seq": acked,
        "last_issue_id": int(local.get("last_issue_id", "0") or 0),
        "batch": _batch_out(local.engine, batch) if batch is not None else None,
        "deferred": {n: [i.hex for i in ids] for n, ids in local.deferred(100_000).items()},
        "exported_at": datetime.now(UTC).isoformat(),
    }
    lo, hi = (batch.lo, batch.hi) if batch is not None else (acked, acked)
    data = seal("export", device_id, number, lo, hi, payload, key)
    write_file(path, data)
    local.put_many(transfer_exported=str(number))
    rows = len(batch.rows) if batch is not None else 0
    return Exported(number, device_id, (hi - lo + 1) if batch is not None else 0, rows)


def _batch_out(engine: Engine, batch: OutboxBatch) -> dict[str, Any]:
    """The batch with each row as the outbox captured it (SQLite's JSON), decoded at import
    exactly as a network push decodes it."""
    with engine.connect() as conn:
        entries = conn.execute(
            text(
                "SELECT seq, table_name, row_id, old, new FROM sync_outbox"
                " WHERE seq BETWEEN :lo AND :hi ORDER BY seq"
            ),
            {"lo": batch.lo, "hi": batch.hi},
        ).all()
    first: dict[tuple[str, str], str | None] = {}
    last: dict[tuple[str, str], str | None] = {}
    for _seq, table, row_id, old, new in entries:
        key = (str(table), uuid.UUID(hex=str(row_id)).hex)
        first.setdefault(key, old)
        last[key] = new
    rows = []
    for row in batch.rows:
        key = (row.table, row.row_id.hex)
        rows.append(
            {
                "table": row.table,
                "id": row.row_id.hex,
                "first_seq": row.first_seq,
                "created": row.created,
                "base": None if row.base is None else first.get(key),
                "mine": None if row.mine is None else last.get(key),
            }
        )
    return {"lo": batch.lo, "hi": batch.hi, "digest": batch.digest, "rows": rows}


def _batch_in(raw: dict[str, Any]) -> OutboxBatch:
    rows = []
    for r in raw["rows"]:
        table = table_named(r["table"])
        rows.append(
            PendingRow(
                table=r["table"],
                row_id=uuid.UUID(hex=r["id"]),
                first_seq=int(r["first_seq"]),
                created=bool(r["created"]),
                base=decode_sqlite_json(table, r["base"]),
                mine=decode_sqlite_json(table, r["mine"]),
            )
        )
    return OutboxBatch(int(raw["lo"]), int(raw["hi"]), tuple(rows), str(raw["digest"]))


# -- import (a connected computer) ---------------------------------------------------------------


def read_export(path: Path, key: str) -> tuple[dict[str, Any], dict[str, Any]]:
    return unseal(read_file(path), key, kind="export")


def import_changes(
    server: ServerStore,
    export: Path,
    reply: Path,
    key: str,
    *,
    importer: str,
    visible: frozenset[uuid.UUID],
    client_revision: str | None,
) -> Imported:
    """Push the export's batch exactly once as ``importer`` and write the reply to ``reply``.

    The same staff member pushes as the workstation's device; another login (an admin of the
    facility), which cannot see that device (a device row is its login's alone under row-level
    security), pushes under a device of its own named after it. ``visible``:
    the facilities the importer may see; the reply's pull is the workstation's slice within."""
    header, payload = read_export(export, key)
    device_id = str(payload["device"])
    if device_id != header["device"]:
        raise TransferRefused(
            translate("transfer", "The file was changed (its device does not match): nothing used.")
        )
    batch = _batch_in(payload["batch"]) if payload["batch"] is not None else None
    recorded = payload.get("facilities")
    wanted = frozenset(uuid.UUID(f) for f in recorded.split(",")) if recorded else visible
    facilities = wanted & visible
    issues: list[Issue] = []
    last_issue_id: int | None = None
    with server.held():
        hs = server.handshake(device_id)
        pushing = device_id
        if not hs.registered:
            pushing = f"{device_id}~{importer}"
            hs = server.handshake(pushing)
        if hs.server_revision != client_revision:
            raise TransferRefused(
                translate(
                    "transfer",
                    "The server's schema ({server}) is not this Rollbook's ({mine}): update "
                    "Rollbook here (or the server) and import again.",
                ).format(server=hs.server_revision, mine=client_revision)
            )
        if not hs.registered:
            server.register(pushing, client_revision)
        elif batch is not None and hs.acked_seq >= batch.hi:
            raise TransferRefused(
                translate(
                    "transfer",
                    "Transfer file No. {number} of workstation {device} was already imported (or "
                    "its changes reached the server by a network sync): nothing was sent again "
                    "and no reply was written.",
                ).format(number=header["number"], device=device_id)
            )
        if pushing == device_id:
            found, last_id = server.issues_since(device_id, int(payload["last_issue_id"]))
            issues += found
            last_issue_id = last_id
        pushed_rows = 0
        if batch is not None:
            result = server.push(pushing, batch)
            if result.replayed:  # another import won the race: it holds the lock's outcome
                raise TransferRefused(
                    translate(
                        "transfer",
                        "Transfer file No. {number} was already imported: nothing was sent again "
                        "and no reply was written.",
                    ).format(number=header["number"])
                )
            issues += result.issues
            if pushing == device_id and result.last_issue_id is not None:
                last_issue_id = result.last_issue_id
            pushed_rows = len(batch.rows)
        readable = [t.name for t in synced_tables() if t.name in hs.readable]
        chunks, cursor, pulled = _pull(server, payload["cursor"], facilities, readable)
        refresh = _refresh(server, payload, batch, facilities, readable)
    acked = batch.hi if batch is not None else int(payload["acked_seq"])
    answer = {
        "device": device_id,
        "number": int(header["number"]),
        "acked": acked,
        "issues": [_issue_out(i) for i in issues],
        "last_issue_id": last_issue_id,
        "cursor_from": payload["cursor"],
        "cursor": cursor,
        "chunks": chunks,
        "refresh": refresh,
        "imported_by": importer,
        "imported_at": datetime.now(UTC).isoformat(),
    }
    lo = batch.lo if batch is not None else acked
    write_file(reply, seal("reply", device_id, int(header["number"]), lo, acked, answer, key))
    return Imported(int(header["number"]), device_id, pushed_rows, len(issues), pulled)


def _pull(
    server: ServerStore, raw_cursor: str, facilities: frozenset[uuid.UUID], readable: list[str]
) -> tuple[list[dict[str, Any]], str, int]:
    """The network pull's reads (``SyncEngine._pull``), kept for the reply instead of applied."""
    txid, seq = raw_cursor.split(":")
    cursor = (int(txid), int(seq))
    chunks: list[dict[str, Any]] = []
    pulled = 0
    while True:
        chunk = server.changes(cursor, facilities, PULL_CHUNK)
        if not chunk:
            break
        tables = {}
        for name in readable:
            if name in chunk.tables:
                fetched = server.rows(name, chunk, facilities)
                tables[name] = {"rows": fetched.rows, "gone": fetched.gone}
                pulled += len(fetched.rows)
        cursor = chunk.last
        chunks.append({"tables": tables, "cursor": f"{cursor[0]}:{cursor[1]}"})
    return chunks, f"{cursor[0]}:{cursor[1]}", pulled


def _refresh(
    server: ServerStore,
    payload: dict[str, Any],
    batch: OutboxBatch | None,
    facilities: frozenset[uuid.UUID],
    readable: list[str],
) -> dict[str, dict[str, Any]]:
    """The rows pushed and those the workstation set aside, as the server holds them now (the
    network sync's ``_refresh_deferred``): where the server kept its own values no change
    follows to bring them."""
    wanted: dict[str, set[str]] = {n: set(ids) for n, ids in payload["deferred"].items()}
    for row in batch.rows if batch is not None else ():
        wanted.setdefault(row.table, set()).add(row.row_id.hex)
    out: dict[str, dict[str, Any]] = {}
    for name, ids in sorted(wanted.items()):
        if name in readable:
            found = server.rows(name, [uuid.UUID(hex=i) for i in sorted(ids)], facilities)
            out[name] = {"rows": found.rows, "gone": found.gone}
        else:
            out[name] = {"rows": [], "gone": sorted(ids)}
    return out


def _issue_out(issue: Issue) -> dict[str, Any]:
    return {
        "kind": issue.kind,
        "table": issue.table,
        "row_id": issue.row_id.hex,
        "reason": issue.reason,
        "mine": issue.mine,
        "theirs": issue.theirs,
    }


def _issue_in(raw: dict[str, Any]) -> Issue:
    return Issue(
        str(raw["kind"]),
        str(raw["table"]),
        uuid.UUID(hex=str(raw["row_id"])),
        str(raw["reason"]),
        raw.get("mine"),
        raw.get("theirs"),
    )


# -- apply (back at the offline workstation) -----------------------------------------------------


def _cursor_of(raw: str) -> tuple[int, int]:
    txid, seq = raw.split(":")
    return int(txid), int(seq)


def apply_reply(local: LocalStore, path: Path, key: str) -> ReplyApplied:
    """Acknowledge the outbox and apply the reply's pull, as a network cycle would; refuse a
    reply of another workstation, one applied before, an older one, or one made before this
    workstation synced further (``TransferRefused``; nothing changes)."""
    header, answer = unseal(read_file(path), key, kind="reply")
    device_id = local.get("device_id")
    if answer["device"] != header["device"]:
        raise TransferRefused(
            translate("transfer", "The file was changed (its device does not match): nothing used.")
        )
    if header["device"] != device_id:
        raise TransferRefused(
            translate(
                "transfer",
                "This reply is for another workstation ({other}); this one is {mine}. Nothing "
                "was applied.",
            ).format(other=header["device"], mine=device_id)
        )
    number = int(answer["number"])
    applied_no = int(local.get("transfer_applied", "0") or 0)
    if number == applied_no:
        raise TransferRefused(
            translate(
                "transfer", "Reply No. {number} was already applied here: nothing changed."
            ).format(number=number)
        )
    if number < applied_no:
        raise TransferRefused(
            translate(
                "transfer",
                "Reply No. {number} is older than reply No. {applied}, already applied: it would "
                "undo newer data, so nothing was applied.",
            ).format(number=number, applied=applied_no)
        )
    if number > int(local.get("transfer_exported", "0") or 0):
        raise TransferRefused(
            translate(
                "transfer",
                "Reply No. {number} answers an export this workstation never wrote: nothing was "
                "applied.",
            ).format(number=number)
        )
    mine = _cursor_of(local.get("cursor") or "0:0")
    if mine > _cursor_of(str(answer["cursor"])):
        raise TransferRefused(
            translate(
                "transfer",
                "This workstation has synced further since reply No. {number} was made (over the "
                "network or with a newer reply): it holds newer data, so nothing was applied.",
            ).format(number=number)
        )
    issues = [_issue_in(i) for i in answer["issues"]]
    acked = int(answer["acked"])
    last_issue_id = answer.get("last_issue_id")
    if acked > int(local.get("acked_seq", "0") or 0):
        local.acknowledge(acked, issues, last_issue_id)
    else:
        local.add_issues(issues, last_issue_id)
    applied = Applied()
    for chunk in answer["chunks"]:
        with local.applying() as conn:
            _apply_tables(local, conn, chunk["tables"], applied)
            local.put(conn, "cursor", str(chunk["cursor"]))
    with local.applying() as conn:
        _apply_tables(local, conn, answer["refresh"], applied)
        local.put(conn, "transfer_applied", str(number))
        # The cache is as up to date as the server was at the import: the status says so.
        local.put(conn, "last_sync_at", str(answer["imported_at"]))
    tables = frozenset(
        name for name, n in (*applied.upserted.items(), *applied.removed.items()) if n
    )
    return ReplyApplied(
        number,
        acked,
        len(issues),
        sum(applied.upserted.values()),
        sum(applied.removed.values()),
        tables,
    )


def _apply_tables(
    local: LocalStore, conn: Any, tables: dict[str, dict[str, Any]], applied: Applied
) -> None:
    order = {t.name: i for i, t in enumerate(synced_tables())}
    for name in sorted(tables, key=lambda n: order.get(n, len(order))):
        part = tables[name]
        local.upsert(conn, name, part["rows"], applied)
        local.remove(conn, name, {uuid.UUID(hex=i) for i in part["gone"]}, applied)


class TransferFiles:
    """The desk's transfer files over one workstation cache (``DeskServices.transfer``)."""

    def __init__(self, cache: Engine) -> None:
        self._local = LocalStore(cache)

    def export_file(self, path: str, key: str) -> Exported:
        return export_changes(self._local, Path(path), key)

    def apply_file(self, path: str, key: str) -> ReplyApplied:
        return apply_reply(self._local, Path(path), key)
