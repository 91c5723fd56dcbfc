"""Indented JSON text, fast: what ``json.dumps(data, indent=2, ensure_ascii=False)`` gives.

The standard library's encoder runs in pure Python as soon as ``indent`` is set
(20 years of history: about 4 s); orjson writes the same text in C. Data orjson
refuses (a whole number past 64 bits, NaN, a non-JSON type) goes the standard
way, so the output and the errors stay what they were.
"""

from __future__ import annotations

import json
import math
from typing import Any

import orjson

_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS


def _plain(value: Any) -> bool:
    """True for data both encoders write alike: dict/list/tuple trees of str, int (64 bits),
    finite floats written without an exponent, bools and None, with str keys."""
    stack = [value]
    while stack:
        item = stack.pop()
        if item is None or isinstance(item, (str, bool)):
            continue
        if isinstance(item, int):
            if not -(2**63) <= item < 2**64:
                return False
        elif isinstance(item, float):
            if not math.isfinite(item) or "e" in repr(item):  # 1e-05 vs 1e-5
                return False
        elif isinstance(item, dict):
            if not all(type(k) is str for k in item):
                return False
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        else:
            return False
    return True


def pretty_json(data: Any, *, sort_keys: bool = False) -> str:
    """``json.dumps(data, indent=2, ensure_ascii=False, sort_keys=sort_keys)``, the same text."""
    if _plain(data):
        options = _OPTIONS | orjson.OPT_SORT_KEYS if sort_keys else _OPTIONS
        return orjson.dumps(data, option=options).decode("utf-8")
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=sort_keys)
