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


def _items_text(batch: list[Any]) -> str:
    """``batch``'s items as they stand in a list one level inside an object, comma-separated:
    one orjson call for the batch; per item the way ``pretty_json`` goes when orjson refuses."""
    try:
        text = orjson.dumps({"": batch}, default=_refuse, option=_OPTIONS).decode("utf-8")
    except TypeError:
        return ",\n    ".join(pretty_json(item).replace("\n", "\n    ") for item in batch)
    return text[len(_HEAD):-len(_TAIL)]


def write_json_lists(write: Callable[[str], Any], lists: Iterable[tuple[str, Iterable[Any]]]) -> None:
    """Write ``{name: [item, ...], ...}`` as ``pretty_json`` would, and a newline, a batch of
    items at a time: a long list is never held whole, as objects or as text."""
    write("{")
    n = -1
    for n, (name, items) in enumerate(lists):
        write(("," if n else "") + "\n  " + pretty_json(name) + ": [")
        lead, batch = "\n    ", []
        for item in items:
            batch.append(item)
            if len(batch) == _BATCH:
                write(lead + _items_text(batch))
                lead, batch = ",\n    ", []
        if batch:
            write(lead + _items_text(batch))
        write("]" if lead == "\n    " and not batch else "\n  ]")
    write("\n}\n" if n >= 0 else "}\n")
