"""A fast "sound" verdict for a whole table of stored records, the schema's own verdict.

:func:`tui.core.records_schema.table_problem` names the first fault; on load every
part is checked that way, which at 20 years is most of the time a read takes.
:func:`table_sound` runs the very same checks (the schema's check functions, ids,
one record per date) but asks each check only once per distinct value of a field
(by type and value: 1, 1.0 and True apart), since statuses, activity ids, dates and
notes repeat and the checks are pure. It says only yes or no: on a no the caller asks
``table_problem`` for the message.
"""

from __future__ import annotations

from typing import Any

from tui.core.records_schema import SCHEMAS, id_problem


def table_sound(table: str, docs: Any) -> bool:
    """True when ``table_problem(table, docs)`` would find nothing wrong."""
    schema = SCHEMAS.get(table)
    if schema is None or not isinstance(docs, dict):
        return False
    fields = frozenset(schema)
    required = tuple(name for name, (_, needed) in schema.items() if needed)
    checks = {name: check for name, (check, _) in schema.items()}
    passed: dict[str, set[Any]] = {name: set() for name in schema}  # values (or (type, value)) that passed
    one_per_date = table in ("checkins", "flares")
    dates: set[Any] = set()
    for key, doc in docs.items():
        if not (type(key) is str and key.isdigit() and key[0] != "0" and len(key) <= 12) \
                and id_problem(key) is not None:
            return False
        if type(doc) is not dict or not fields.issuperset(doc):
            return False
        if any(name not in doc for name in required) or not _values_sound(doc, checks, passed):
            return False
        if one_per_date:
            day = doc["date"]
            if day in dates:
                return False
            dates.add(day)
    return True


def _values_sound(doc: dict[str, Any], checks: dict[str, Any], passed: dict[str, set[Any]]) -> bool:
    """Every field's check passes, each distinct value asked once (``passed`` remembers)."""
    for name, value in doc.items():
        kind = type(value)
        if kind is str:
            memo: Any = value
        elif kind in _SCALARS:
            memo = (kind, value)  # 1, 1.0 and True are equal but not alike
        else:
            if checks[name](value) is not None:
                return False
            continue
        seen = passed[name]
        if memo in seen:
            continue
        if checks[name](value) is not None:
            return False
        seen.add(memo)
    return True


_SCALARS = (int, float, bool, type(None))
