"""Typed access to the running ``RehabApp`` from screens and widgets.

Textual types ``Widget.app`` as ``App[object]``, so ``self.app.service`` does not type-check.
Textual's public answer is the descriptor ``textual.getters.app(RehabApp)``, but it needs the
class when the screen class is defined, and the screens cannot import ``tui.app.app`` (it
imports them). So the descriptor is declared for the type checker only, as Textual itself
declares ``MessagePump.app``; at run time the inherited ``app`` property answers (the same
object). Screens and widgets then write ``self.app.service`` and mypy knows its type:

    class LogDialog(RehabModal[LogResult]): ...
    class WeekTable(RehabNode, DataTable[str]): ...   # the mixin first
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from textual import getters
    from textual.message_pump import MessagePump

    from ..service.service import RehabService
    from .app import RehabApp

ResultT = TypeVar("ResultT")

if TYPE_CHECKING:
    # To the type checker the mixin is a Widget, so its ``app`` overrides MessagePump's; at
    # run time it is a plain class and adds nothing to the widget (no CSS type name, no MRO).
    from textual.widget import Widget as _WidgetBase
else:
    _WidgetBase = object


class RehabNode(_WidgetBase):
    """Mixin for a widget: ``self.app`` is the ``RehabApp`` (put it before the Textual base)."""

    if TYPE_CHECKING:
        app = getters.app(RehabApp)


class RehabScreen(Screen[ResultT]):
    """A full screen of the app; ``self.app`` is the ``RehabApp``."""

    if TYPE_CHECKING:
        app = getters.app(RehabApp)


class RehabModal(ModalScreen[ResultT]):
    """A dialog of the app; ``self.app`` is the ``RehabApp``.

    A dialog has a key footer of its own (its keys, help and the palette hint) over the dimmed
    footer of the screen below, whose keys do not work while the dialog is up."""

    KEY_FOOTER = True

    if TYPE_CHECKING:
        app = getters.app(RehabApp)

    def on_mount(self) -> None:
        # Textual calls this after the dialog's own on_mount (handlers run along the MRO).
        from .widgets.footer import KeyFooter

        if self.KEY_FOOTER and not self.query(KeyFooter):
            self.mount(KeyFooter())


def rehab_app(node: MessagePump) -> RehabApp:
    """The running ``RehabApp`` for code that is not a method of a screen or widget."""
    from .app import RehabApp

    app = node.app
    if not isinstance(app, RehabApp):
        raise TypeError(f"{type(node).__name__} is not running inside RehabApp")
    return app


def service_of(node: MessagePump) -> RehabService:
    """The service room the running app was handed (data, today, templates)."""
    return rehab_app(node).service
