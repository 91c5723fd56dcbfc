"""Indented JSON text, fast: what ``json.dumps(data, indent=2, ensure_ascii=False)`` gives.

The standard library's encoder runs in pure Python as soon as ``indent`` is set
(20 years of history: about 4 s); orjson writes the same text in C. What orjson
refuses (a whole number past 64 bits, keys that are not text, dates, dataclasses
or other types the standard encoder refuses too) goes the standard way, so the
errors stay what they were. One difference in the text, not in the value: a float
written with an exponent shows it as ``1e-5`` where the standard way writes
``1e-05`` (no stored record holds one: minutes are plain decimals); NaN and infinities, which
no record can hold, are written null (the standard way writes NaN, not JSON).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

import orjson

_OPTIONS = (orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
            | orjson.OPT_PASSTHROUGH_SUBCLASS)


def _refuse(value: Any) -> Any:
    raise TypeError(f"{type(value).__name__} is not plain JSON")


def pretty_json(data: Any, *, sort_keys: bool = False) -> str:
    """``json.dumps(data, indent=2, ensure_ascii=False, sort_keys=sort_keys)``, in C when it can."""
    try:
        options = _OPTIONS | orjson.OPT_SORT_KEYS if sort_keys else _OPTIONS
        return orjson.dumps(data, default=_refuse, option=options).decode("utf-8")
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=sort_keys)


_BATCH = 500
_HEAD, _TAIL = '{\n  "": [\n    ', "\n  ]\n}"


def _items_text(batch: list[Any], sort_keys: bool = False) -> str:
    """``batch``'s items as they stand in a list one level inside an object, comma-separated:
    one orjson call for the batch; per item the way ``pretty_json`` goes when orjson refuses."""
    try:
        options = _OPTIONS | orjson.OPT_SORT_KEYS if sort_keys else _OPTIONS
        text = orjson.dumps({"": batch}, default=_refuse, option=options).decode("utf-8")
    except TypeError:
        return ",\n    ".join(pretty_json(item, sort_keys=sort_keys).replace("\n", "\n    ") for item in batch)
    return text[len(_HEAD):-len(_TAIL)]


class Items:
    """A list value of :func:`write_json_object`, written a batch of items at a time."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


def write_json_lists(write: Callable[[str], Any], lists: Iterable[tuple[str, Iterable[Any]]]) -> None:
    """Write ``{name: [item, ...], ...}`` as ``pretty_json`` would, and a newline, a batch of
    items at a time: a long list is never held whole, as objects or as text."""
    write_json_object(write, ((name, Items(items)) for name, items in lists))


def write_json_object(write: Callable[[str], Any], entries: Iterable[tuple[str, Any]], *,
                      sort_keys: bool = False) -> None:
    """Write ``{name: value, ...}`` as ``pretty_json(..., sort_keys=sort_keys)`` would, and a
    newline; an :class:`Items` value is written a batch at a time. The entries come in the
    order given (with ``sort_keys``, give them sorted)."""
    write("{")
    n = -1
    for n, (name, value) in enumerate(entries):
        write(("," if n else "") + "\n  " + pretty_json(name) + ": ")
        if isinstance(value, Items):
            _write_items(write, value.items, sort_keys)
        else:
            write(pretty_json(value, sort_keys=sort_keys).replace("\n", "\n  "))
    write("\n}\n" if n >= 0 else "}\n")


def _write_items(write: Callable[[str], Any], items: Iterable[Any], sort_keys: bool) -> None:
    write("[")
    lead, batch = "\n    ", []
    for item in items:
        batch.append(item)
        if len(batch) == _BATCH:
            write(lead + _items_text(batch, sort_keys))
            lead, batch = ",\n    ", []
    if batch:
        write(lead + _items_text(batch, sort_keys))
    write("]" if lead == "\n    " and not batch else "\n  ]")
