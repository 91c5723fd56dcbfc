"""Terminal notification bytes: OSC 777 / OSC 9, tmux passthrough, bell, sanitized text."""

from __future__ import annotations

import pytest

from tui.core.notify_seq import detect_method, notification, notification_for, tmux_wrap

ESC = b"\x1b"


def test_osc777_and_osc9():
    assert notification("Ice pack 2/3", "due at 12:30") == b"\x1b]777;notify;Ice pack 2/3;due at 12:30\x07"
    assert notification("Ice pack", "due at 12:30", "osc9") == b"\x1b]9;Ice pack: due at 12:30\x07"
    assert notification("Ice pack", "", "osc9") == b"\x1b]9;Ice pack\x07"
    assert notification("Ice pack", "now", "bell") == b"\x07"
    assert notification("a", "b", bell=True).endswith(b"\x07\x07")


def test_tmux_passthrough_doubles_every_escape():
    wrapped = notification("Ice pack", "due", tmux=True)
    assert wrapped == b"\x1bPtmux;\x1b\x1b]777;notify;Ice pack;due\x07\x1b\\"
    assert tmux_wrap("\x1b]9;x\x07") == "\x1bPtmux;\x1b\x1b]9;x\x07\x1b\\"
    # the bell is tmux's own business: never wrapped
    assert notification("x", "y", "bell", tmux=True) == b"\x07"
    assert notification("x", "y", tmux=True, bell=True).endswith(b"\x1b\\\x07")


@pytest.mark.parametrize("evil", ["\x1b]52;c;aGk=\x07", "\x1b[2J", "\x9b2J", "\u202eevil", "a\nb\rc\x7f"])
def test_title_and_body_carry_no_control_characters(evil):
    for method in ("osc777", "osc9"):
        out = notification(f"T{evil}", f"B{evil}", method).decode()
        inner = out[len("\x1b]777;notify;"):-1] if method == "osc777" else out[len("\x1b]9;"):-1]
        assert inner.isprintable(), repr(inner)
        assert "\x1b" not in inner and "\x07" not in inner


def test_semicolons_in_the_title_cannot_shift_the_body_and_length_is_capped():
    out = notification("a;b", "c;d").decode()
    assert out == "\x1b]777;notify;a,b;c;d\x07"
    long = notification("t" * 500, "b" * 500).decode()
    assert len(long) < 300 and "…" in long
    assert notification("\x1b", "x").decode() == "\x1b]777;notify;rehab;x\x07"


def test_method_from_the_environment():
    assert detect_method({"TERM_PROGRAM": "iTerm.app"}) == "osc9"
    assert detect_method({"TERM": "xterm-kitty"}) == "osc9"
    assert detect_method({"WT_SESSION": "1"}) == "osc9"
    assert detect_method({"VTE_VERSION": "7600"}) == "osc777"
    assert detect_method({"TERM": "foot"}) == "osc777"
    assert detect_method({"TERM": "xterm-256color"}) == "bell"
    assert detect_method({"TERM": "foot", "REHAB_NOTIFY": "osc9"}) == "osc9"
    assert notification_for("x", "y", {"TMUX": "/tmp/s,1,0", "VTE_VERSION": "1"}).startswith(b"\x1bPtmux;")
    assert notification_for("x", "y", {}) == b"\x07"
    with pytest.raises(ValueError):
        notification("x", "y", "osc99")
