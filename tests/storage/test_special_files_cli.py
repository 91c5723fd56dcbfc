"""The real `rehab` entry point on FIFOs, devices, tty links and open shared folders."""

from __future__ import annotations

import os

import pytest


@pytest.mark.parametrize("argv", [["restore", "{f}"], ["templates", "validate", "{f}"],
                                  ["templates", "import", "{f}"]])
def test_a_fifo_is_refused_in_one_line_without_hanging(rehab, tmp_path, argv):
    fifo = tmp_path / "x.json"
    os.mkfifo(fifo)
    res = rehab(*[a.format(f=fifo) for a in argv])
    assert res.code == 1 and "Traceback" not in res.err
    assert "FIFO" in res.err and len(res.err.strip().splitlines()) == 1


def test_restore_of_dev_zero_is_refused_without_reading_it(rehab):
    res = rehab("restore", "/dev/zero")
    assert res.code == 1 and "device" in res.err and "Traceback" not in res.err


def test_templates_list_skips_a_fifo_and_a_tty_link_in_a_shared_folder(rehab, tmp_path):
    shared = tmp_path / "clinic"
    shared.mkdir()
    os.mkfifo(shared / "a.json")
    (shared / "b.json").symlink_to("/dev/tty")
    res = rehab("templates", "list", env={"REHAB_TEMPLATE_PATH": str(shared)})
    assert res.code == 0 and "metatarsalgia-conservative" in res.out


def test_locate_reports_a_shared_folder_writable_by_everyone(rehab, tmp_path):
    shared = tmp_path / "clinic"
    shared.mkdir()
    os.chmod(shared, 0o777)
    res = rehab("locate", env={"REHAB_TEMPLATE_PATH": str(shared)})
    assert res.code == 0 and "writable by everyone" in res.out
