"""The data dir's layout (data version 3): a manifest naming one file per part.

    rehab-manifest.json   {"format": "rehab-planner/data", "version": 3, "generation": n,
                           "next_id": {"logs": n, "checkins": n},
                           "parts": {"main": {"file": "rehab-main.<gen>.<random>.json",
                                              "size": bytes},
                                     "2025": {"file": ..., "size": ..., "ids": {"logs": [lo, hi]}},
                                     "2026-11": {...}, ...}}
    rehab-main.*.json     TinyDB tables: plan, flares, settings, undo
    rehab-<year>.*.json   TinyDB tables: logs, checkins dated in that year
    rehab-<year-month>.*.json   the same, of one month of the newest year (version 3)
    rehab.lock            the one flock every writer holds for the whole dir

Records of the newest year are kept a month per part, older years a year per part
(tui.storage.partition keeps it so), so a log rewrites about a month of records and
a year is folded into one file when the next one begins. A reader needs no rule:
it reads the parts whose span covers its dates. Version 2 (years only) is read as is.

A part file is never changed once written: a write makes new files under new
names, then replaces the manifest (the one commit point). Pure data checks
here; the files are handled by tui.storage.datadir.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import orjson

from tui.core.records_schema import table_problem

from .sound import table_sound

FORMAT = "rehab-planner/data"
VERSION = 3
MANIFEST_NAME = "rehab-manifest.json"
LOCK_NAME = "rehab.lock"
MAIN = "main"
MAIN_TABLES = ("plan", "flares", "settings", "undo")
YEAR_TABLES = ("logs", "checkins")
PART_FILE = re.compile(r"^rehab-(main|\d{4}(?:-\d{2})?)\.[A-Za-z0-9_.-]+\.json$")
MANIFEST_BYTES = 1024 * 1024
PART_BYTES = 64 * 1024 * 1024
N_BACKUPS = 3

Tables = dict[str, dict[str, Any]]


def part_of_date(day: str, newest: str | None) -> str:
    """The part for records of an ISO date when ``newest`` is the newest year held: its
    month in the newest year (or a newer one), else its year."""
    return day[:7] if newest is None or day[:4] >= newest else day[:4]


DIGEST = re.compile(r"(?:[0-9a-f]{32})?")
RECORD_PART = re.compile(r"[0-9]{4}(?:-(?:0[1-9]|1[0-2]))?")


def is_record_part(part: str) -> bool:
    """A part of logs and check-ins: a year (``2025``) or a month (``2026-11``)."""
    return RECORD_PART.fullmatch(part) is not None


def part_span(part: str) -> tuple[str, str]:
    """The first and last ISO days a record part can hold (``-31``: past any month's end)."""
    return (f"{part}-01-01", f"{part}-12-31") if len(part) == 4 else (f"{part}-01", f"{part}-31")


def newest_year(parts: Iterable[str]) -> str | None:
    return max((p[:4] for p in parts if is_record_part(p)), default=None)


@dataclass
class PartInfo:
    file: str
    size: int
    ids: dict[str, list[int]] = field(default_factory=dict)  # table -> [lowest, highest]
    # blake2b of the bytes rehab wrote (records it had checked): a file with that digest needs
    # no schema check on load; any other content (a hand edit) is checked in full
    digest: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file, "size": self.size}
        if self.ids:
            out["ids"] = {k: list(v) for k, v in sorted(self.ids.items())}
        if self.digest:
            out["digest"] = self.digest
        return out


try:  # hashlib's own BLAKE2 (what hashlib.blake2b is), without loading OpenSSL: `rehab log` starts faster
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b


def content_digest(raw: bytes) -> str:
    return blake2b(raw, digest_size=16).hexdigest()


@dataclass
class Manifest:
    generation: int = 0
    next_id: dict[str, int] = field(default_factory=lambda: {"logs": 1, "checkins": 1})
    parts: dict[str, PartInfo] = field(default_factory=dict)

    def record_parts(self) -> list[str]:
        """The parts of logs and check-ins, oldest first (``2025`` before ``2026-01``)."""
        return sorted(p for p in self.parts if is_record_part(p))

    def files(self) -> set[str]:
        return {info.file for info in self.parts.values()}

    def copy(self) -> Manifest:
        return Manifest(self.generation, dict(self.next_id),
                        {k: PartInfo(v.file, v.size, {t: list(r) for t, r in v.ids.items()}, v.digest)
                         for k, v in self.parts.items()})

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": VERSION, "generation": self.generation,
                "next_id": dict(sorted(self.next_id.items())),
                "parts": {k: v.to_dict() for k, v in sorted(self.parts.items())}}

    def dump(self) -> bytes:
        return orjson.dumps(self.to_dict(), option=orjson.OPT_INDENT_2) + b"\n"


