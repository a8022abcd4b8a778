"""``maturity keygen`` and ``maturity verify``, and the passphrase handling shared with ``report
--sign``."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from maturity.atomic import write_atomic
from maturity.cli.app import State, app, err_console, state
from maturity.cli.options import LangOption
from maturity.cli.output import data_folders, guard_output, require_parent, show
from maturity.errors import ExitCode, InputError, Problem
from maturity.i18n import Lang, msg
from maturity.text import first_control, has_undecodable_bytes, printable_line
from maturity.yamlio import read_bytes

if TYPE_CHECKING:
    from maturity.verify import Verdict

MAX_PDF_BYTES = 200 * 1024 * 1024

ENV_PASSPHRASE = "MATURITY_P12_PASSWORD"


def read_passphrase(lang: Lang, confirm: bool = False) -> bytes:
    """From $MATURITY_P12_PASSWORD, else a hidden prompt; never from the command line."""
    value = os.environ.get(ENV_PASSPHRASE)
    if value is not None:
        try:
            return value.encode("utf-8")
        except (
            UnicodeEncodeError
        ):  # bytes that are not UTF-8 arrive as surrogates; the prompt and keygen use UTF-8
            raise InputError([Problem("sign.passphrase_not_utf8")]) from None
    if not sys.stdin or not sys.stdin.isatty():
        raise InputError([Problem("sign.no_passphrase")])
    first = getpass.getpass(msg("sign.prompt_passphrase", lang))
    if confirm and getpass.getpass(msg("sign.prompt_repeat", lang)) != first:
        raise InputError([Problem("sign.passphrase_mismatch")])
    return first.encode("utf-8")


@app.command()
def keygen(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="PKCS#12 file to write; the certificate goes beside it as .pem."
        ),
    ] = Path("test-assessor.p12"),
    name: Annotated[
        str, typer.Option("--name", help="Assessor name in the certificate.")
    ] = "Test Assessor",
    organisation: Annotated[
        str | None,
        typer.Option("--organisation", help="Assessor's organisation.", show_default=False),
    ] = None,
    days: Annotated[int, typer.Option("--days", min=1, max=3650, help="Validity in days.")] = 365,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
    lang: LangOption = None,
) -> None:
    """Make a self-signed TEST certificate for trying signed reports (not for real use). Passphrase:
    $MATURITY_P12_PASSWORD or a prompt."""
    from maturity.keys import make_test_credentials

    st = state(ctx)
    for option, value in (("--name", name), ("--organisation", organisation or "")):
        _refuse_unsigned_text(option, value)
    if output.suffix.lower() == ".pem":
        raise InputError([Problem("keygen.pem_name")])
    pem = output.with_suffix(".pem")
    for path in (output, pem):
        guard_output(path, [], data_folders(st))  # a key is no questionnaire, rules or template
        if os.path.exists(path) and not force:  # never raises: a name too long fails on writing
            raise InputError([Problem("cli.exists", {"path": str(path)})])
    require_parent(output)
    passphrase = read_passphrase(st.lang, confirm=True)
    if not passphrase:
        raise InputError([Problem("keygen.empty_passphrase")])
    p12, certificate = make_test_credentials(name, organisation, passphrase, days)
    write_atomic(output, p12, mode=0o600)
    write_atomic(pem, certificate)
    err_console().print(msg("keygen.done", st.lang, p12=output, pem=pem))


def _refuse_unsigned_text(option: str, value: str) -> None:
    """A name is signed into every report and shown by verify: plain text only."""
    if has_undecodable_bytes(
        value
    ):  # a byte like \x85 that is no UTF-8: cryptography cannot encode it
        shown = printable_line(value)
        raise InputError([Problem("keygen.undecodable", {"option": option, "shown": shown})])
    char = first_control(value)
    if char is not None:
        raise InputError([Problem("keygen.control_char", {"option": option, "char": char})])


@app.command()
def verify(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(metavar="REPORT.pdf", help="Signed PDF report.", show_default=False)
    ],
    trust: Annotated[
        list[Path] | None,
        typer.Option(
            "--trust",
            metavar="CERT",
            help="Trusted certificate (PEM or DER), e.g. the assessor's or their CA's. Repeatable.",
        ),
    ] = None,
    evidence_dir: Annotated[
        list[Path] | None,
        typer.Option(
            "--evidence-dir",
            metavar="DIR",
            help="Check evidence files in DIR against the embedded manifest. Repeatable (the "
            "answers' folder and the evidence folder given to report --sign).",
            show_default=False,
        ),
    ] = None,
    receipt: Annotated[
        Path | None,
        typer.Option(
            "--receipt",
            metavar="FILE",
            help="Also write a one-page verification receipt (.pdf or .html), also when it fails.",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Verify a signed report: signature and trust, rescore of the embedded answers, evidence
    files."""
    from maturity.formats.verdict import VerdictFormat
    from maturity.keys import load_trust
    from maturity.verify import verify_pdf

    st = state(ctx)
    if receipt is not None:  # refused before anything is checked
        _receipt_kind(receipt)
        guard_output(receipt, [file, *(trust or [])], data_folders(st))
        require_parent(receipt)
    trusted = load_trust(list(trust or []))
    data = read_bytes(file, max_bytes=MAX_PDF_BYTES)
    started = dt.datetime.now(dt.UTC)
    verdict = verify_pdf(data, trusted, st.catalog, evidence_dir or [])
    show(st, VerdictFormat.table.to_format().render(verdict, st.lang))
    if receipt is not None:  # a failed verification gets its receipt too: it records the failure
        folders = tuple(str(folder.resolve()) for folder in evidence_dir or [])  # for the file
        _write_receipt(st, receipt, verdict, (file.name, started, folders))
    if verdict.exit_code != ExitCode.OK:
        raise typer.Exit(int(verdict.exit_code))


def _receipt_kind(path: Path) -> str:
    kind = path.suffix.lower()
    if kind not in (".pdf", ".html"):
        raise InputError([Problem("verify.receipt_format", {"path": str(path)})])
    return kind


def _write_receipt(
    st: State, path: Path, verdict: Verdict, checked: tuple[str, dt.datetime, tuple[str, ...]]
) -> None:
    from maturity.receipt import ReceiptContext, receipt_html, receipt_pdf

    html = receipt_html(verdict, st.lang, ReceiptContext(*checked))
    if _receipt_kind(path) == ".html":
        write_atomic(path, html)
    else:
        write_atomic(path, receipt_pdf(html, st.lang, path.resolve().parent))
    err_console().print(msg("cli.wrote", st.lang, path=path))
