"""Persistence: the only package that imports tinydb."""

from tui.storage.store import PlanEdit, Store

__all__ = ["PlanEdit", "Store"]