def _whole(value: Any, low: int = 0) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= low


def _part_info(name: str, raw: Any) -> PartInfo:
    if name != MAIN and not is_record_part(name):
        raise ValueError(f"unknown part {name!r}")
    if not isinstance(raw, dict) or set(raw) - {"file", "size", "ids", "digest"}:
        raise ValueError(f"part {name!r} is not an object of file, size, ids and digest")
    digest: Any = raw.get("digest", "")
    if not isinstance(digest, str) or not DIGEST.fullmatch(digest):
        raise ValueError(f"part {name!r} has a damaged digest")
    file: Any = raw.get("file")
    size: Any = raw.get("size")
    ids: Any = raw.get("ids", {})
    if not isinstance(file, str) or not PART_FILE.match(file) or not _whole(size):
        raise ValueError(f"part {name!r} names no valid file and size")
    if not isinstance(ids, dict) or not all(
            t in YEAR_TABLES and isinstance(r, list) and len(r) == 2 and all(_whole(i) for i in r)
            for t, r in ids.items()):
        raise ValueError(f"part {name!r} has a damaged id range")
    return PartInfo(file, int(size), {t: list(r) for t, r in ids.items()}, digest)


def parse_manifest(raw: bytes) -> Manifest:
    """The manifest in ``raw``; ValueError with a short phrase when it is not one."""
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON, truncated or damaged ({exc})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValueError(f"not a rehab-planner data manifest (format is not {FORMAT!r})")
    version: Any = doc.get("version")
    if not _whole(version, 1):
        raise ValueError(f"unknown data format version {version!r}")
    if int(version) > VERSION:
        raise ValueError(f"written by a newer rehab-planner (data version {version}; this one "
                         f"reads up to {VERSION}); upgrade rehab-planner")
    extra = set(doc) - {"format", "version", "generation", "next_id", "parts"}
    if extra:
        raise ValueError(f"unknown field {min(extra)!r}")
    generation: Any = doc.get("generation")
    next_id: Any = doc.get("next_id")
    parts: Any = doc.get("parts")
    if not _whole(generation) or not isinstance(next_id, dict) or not isinstance(parts, dict):
        raise ValueError("damaged: generation, next_id or parts is missing or of the wrong type")
    if set(next_id) != set(YEAR_TABLES) or not all(_whole(v, 1) for v in next_id.values()):
        raise ValueError("damaged: next_id must give logs and checkins ids")
    overlap = sorted(k for k in parts if len(k) == 7 and k[:4] in parts)
    if overlap:
        raise ValueError(f"damaged: parts {overlap[0][:4]!r} and {overlap[0]!r} overlap")
    return Manifest(int(generation), dict(next_id), {k: _part_info(k, v) for k, v in parts.items()})


def manifest_files(raw: bytes) -> set[str]:
    """The part files a (backup) manifest names, without checking the rest of it: what
    must be kept on disk (naming one too many keeps a file; a damaged one names none)."""
    try:
        parts = orjson.loads(raw).get("parts")
        return {info["file"] for info in parts.values()
                if isinstance(info, dict) and isinstance(info.get("file"), str) and PART_FILE.match(info["file"])}
    except (orjson.JSONDecodeError, AttributeError):
        return set()


def part_problem(part: str, tables: Any) -> str | None:
    """What is wrong with a part file's content (tables of sound records), or None."""
    if not isinstance(tables, dict):
        return "not a rehab-planner data file (expected an object of tables)"
    allowed = MAIN_TABLES if part == MAIN else YEAR_TABLES
    for name, docs in tables.items():
        if name not in allowed:
            return f"unexpected table {name!r}"
        problem = None if table_sound(name, docs) else table_problem(name, docs)
        if problem is not None:
            return problem
        if part != MAIN:
            for key, doc in docs.items():
                if not doc["date"].startswith(part):
                    return f"{name} record {key} is damaged: dated {doc['date']}, not in {part}"
    return None


def id_range(tables: Tables) -> dict[str, list[int]]:
    return {name: [min(map(int, docs)), max(map(int, docs))]
            for name, docs in sorted(tables.items()) if docs}


def iso_day(value: dt.date | str) -> str:
    return value if isinstance(value, str) else value.isoformat()


def parts_between(manifest: Manifest, lo: str | None, hi: str | None) -> list[str]:
    """The manifest's record parts a date range (ISO days, None: open) touches, oldest first."""
    spans = [(p, *part_span(p)) for p in manifest.record_parts()]
    return [p for p, first, last in spans if (lo is None or last >= lo) and (hi is None or first <= hi)]
