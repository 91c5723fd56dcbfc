"""The doctor flow for both interfaces: the storage room's checks and its restore of the newest
backup that loads. The interfaces reach them here, never in storage directly."""

from __future__ import annotations

from pathlib import Path

from ..storage.doctor import Check, restore_backup, run_checks

__all__ = ["Check", "check_data", "restore_newest_backup"]


def check_data(data_dir: Path) -> list[Check]:
    """Every check of the data folder, its files and their backups."""
    return list(run_checks(data_dir))


def restore_newest_backup(data_dir: Path) -> list[str]:
    """Restore the newest backup generation that loads; the lines say what was done."""
    return list(restore_backup(data_dir))
