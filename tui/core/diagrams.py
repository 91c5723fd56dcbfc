"""Small pictures of the foot for the massage techniques and the stretches.

Each :class:`Diagram` is drawn with box-drawing characters and arrows for a
terminal pane (at most 12 lines with its legend, at most 36 columns, so it
fits the session pane at 80x24) and has an ASCII form made from it by one
character-for-character table, so both forms always show the same thing and
line up the same way. The massages are drawn as the sole seen from below,
toes at the top; the stretches from the side, where the direction of the pull
is what matters. Every arrow is labelled in words beside the picture, so the
picture adds to the steps and never replaces them.

``diagram_lines(activity_id, ascii)`` is what an interface shows (the picture
and its legend line); ``None`` when the activity has no picture.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_LINES = 12   # picture and legend together
MAX_COLUMNS = 36

# Every non-ASCII character a picture may use, and its one-cell ASCII stand-in.
ASCII_FORM = str.maketrans({
    "╭": "+", "╮": "+", "╰": "+", "╯": "+", "┬": "+", "┴": "+", "├": "+", "┤": "+", "┼": "+",
    "┌": "+", "┐": "+", "└": "+", "┘": "+", "┗": "+", "─": "-", "━": "-", "╶": "-", "│": "|", "┃": "|",
    "╲": "\\", "╱": "/", "↓": "v", "↑": "^", "←": "<", "→": ">", "↖": "^", "≈": "~", "┄": ".",
    "◯": "O", "●": "@", "✗": "X", "▁": "_", "·": "-",
})


@dataclass(frozen=True)
class Diagram:
    activity_id: str
    title: str              # one line for a heading or an image's alt text
    picture: tuple[str, ...]
    legend: str

    def lines(self, ascii: bool = False) -> tuple[str, ...]:
        """The picture and its legend, in Unicode or in ASCII."""
        lines = (*self.picture, self.legend)
        return tuple(line.translate(ASCII_FORM) for line in lines) if ascii else lines

    def text(self, ascii: bool = False) -> str:
        return "\n".join(self.lines(ascii))


def _picture(text: str) -> tuple[str, ...]:
    return tuple(line.rstrip() for line in text.strip("\n").splitlines())


_SOLE_TOES = """\
  ╭─┬─┬─┬─┬───╮
  │{a}│{a}│{a}│{a}│ {a} │{note}
 ╭┴─┴─┴─┴─┴───┴╮"""

DIAGRAMS: dict[str, Diagram] = {
    "thumb-sweep": Diagram(
        "thumb-sweep", "Thumb-sweep: strokes from the toes back to the heel",
        _picture(_SOLE_TOES.format(a="↓", note="   1 down each toe") + """
 │ ←─────────→ │   2 side to side
 │ ←─────────→ │     over the ball
 │      ↓      ╱   3 on through
  ╲     ↓     │      the arch
   │    ↓     │
   │    ↓     │    4 into the heel
   ╰──────────╯
"""),
        "Sole, toes up · arrows: the strokes",
    ),
    "thumb-walk": Diagram(
        "thumb-walk", "Thumb-walk: small alternating steps from the heel to the toes",
        _picture(_SOLE_TOES.format(a=" ", note="") + """
 │┄┄┄┄┄┄┄┄┄┄┄┄┄│   stop at the toes
 │   ↑     ↑   │
 │      ↑     ╱    small steps,
  ╲  ↑     ↑ │     one thumb then
   │    ↑    │     the other
   │ ↑     ↑ │
   ╰──●───●──╯     start at the heel
"""),
        "Sole, toes up · ● thumbs start",
    ),
    "ball-roll": Diagram(
        "ball-roll", "Ball roll: the ball under the sole, from the heel to the toes and back",
        _picture(_SOLE_TOES.format(a=" ", note="") + """
 │  ✗    ↑     │   ✗ sore spot:
 │       │     │     steer around it
 │       │     ╱
  ╲      ◯    │    ◯ the ball,
   │     │    │      under the arch
   │     ↓    │    roll it heel to
   ╰──────────╯    toes and back
"""),
        "Sole, toes up · ↑↓ the way it rolls",
    ),
    "calf-stretch": Diagram(
        "calf-stretch", "Calf stretch: lean into the wall, back knee straight, back heel down",
        _picture("""
┃    ◯
┃────┐            hands on the wall
┃     ╲
┃      ╲          ← lean in until
┃       ╲           the calf pulls
┃      ╱ ╲
┃     ╱   ╲       back knee
┃     │    ╲        straight
┃     │     ╲
┃    ╶┘    ▁▁╲●   ● heel down
┗━━━━━━━━━━━━━━━
"""),
        "Side view, the wall at the left",
    ),
    "plantar-fascia-stretch": Diagram(
        "plantar-fascia-stretch", "Plantar fascia stretch: the toes drawn back toward the shin",
        _picture("""
   │   │
   │   │          ↖
   │   │           ╲ draw the toes
   │   │        ╱╱    back toward
   │   │       ╱╱     the shin
   │   ╰──────╯╱
   ╰≈≈≈≈≈≈≈≈≈≈╯     ≈ stretch felt
   heel     ball      along the arch
"""),
        "Side view of the foot, toes at right",
    ),
}


def diagram_for(activity_id: str) -> Diagram | None:
    return DIAGRAMS.get(activity_id)


def diagram_lines(activity_id: str, ascii: bool = False) -> tuple[str, ...] | None:
    """The picture and legend for an activity, or None when it has none."""
    found = DIAGRAMS.get(activity_id)
    return None if found is None else found.lines(ascii)
