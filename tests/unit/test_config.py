"""The config file: defaults, every setting, one warning for a bad file, saving the theme."""

import datetime as dt
import os
import stat

import pytest

from tui.config import (
    MAX_ALARM_MINUTES,
    Config,
    ConfigError,
    ExportDefaults,
    Reminders,
    config_path,
    load_config,
    save_theme,
)

FULL = """\
# my settings
theme = "nord"
ascii = true
wake = "06:45"
sleep = 23:15:00

[keys]
log = "L"
help = "f1,question_mark"

[reminders]
notify = "notice"

[export]
alarm = 10
at = "08:00"
"""


def _write(tmp_path, text: str):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_path_follows_xdg_and_rehab_config_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert config_path() == tmp_path / "xdg" / "rehab-planner" / "config.toml"
    monkeypatch.setenv("REHAB_CONFIG_DIR", str(tmp_path / "cfg"))
    assert config_path() == tmp_path / "cfg" / "config.toml"


def test_no_file_is_the_defaults_without_a_warning(tmp_path):
    config, warnings = load_config(tmp_path / "missing.toml")
    assert config == Config() and warnings == []
    assert (config.theme, config.ascii, dict(config.keys)) == (None, None, {})
    assert (config.wake, config.sleep) == (dt.time(7, 0), dt.time(22, 30))
    assert config.reminders == Reminders("notice") and config.export == ExportDefaults(None, None)


def test_every_setting_is_read(tmp_path):
    config, warnings = load_config(_write(tmp_path, FULL))
    assert warnings == []
    assert config.theme == "nord" and config.ascii is True
    assert (config.wake, config.sleep) == (dt.time(6, 45), dt.time(23, 15))
    assert dict(config.keys) == {"log": "L", "help": "f1,question_mark"}
    assert config.reminders.notify == "notice"
    assert config.export == ExportDefaults(alarm=10, at=dt.time(8, 0))
    with pytest.raises(TypeError):
        config.keys["log"] = "x"  # read-only


BAD = {
    "not toml": ("theme = nord\n", "not valid TOML"),
    "theme type": ("theme = 3\n", "theme: expected a theme name"),
    "theme with escapes": ('theme = "\\u001b]0;x\\u0007"\n', "theme: expected a theme name"),
    "ascii type": ('ascii = "yes"\n', "ascii: expected true or false"),
    "wake format": ('wake = "7am"\n', "wake: expected a time"),
    "sleep range": ('sleep = "25:00"\n', "sleep: expected a time"),
    "same times": ('wake = "07:00"\nsleep = "07:00"\n', "wake and sleep are the same time"),
    "unknown key": ('colour = "red"\n', "unknown setting \"colour\""),
    "keys not table": ('keys = "L"\n', "keys: expected a [keys] table"),
    "key value type": ("[keys]\nlog = 5\n", "[keys] log: expected keys"),
    "key value space": ('[keys]\nlog = "ctrl l"\n', "[keys] log: expected keys"),
    "notify value": ('[reminders]\nnotify = "loud"\n', "[reminders] notify: expected one of off, notice, terminal"),
    "reminders unknown": ('[reminders]\nsound = true\n', "[reminders] unknown setting \"sound\""),
    "alarm type": ('[export]\nalarm = "10"\n', "[export] alarm: expected whole minutes"),
    "alarm bool": ("[export]\nalarm = true\n", "[export] alarm: expected whole minutes"),
    "alarm range": (f"[export]\nalarm = {MAX_ALARM_MINUTES + 1}\n", "[export] alarm: expected whole minutes"),
    "at format": ('[export]\nat = "8"\n', "[export] at: expected a time"),
    "export unknown": ('[export]\nformat = "ics"\n', "[export] unknown setting \"format\""),
    "not utf-8": (b"theme = \"\xff\"\n", "not UTF-8"),
}


@pytest.mark.parametrize("name", BAD)
def test_a_bad_file_is_one_warning_line_and_the_defaults(tmp_path, name):
    text, expected = BAD[name]
    path = tmp_path / "config.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    config, warnings = load_config(path)
    assert config == Config()
    assert len(warnings) == 1 and "\n" not in warnings[0], warnings
    assert expected in warnings[0] and warnings[0].endswith("; using the defaults")
    assert str(path) in warnings[0] and "\x1b" not in warnings[0]


def test_a_directory_a_fifo_or_a_huge_file_is_a_warning_not_a_hang(tmp_path):
    folder = tmp_path / "dir.toml"
    folder.mkdir()
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    huge = _write(tmp_path, "# x\n" * 20000)
    for path, words in ((folder, "not a regular file"), (fifo, "not a regular file"), (huge, "over 64 KiB")):
        config, warnings = load_config(path)
        assert config == Config() and len(warnings) == 1 and words in warnings[0]


def test_an_unreadable_file_is_a_warning(tmp_path, monkeypatch):
    path = _write(tmp_path, FULL)
    real_open = os.open

    def refuse(name, *args, **kwargs):
        if str(name) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)  # chmod 0 does not stop root, who runs CI
    config, warnings = load_config(path)
    assert config == Config() and "cannot read it" in warnings[0]


def test_a_symlink_to_a_regular_file_is_read(tmp_path):
    real = _write(tmp_path, 'theme = "nord"\n')
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    assert load_config(link)[0].theme == "nord"


def test_save_theme_changes_only_the_theme_line(tmp_path):
    path = _write(tmp_path, FULL)
    save_theme(path, "gruvbox")
    text = path.read_text()
    assert text == FULL.replace('theme = "nord"', 'theme = "gruvbox"')
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_config(path)[0].theme == "gruvbox"


def test_save_theme_adds_the_line_before_the_first_table(tmp_path):
    path = _write(tmp_path, "ascii = true\n\n[export]\nalarm = 5\n")
    save_theme(path, "nord")
    assert path.read_text() == 'ascii = true\n\ntheme = "nord"\n[export]\nalarm = 5\n'
    assert load_config(path)[0] == Config(theme="nord", ascii=True, export=ExportDefaults(alarm=5))


def test_save_theme_creates_a_private_file_and_folder(tmp_path):
    path = tmp_path / "new" / "rehab-planner" / "config.toml"
    save_theme(path, "textual-dark")
    assert path.read_text() == 'theme = "textual-dark"\n'
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_save_theme_keeps_a_symlinked_dotfile_a_symlink(tmp_path):
    real = _write(tmp_path, 'theme = "nord"\n')
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    save_theme(link, "dracula")
    assert link.is_symlink() and real.read_text() == 'theme = "dracula"\n'


def test_save_theme_refuses_what_it_cannot_edit_safely(tmp_path):
    bad = _write(tmp_path, "theme = nord\nother = 1\n")
    with pytest.raises(ConfigError, match="not valid TOML; theme not saved"):
        save_theme(bad, "dracula")
    assert bad.read_text() == "theme = nord\nother = 1\n"
    multi = tmp_path / "multi.toml"
    multi.write_text('theme = """\nnord"""\n')
    with pytest.raises(ConfigError, match="edit it by hand"):
        save_theme(multi, "dracula")
    with pytest.raises(ConfigError, match="not a theme name"):
        save_theme(tmp_path / "x.toml", "bad\x1b]0;t\x07")
    assert not (tmp_path / "x.toml").exists()
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    with pytest.raises(ConfigError, match="not a regular file; theme not saved"):
        save_theme(folder, "nord")


def test_save_theme_keeps_windows_line_endings(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes(b'theme = "nord"\r\nascii = true\r\n')
    save_theme(path, "monokai")
    assert path.read_bytes() == b'theme = "monokai"\r\nascii = true\r\n'
