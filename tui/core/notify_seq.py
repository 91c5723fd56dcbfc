"""The bytes of a desktop notification sent through the terminal (pure; no I/O).

Terminals show a notification for one of two escape sequences: OSC 777
(``ESC ] 777 ; notify ; TITLE ; BODY BEL``: VTE terminals, foot, urxvt) or
OSC 9 (``ESC ] 9 ; TEXT BEL``: iTerm2, WezTerm, ghostty, Windows Terminal,
kitty). Both pass through SSH unchanged. Inside tmux a sequence tmux does not
know is dropped unless it is wrapped for passthrough (``ESC P tmux ; ...
ESC \\`` with every ESC inside doubled) and the pane has ``allow-passthrough
on``. Where none is known to work, the bell (BEL) is the fallback: tmux and
most terminals turn it into a flag, a sound or an urgency hint.

Title and body come from plan data, so every control character (C0, C1,
DEL, bidi and other format characters) is dropped, and ``;`` in the title
(the OSC 777 separator) becomes ``,``.
"""

from __future__ import annotations

ESC = "\x1b"
BEL = "\x07"
ST = ESC + "\\"
METHODS = ("osc777", "osc9", "bell")
MAX_TITLE = 60
MAX_BODY = 200

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

# TERM_PROGRAM values of terminals that show OSC 9 notifications.
_OSC9_PROGRAMS = frozenset({"iTerm.app", "WezTerm", "ghostty", "WarpTerminal"})


def clean(text: str, limit: int) -> str:
    """Printable characters only, spaces collapsed, at most ``limit`` characters."""
    shown = " ".join("".join(ch if ch.isprintable() else " " for ch in str(text)).split())
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def detect_method(env: Mapping[str, str]) -> str:
    """The best guess for the terminal named by the environment (inside tmux: the outer one's)."""
    term = env.get("TERM", "")
    program = env.get("TERM_PROGRAM", "")
    if env.get("REHAB_NOTIFY") in METHODS:
        return env["REHAB_NOTIFY"]
    if program in _OSC9_PROGRAMS or env.get("WT_SESSION") or env.get("KITTY_WINDOW_ID") \
            or term == "xterm-kitty":
        return "osc9"
    if env.get("VTE_VERSION") or term.startswith(("foot", "rxvt")):
        return "osc777"
    return "bell"


def tmux_wrap(sequence: str) -> str:
    """``sequence`` wrapped for tmux passthrough (needs ``allow-passthrough on``)."""
    return f"{ESC}Ptmux;{sequence.replace(ESC, ESC + ESC)}{ST}"


def notification(title: str, body: str, method: str = "osc777", *, tmux: bool = False,
                 bell: bool = False) -> bytes:
    """The bytes to write to the terminal for one notification.

    method: osc777, osc9 or bell. tmux: the process runs inside tmux (``$TMUX``
    set), so an OSC is wrapped for passthrough; the bell is never wrapped.
    bell: ring the bell after the OSC too (for a terminal that may not show it).
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    head = clean(title, MAX_TITLE).replace(";", ",") or "rehab"
    text = clean(body, MAX_BODY)
    if method == "bell":
        return BEL.encode()
    if method == "osc777":
        sequence = f"{ESC}]777;notify;{head};{text}{BEL}"
    else:
        sequence = f"{ESC}]9;{head}: {text}{BEL}" if text else f"{ESC}]9;{head}{BEL}"
    out = tmux_wrap(sequence) if tmux else sequence
    return (out + BEL if bell else out).encode("utf-8")


def notification_for(title: str, body: str, env: Mapping[str, str], method: str | None = None,
                     *, bell: bool = False) -> bytes:
    """notification() with the method from the environment (or given) and tmux from ``$TMUX``."""
    return notification(title, body, method or detect_method(env), tmux=bool(env.get("TMUX")), bell=bell)
