"""HTML -> PDF with WeasyPrint, imported lazily, fetching only files from the template directories.

By default WeasyPrint fetches any URL (``file:///etc/passwd``, ``http://...``); the report's HTML
carries user-written text, so the fetcher is locked: ``data:`` URIs and files inside the template
search path, nothing else. Refused fetches are recorded so that tests can assert on them.
"""

from __future__ import annotations

import functools
import mimetypes
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote_from_bytes, unquote_to_bytes, urlsplit

from maturity.errors import Problem, RenderError
from maturity.report.templating import shared_elsewhere
from maturity.yamlio import read_bytes

MAX_ASSET_BYTES = 16 * 1024 * 1024  # a logo, an image or a font of a template pack

CJK_FONT_HINTS = (
    "cjk",
    "wqy",
    "wenquanyi",
    "sourcehan",
    "source han",
    "notosanssc",
    "notoserifsc",
    "droidsansfallback",
    "simsun",
    "simhei",
    "msyh",
)


def locked_fetcher(roots: Sequence[Path]) -> Any:
    """A WeasyPrint URLFetcher serving only ``data:`` URIs and files below ``roots``."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = [r.resolve() for r in roots]

    class LockedURLFetcher(URLFetcher):  # type: ignore[misc]
        refused: list[str]

        def __init__(self) -> None:
            super().__init__(allowed_protocols=("data", "file"))
            self.refused = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parts = urlsplit(url)
            if parts.scheme == "file" and not parts.netloc:
                # resolve() follows symlinks and removes '..', so nothing escapes the roots
                path = Path(os.fsdecode(unquote_to_bytes(parts.path))).resolve()
                if (
                    path.is_file()
                    and any(path.is_relative_to(root) for root in allowed)
                    and not shared_elsewhere(path)
                ):
                    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    body = read_bytes(
                        path, max_bytes=MAX_ASSET_BYTES
                    )  # a regular file, and not a huge one
                    return URLFetcherResponse(url, body=body, headers={"Content-Type": mime})
            self.refused.append(url)
            raise ValueError(
                f"refused to fetch {url}: only files from the template directories are allowed"
            )

    return LockedURLFetcher()


@functools.cache
def cjk_font_available() -> bool:
    """Is a CJK font installed? The usual font folders first (fast), then fontconfig."""
    for folder in (
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        Path.home() / ".fonts",
        Path.home() / ".local/share/fonts",
    ):
        if folder.is_dir():
            for font in folder.rglob("*"):
                if font.suffix.lower() in (".ttf", ".ttc", ".otf") and any(
                    h in font.name.lower() for h in CJK_FONT_HINTS
                ):
                    return True
    if shutil.which("fc-list"):  # fonts installed elsewhere, known to fontconfig
        try:
            listed = subprocess.run(
                ["fc-list", ":lang=zh", "family"],
                capture_output=True,
                text=True,
                timeout=20,
                check=False,
            ).stdout
            return bool(listed.strip())
        except (OSError, subprocess.SubprocessError):
            return False
    return False


def folder_url(folder: Path) -> str:
    """A file: URL for a folder, built from its bytes: a folder name that is not UTF-8 (a GBK name
    unpacked on Linux) would make WeasyPrint's own conversion fail."""
    return "file://" + quote_from_bytes(os.fsencode(folder.resolve())) + "/"


def html_to_pdf(
    html: str, roots: Sequence[Path], *, needs_cjk: bool = True
) -> tuple[bytes, list[str]]:
    """Render ``html``; returns the PDF bytes and the URLs that were refused.

    Title and author come from the HTML head (``<title>``, ``<meta name="author">``).
    """
    if needs_cjk and not cjk_font_available():
        raise RenderError([Problem("report.no_cjk_font")])
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango/GObject libraries missing
        raise RenderError(
            [Problem("report.no_weasyprint", {"reason": str(exc).splitlines()[0]})]
        ) from None
    fetcher = locked_fetcher(roots)
    document = weasyprint.HTML(string=html, base_url=folder_url(roots[0]), url_fetcher=fetcher)
    pdf = document.write_pdf(
        custom_metadata=True
    )  # <meta name=maturity-level> lands in the PDF info
    return bytes(pdf), list(fetcher.refused)
