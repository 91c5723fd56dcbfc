"""The user's config file: ``$XDG_CONFIG_HOME/rehab-planner/config.toml``.

```toml
theme = "nord"                  # written when a theme is picked in the palette
ascii = true                    # draw marks and charts in ASCII (default: only on TERM=linux)
wake = "07:00"                  # waking hours, for reminders
sleep = "22:30"

[keys]                          # binding id = key(s), as Textual's keymap takes them
log = "L"
help = "f1,question_mark"

[reminders]
notify = "notice"               # off | notice (in the app) | terminal (also a terminal notification)

[export]                        # defaults for `rehab export --format ics`
alarm = 10                      # minutes before each session
at = "08:00"                    # sessions as timed events at this time of day
```

:func:`load_config` never raises: a missing file is the defaults; a bad one
(not TOML, a wrong type, an unknown key, too big, not a regular file) is the
defaults and ONE warning line for the interface to show. :func:`save_theme`
rewrites just the ``theme`` line, atomically, keeping the rest of the file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .core.errors import RehabError
from .core.safe_text import safe_name

FILE_NAME = "config.toml"
MAX_BYTES = 64 * 1024
MAX_ALARM_MINUTES = 7 * 24 * 60  # the calendar export's own limit (exports/ics.py)
NOTIFY_MODES = ("off", "notice", "terminal")
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_KEYS = re.compile(r"^[\x21-\x7e]+( ?, ?[\x21-\x7e]+)*$")


@dataclass(frozen=True)
class Reminders:
    notify: str = "notice"


@dataclass(frozen=True)
class ExportDefaults:
    alarm: int | None = None       # minutes before a session; None: no alarm
    at: dt.time | None = None      # None: all-day events


@dataclass(frozen=True)
class Config:
    theme: str | None = None       # None: Textual's default theme
    keys: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    ascii: bool | None = None      # None: decided by TERM (core.glyphs.ascii_wanted)
    wake: dt.time = dt.time(7, 0)
    sleep: dt.time = dt.time(22, 30)
    reminders: Reminders = field(default_factory=Reminders)
    export: ExportDefaults = field(default_factory=ExportDefaults)


class ConfigError(RehabError):
    """One thing wrong with the config file (its str is one line)."""


def config_path(override: str | os.PathLike[str] | None = None) -> Path:
    """Where the config file lives (``--config-dir``/REHAB_CONFIG_DIR/XDG, see locations)."""
    from . import locations

    return locations.config_dir(override) / FILE_NAME


def read_capped(path: Path) -> str | None:
    """The file's text, or None when there is no file. Regular files only, at most MAX_BYTES.

    Opened non-blocking, so a FIFO in its place cannot hang the start-up.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise ConfigError(f"cannot read it: {err.strerror or err}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ConfigError("it is not a regular file")
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_BYTES and (chunk := os.read(fd, MAX_BYTES + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
        data = b"".join(chunks)
    except OSError as err:
        raise ConfigError(f"cannot read it: {err.strerror or err}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise ConfigError(f"it is over {MAX_BYTES // 1024} KiB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError("it is not UTF-8 text") from None


def load_config(path: Path) -> tuple[Config, list[str]]:
    """The config at ``path`` and at most one warning line; never raises."""
    try:
        text = read_capped(Path(path))
        if text is None:
            return Config(), []
        import tomllib  # only when there is a file to read

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            raise ConfigError(f"not valid TOML ({err})") from None
        return parse_config(data), []
    except ConfigError as err:
        return Config(), [f"{safe_name(path)}: {err}; using the defaults"]


def parse_config(data: Mapping[str, Any]) -> Config:
    """A Config from parsed TOML; ConfigError names the first bad entry."""
    _no_unknown(data, {"theme", "keys", "ascii", "wake", "sleep", "reminders", "export"}, "")
    theme = data.get("theme")
    if theme is not None and not (isinstance(theme, str) and _NAME.match(theme)):
        raise ConfigError(f"theme: expected a theme name such as \"nord\", got {_shown(theme)}")
    ascii_ = data.get("ascii")
    if ascii_ is not None and not isinstance(ascii_, bool):
        raise ConfigError(f"ascii: expected true or false, got {_shown(ascii_)}")
    wake = _time(data.get("wake", "07:00"), "wake")
    sleep = _time(data.get("sleep", "22:30"), "sleep")
    if wake == sleep:
        raise ConfigError("wake and sleep are the same time")
    return Config(theme=theme, keys=_keys(data.get("keys", {})), ascii=ascii_, wake=wake, sleep=sleep,
                  reminders=_reminders(data.get("reminders", {})), export=_export(data.get("export", {})))


def _keys(table: object) -> Mapping[str, str]:
    if not isinstance(table, dict):
        raise ConfigError("keys: expected a [keys] table of binding id = \"key\"")
    for binding_id, keys in table.items():
        if not _NAME.match(binding_id):
            raise ConfigError(f"[keys] {_shown(binding_id)}: not a binding id")
        if not (isinstance(keys, str) and len(keys) <= 64 and _KEYS.match(keys)):
            raise ConfigError(f"[keys] {binding_id}: expected keys such as \"ctrl+l\" or \"f2,l\", "
                              f"got {_shown(keys)}")
    return MappingProxyType(dict(table))


def _reminders(table: object) -> Reminders:
    if not isinstance(table, dict):
        raise ConfigError("reminders: expected a [reminders] table")
    _no_unknown(table, {"notify"}, "[reminders] ")
    notify = table.get("notify", "notice")
    if notify not in NOTIFY_MODES:
        raise ConfigError(f"[reminders] notify: expected one of {', '.join(NOTIFY_MODES)}, got {_shown(notify)}")
    return Reminders(notify=notify)


def _export(table: object) -> ExportDefaults:
    if not isinstance(table, dict):
        raise ConfigError("export: expected an [export] table")
    _no_unknown(table, {"alarm", "at"}, "[export] ")
    alarm = table.get("alarm")
    if alarm is not None and (isinstance(alarm, bool) or not isinstance(alarm, int)
                              or not 0 <= alarm <= MAX_ALARM_MINUTES):
        raise ConfigError(f"[export] alarm: expected whole minutes from 0 to {MAX_ALARM_MINUTES}, "
                          f"got {_shown(alarm)}")
    at = table.get("at")
    return ExportDefaults(alarm=alarm, at=None if at is None else _time(at, "[export] at"))


def _time(value: object, where: str) -> dt.time:
    if isinstance(value, dt.time) and not value.second and not value.microsecond and value.tzinfo is None:
        return value
    if isinstance(value, str) and (m := _TIME.match(value)):
        return dt.time(int(m[1]), int(m[2]))
    raise ConfigError(f"{where}: expected a time \"HH:MM\" such as \"07:30\", got {_shown(value)}")


def _no_unknown(table: Mapping[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"{where}unknown setting {_shown(unknown[0])} (known: {', '.join(sorted(known))})")


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str) if not isinstance(value, str) else json.dumps(value)
    return safe_name(text if len(text) <= 40 else text[:37] + "...")


def save_theme(path: Path, theme: str) -> Path:
    """Set ``theme = "..."`` in the file, keeping every other line; atomic, 0600, dir 0700.

    Raises ConfigError (one line) when the theme name is bad or the existing
    file cannot be safely edited (not TOML, not a regular file): nothing is
    written then.
    """
    path = Path(path)
    if not _NAME.match(theme):
        raise ConfigError(f"not a theme name: {_shown(theme)}")
    try:
        old = read_capped(path)
    except ConfigError as err:
        raise ConfigError(f"{safe_name(path)}: {err}; theme not saved") from None
    import tomllib

    try:
        before = tomllib.loads(old or "")
    except tomllib.TOMLDecodeError:
        raise ConfigError(f"{safe_name(path)} is not valid TOML; theme not saved (fix the file first)") from None
    new = with_theme(old or "", theme)
    try:
        after = tomllib.loads(new)
    except tomllib.TOMLDecodeError:
        after = {}
    if after != {**before, "theme": theme}:
        raise ConfigError(f"{safe_name(path)}: cannot change the theme line safely; edit it by hand")
    target = path.resolve() if path.is_symlink() else path
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    from .fileio import write_text

    return write_text(target, new)


_THEME_LINE = re.compile(r"^[ \t]*theme[ \t]*=")
_TABLE_LINE = re.compile(r"^[ \t]*\[")


def with_theme(text: str, theme: str) -> str:
    """``text`` with its top-level theme line replaced (or added before the first table).

    The file's own line ending (LF or CRLF) is kept.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    line = f"theme = {json.dumps(theme)}"
    lines = text.splitlines()
    for n, old in enumerate(lines):
        if _TABLE_LINE.match(old):
            lines.insert(n, line)
            break
        if _THEME_LINE.match(old):
            lines[n] = line
            break
    else:
        lines.append(line)
    return newline.join(lines) + newline
