"""Persistence: the only package that imports tinydb."""

from tui.storage.jsonstore import SafeJSONStorage
from tui.storage.store import Store

__all__ = ["SafeJSONStorage", "Store"]
