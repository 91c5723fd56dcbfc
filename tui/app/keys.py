"""One key at a time: the next key goes out only once the previous one is fully handled.

Why: Textual forwards each key the moment the app reads it to the widget focused
at that moment (a post to that widget's queue). A key that moves the focus (Tab,
or Enter opening a dialog) does so only when it has bubbled back up to the app,
by which time the keys typed after it (a burst: type-ahead over a slow SSH link,
a paste of keystrokes) are already queued on the old widget: "Tab Tab 5 Enter"
put the 5 in the wrong field, or nowhere, and a priority Enter saved before the
5 was typed.

KeyPump holds the keys back instead: the app hands each key out only when the one
before it has been through every queue it bubbles through (the focused widget,
each container, the screen, the app, checked with a callback queued behind it on
each), and a new screen is mounted (its focus set in on_mount). So every key lands
in the field focused after the keys before it, as if typed slowly. A key whose
chain cannot finish (a widget removed under it) frees the pump after a short limit.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from textual import events

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump
    from textual.timer import Timer

STUCK_AFTER = 0.5  # seconds: a key still not through by then frees the pump


class KeyPump:
    def __init__(self, app: App[Any], deliver: Callable[[events.Key], Awaitable[None]]) -> None:
        self.app = app
        self.deliver = deliver  # the app's own handling of a key (bindings, forwarding)
        self.waiting: deque[events.Key] = deque()
        self.busy = False
        self._generation = 0
        self._timer: Timer | None = None
        self.last_key_at: float | None = None  # time.monotonic() of the newest key from the terminal

    def seconds_since_key(self) -> float | None:
        """How long since the last key came in (None: no key yet)."""
        return None if self.last_key_at is None else time.monotonic() - self.last_key_at

    async def accept(self, key: events.Key) -> None:
        """A key from the terminal: handle it now if the pump is free, else queue it."""
        self.last_key_at = time.monotonic()
        self.waiting.append(key)
        if not self.busy:
            await self._next()

    async def _next(self) -> None:
        if not self.waiting:
            self.busy = False
            return
        if not self.app.screen.is_mounted:  # a screen just pushed: wait for its on_mount (focus)
            self.busy = True
            self.app.call_after_refresh(self._resume, self._generation)
            return
        self.busy = True
        self._generation += 1
        generation = self._generation
        key = self.waiting.popleft()
        target = self.app.focused or self.app.screen
        chain: list[MessagePump] = [target, *target.ancestors]
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.app.set_timer(STUCK_AFTER, lambda: self._resume(generation))
        await self.deliver(key)
        self._follow(chain, generation)

    def _follow(self, chain: list[MessagePump], generation: int) -> None:
        """Queue a callback behind the key on each node in turn, from the target up to the app."""
        while chain:
            node = chain.pop(0)
            if node.call_later(self._follow, chain, generation):
                return
        self.app.call_later(self._resume, generation)

    async def _resume(self, generation: int) -> None:
        if generation != self._generation or not self.busy:
            return
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._generation += 1  # late callbacks of the finished key are ignored
        self.busy = False
        if self.waiting:
            self.busy = True
            await self._next()
