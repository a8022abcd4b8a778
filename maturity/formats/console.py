"""The one rich console class for everything maturity prints: control characters are made visible.

Names, notes and file names reach tables and messages from answer files and certificates; an
``ESC[2J`` in one of them would clear the screen and let a file print a fake result. Every segment
of text is passed through :func:`maturity.text.printable` on its way out (rich's own control
segments, such as a progress bar's cursor movements, are left as they are). Imports rich: import
this module lazily.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.text import Text

from maturity.text import printable


class SafeConsole(Console):
    def render_str(self, text: str, **options: Any) -> Text:
        # plain strings (most table cells) are made visible before they are measured and laid out
        return super().render_str(printable(text), **options)

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        # the last line of defence, for rich Text built
        # elsewhere: nested renderables come through here too
        for segment in super().render(renderable, options):
            if segment.control:
                yield segment
            else:
                shown = printable(segment.text)
                yield segment if shown == segment.text else Segment(shown, segment.style)


def safe_console(**options: Any) -> Console:
    """A :class:`rich.console.Console` with ``options`` whose output holds no raw control
    characters."""
    return SafeConsole(**options)
