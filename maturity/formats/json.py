"""The result contract as JSON (``maturity-result/1``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from maturity.formats.view import ResultView


class JsonFormat:
    def render(self, view: ResultView) -> str:
        return view.result.model_dump_json(indent=2) + "\n"
