"""DataDir: one commit point over a manifest and per-year part files; v1 migration."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import orjson
import pytest

from tui.core.errors import StorageError
from tui.storage.datadir import DataDir
from tui.storage.layout import MAIN, MANIFEST_NAME
from tui.storage.migrate import V1_ARCHIVE, in_memory_v1, migrate_v1

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "v1"
COUNTS = json.loads((FIXTURES / "counts.json").read_text())


def log(day: str, note: str = "") -> dict:
    return {"date": day, "activity": "ice-pack", "status": "done", "note": note}


def add_log(dd: DataDir, day: str, note: str = "") -> int:
    with dd.transaction() as txn:
        new_id = txn.take_id("logs")
        part = txn.tables(day[:4])
        part["logs"] = {**part.get("logs", {}), str(new_id): log(day, note)}
        txn.put(day[:4], part)
    return new_id


def all_logs(dd: DataDir) -> dict[str, dict]:
    _, parts = dd.read(lambda m: m.record_parts())
    return {k: v for p in parts.values() for k, v in p.get("logs", {}).items()}


@pytest.fixture
def dd(tmp_path) -> DataDir:
    path = tmp_path / "data"
    path.mkdir(mode=0o700)
    return DataDir(path)


def test_a_write_touches_only_its_year_and_the_manifest(dd):
    add_log(dd, "2024-03-01")
    add_log(dd, "2025-03-01")
    before = {p.name for p in dd.path.iterdir()}
    add_log(dd, "2025-03-02")
    manifest = dd.manifest()
    assert manifest.record_parts() == ["2024", "2025"] and manifest.next_id["logs"] == 4
    after = {p.name for p in dd.path.iterdir()}
    new = after - before
    assert len([n for n in new if n.startswith("rehab-2025.")]) == 1
    assert not [n for n in new if n.startswith("rehab-2024.")]
    assert manifest.parts["2025"].ids == {"logs": [2, 3]}
    assert sorted(all_logs(dd)) == ["1", "2", "3"]


def test_part_files_are_0600_and_named_unpredictably(dd):
    add_log(dd, "2025-01-01")
    add_log(dd, "2025-01-02")
    names = [p.name for p in dd.path.iterdir() if p.name.startswith("rehab-2025.")]
    for name in names:
        assert (dd.path / name).stat().st_mode & 0o777 == 0o600
    assert all(len(name.split(".")) == 4 for name in names)  # rehab-2025.<gen>.<random>.json


def test_a_reader_keeps_its_generation_while_a_writer_commits(dd):
    add_log(dd, "2025-01-01")
    reader = DataDir(dd.path)
    manifest = reader.manifest()
    add_log(dd, "2025-01-02")  # the old generation's files stay (backup manifests name them)
    assert list(reader.part(manifest, "2025")["logs"]) == ["1"]
    assert sorted(all_logs(reader)) == ["1", "2"]


def test_only_the_newest_generations_are_kept(dd):
    for n in range(8):
        add_log(dd, "2025-01-01", str(n))
    parts = sorted(p.name for p in dd.path.iterdir() if p.name.startswith("rehab-2025."))
    assert len(parts) == 4  # the current one and those the 3 backup manifests name
    assert sorted(p.name for p in dd.path.glob(MANIFEST_NAME + ".bak*")) == [
        f"{MANIFEST_NAME}.bak{n}" for n in (1, 2, 3)]


def test_a_missing_listed_file_is_named(dd):
    add_log(dd, "2024-01-01")
    add_log(dd, "2025-01-01")
    file = dd.manifest().parts["2024"].file
    os.unlink(dd.path / file)
    fresh = DataDir(dd.path)
    with pytest.raises(StorageError, match=f"{file}: listed in .* but missing"):
        all_logs(fresh)
    # a read of 2025 alone does not need it
    _, parts = fresh.read(lambda m: ["2025"])
    assert list(parts["2025"]["logs"]) == ["2"]


@pytest.mark.parametrize("damage, message", [
    (lambda raw: raw[:-5], "bytes where the manifest says"),
    (lambda raw: raw.replace(b'"done"', b'"maybe"'), 'status "maybe" is not one of'),
    (lambda raw: raw.replace(b'"ice-pack"', b'"Ice Pack"'), "activity"),
])
def test_a_damaged_part_is_named_with_its_record(dd, damage, message):
    add_log(dd, "2025-01-01")
    path = dd.path / dd.manifest().parts["2025"].file
    damaged = damage(path.read_bytes())
    path.write_bytes(damaged)
    fresh = DataDir(dd.path)
    with pytest.raises(StorageError) as err:
        all_logs(fresh)
    assert message in str(err.value) and path.name in str(err.value)


def test_a_failed_commit_changes_nothing(dd, monkeypatch):
    add_log(dd, "2025-01-01")
    before = sorted(p.name for p in dd.path.iterdir())
    from tui.storage import datadir

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(datadir, "replace_atomically", boom)
    with pytest.raises(StorageError, match="No space left on device; nothing was changed"):
        add_log(dd, "2025-01-02")
    monkeypatch.undo()
    assert sorted(all_logs(DataDir(dd.path))) == ["1"]
    after = sorted(p.name for p in dd.path.iterdir() if not p.name.endswith(".bak1"))
    assert [n for n in after if n not in before] == []


# ----------------------------------------------------------------- migration

def copy_fixture(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(FIXTURES / name, target)
    os.chmod(target, 0o700)
    for path in target.iterdir():
        os.chmod(path, 0o600)
    return target


@pytest.mark.parametrize("name", ["empty", "one-year", "five-years"])
def test_version_1_fixtures_migrate_with_every_record(tmp_path, name):
    path = copy_fixture(name, tmp_path)
    v1 = {p.name: p.read_bytes() for p in path.iterdir()}
    dd = DataDir(path)
    assert migrate_v1(dd) is True
    assert migrate_v1(dd) is False
    manifest, parts = dd.read(lambda m: list(m.parts))
    logs = sum(len(p.get("logs", {})) for p in parts.values())
    checkins = sum(len(p.get("checkins", {})) for p in parts.values())
    main = parts.get(MAIN, {})
    want = COUNTS[name]
    assert (logs, checkins) == (want["logs"], want["checkins"])
    assert len(main.get("flares", {})) == want["flares"] and len(main.get("plan", {})) == want["plan"]
    assert len(main.get("undo", {})) == want["undo"]
    for file, raw in v1.items():  # the version-1 files are kept exactly, as a backup
        assert (path / file).read_bytes() == raw
    if name == "five-years":
        parts = manifest.record_parts()  # older years a file each, the newest a file per month
        assert [p for p in parts if len(p) == 4] == ["2021", "2022", "2023", "2024", "2025"]
        assert len(parts) > 6 and all(p.startswith("2026-") for p in parts[5:]) and V1_ARCHIVE in v1


def test_a_read_only_version_1_dir_is_read_in_memory(tmp_path):
    path = copy_fixture("one-year", tmp_path)
    os.chmod(path, 0o500)
    try:
        dd = DataDir(path)
        manifest = in_memory_v1(dd)
        assert dd.manifest() is manifest
        assert sum(len(dd.part(manifest, y).get("logs", {})) for y in manifest.record_parts()) == \
            COUNTS["one-year"]["logs"]
        assert not (path / MANIFEST_NAME).exists()
    finally:
        os.chmod(path, 0o700)


def test_a_damaged_version_1_record_stops_the_migration_with_its_name(tmp_path):
    path = copy_fixture("one-year", tmp_path)
    data = orjson.loads((path / "rehab.json").read_bytes())
    data["logs"]["17"]["pain"] = "7"
    (path / "rehab.json").write_bytes(orjson.dumps(data))
    with pytest.raises(StorageError, match='logs record 17 is damaged: pain "7"'):
        migrate_v1(DataDir(path))
    assert not (path / MANIFEST_NAME).exists()
