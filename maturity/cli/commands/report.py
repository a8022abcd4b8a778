"""``maturity report``: the graded maturity report as PDF, HTML or Markdown."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from maturity.answers import LoadedAnswers
from maturity.atomic import os_reason, write_atomic
from maturity.cli.app import State, app, err_console, progress_bar, report_problems, state
from maturity.cli.commands.score import load_and_score
from maturity.cli.environment import detect_lang
from maturity.cli.options import (
    JobsOption,
    ReportFormatOption,
    ReportOutputOption,
    RulesOption,
    StrictOption,
)
from maturity.cli.output import data_folders, guard_output, require_parent
from maturity.errors import ExitCode, InputError, Problem
from maturity.i18n import msg, phrase
from maturity.report import ManifestRow, ReportFormat, ReportInput, SignatureInfo
from maturity.report.inputs import ReportEdition, ReportLang
from maturity.text import printable_line

if TYPE_CHECKING:
    from maturity.keys import Credentials
    from maturity.report.many import Job, Settings
    from maturity.report.portfolio import IndexRow
    from maturity.rules import LoadedRules
    from maturity.schema.result import AssessmentResult


class ReportLangChoice(StrEnum):
    zh = "zh"
    en = "en"
    bilingual = "bilingual"


def _report_lang_callback(
    ctx: typer.Context, value: ReportLangChoice | None
) -> ReportLangChoice | None:
    """Set the CLI's language before the other options are checked, so that their usage errors
    come in it (as the shared --lang does); a bilingual report keeps the messages in Chinese."""
    report_lang: ReportLang = value.value if value else detect_lang(None)
    state(ctx).lang = "zh" if report_lang == "bilingual" else detect_lang(report_lang)
    return value


# the options of `report` alone (the shared ones are in maturity.cli.options)
TargetOption = Annotated[
    int | None,
    typer.Option(
        "--target",
        min=1,
        max=5,
        help="Target level to plan for (default: the answer file's, else the next level).",
        show_default=False,
    ),
]
TemplateDirOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--template-dir",
        metavar="DIR",
        help=(
            "Directory searched before the built-in templates (override one template, "
            "e.g. the cover or report.css). Repeatable."
        ),
    ),
]
PreviousOption = Annotated[
    Path | None,
    typer.Option(
        "--previous",
        metavar="OLD.yaml",
        help="The organisation's previous answer file: adds progress since then.",
        show_default=False,
    ),
]
P12Option = Annotated[
    Path | None,
    typer.Option(
        "--p12",
        metavar="FILE",
        help=(
            "Assessor's PKCS#12 certificate for --sign (passphrase: "
            "$MATURITY_P12_PASSWORD or a prompt)."
        ),
        show_default=False,
    ),
]


@app.command()
def report(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE|DIR",
            help="Answer file (YAML or .xlsx), or a directory of them.",
            show_default=False,
        ),
    ],
    output: ReportOutputOption,
    format: ReportFormatOption = None,
    lang: Annotated[
        ReportLangChoice | None,
        typer.Option(
            "--lang",
            help="Report language (default: $MATURITY_LANG, the locale, then zh).",
            callback=_report_lang_callback,
            is_eager=True,
            show_default=False,
        ),
    ] = None,
    target: TargetOption = None,
    template_dir: TemplateDirOption = None,
    rules: RulesOption = None,
    strict: StrictOption = False,
    previous: PreviousOption = None,
    sign: Annotated[
        bool,
        typer.Option(
            "--sign",
            help="Sign the PDF (PAdES) and embed the answers, result, rules and evidence manifest.",
        ),
    ] = False,
    jobs: JobsOption = None,
    p12: P12Option = None,
    evidence_dir: Annotated[
        Path | None,
        typer.Option(
            "--evidence-dir",
            metavar="DIR",
            help="With --sign: evidence files named in the answers are looked up here as well as "
            "beside the answer file.",
            show_default=False,
        ),
    ] = None,
    allow_missing_evidence: Annotated[
        bool,
        typer.Option(
            "--allow-missing-evidence",
            help="With --sign: sign even if an evidence file named in the answers is not found "
            "(it is left out of the manifest, with a warning).",
        ),
    ] = False,
    edition: Annotated[
        ReportEdition,
        typer.Option(
            "--edition",
            help=(
                "board: the few pages a board reads (dashboard, next 90 days, roadmap, "
                "signature); full: those pages and the annexes."
            ),
        ),
    ] = ReportEdition.full,
    link_previous: Annotated[
        bool,
        typer.Option(
            "--link-previous/--no-link-previous",
            help="With a directory: each report shows progress since the same organisation's "
            "latest earlier assessment in the directory (the report names that file).",
        ),
    ] = True,
) -> None:
    """Render the graded report: summary, gates, sub-domains, charts, gaps, prioritised plan,
    shortest path, roadmap, annexes.

    Given a directory of answer files, writes one report per file into the --output directory, in
    parallel.
    """
    st = state(ctx)
    report_lang: ReportLang = lang.value if lang else detect_lang(None)  # st.lang: set by --lang
    guard_output(
        output,
        [file, previous, rules, p12, *template_files(template_dir or [])],
        data_folders(st, template_dir or []),
    )
    if os.path.isdir(file):  # never raises (a file in a folder that cannot be searched)
        if sign:
            raise InputError([Problem("report.sign_one")])
        from maturity.report.many import Settings

        many = Settings(
            format or ReportFormat.pdf,
            report_lang,
            tuple(template_dir or ()),
            st.assessor(rules, strict),
            target,
            edition,
        )
        report_many(st, file, output, many, jobs, link_previous=link_previous)
        return
    one = OneReport(
        file,
        output,
        format,
        report_lang,
        target,
        tuple(template_dir or ()),
        rules,
        strict,
        previous,
        sign,
        p12,
        evidence_dir,
        allow_missing_evidence,
        edition,
    )
    report_one(st, one)


@dataclass(frozen=True)
class OneReport:
    """The options of ``report FILE``."""

    file: Path
    output: Path
    format: ReportFormat | None
    lang: ReportLang
    target: int | None
    template_dirs: tuple[Path, ...]
    rules: Path | None
    strict: bool
    previous: Path | None
    sign: bool
    p12: Path | None
    evidence_dir: Path | None = None
    allow_missing_evidence: bool = False
    edition: ReportEdition = ReportEdition.full


def report_one(st: State, r: OneReport) -> None:
    if r.target is not None and not 1 <= r.target <= 5:
        raise InputError([Problem("report.bad_target")])
    if (r.evidence_dir is not None or r.allow_missing_evidence) and not r.sign:
        raise InputError([Problem("sign.evidence_needs_sign")])  # silently ignored would mislead
    fmt = r.format or ReportFormat.from_path(r.output)
    require_parent(r.output)
    credentials = _credentials(
        st, r, fmt
    )  # fail on the certificate before spending time on rendering
    loaded, loaded_rules, result = load_and_score(st, r.file, r.rules, r.strict)
    if r.sign:  # before any warning: nothing is written
        from maturity.sign import check_names

        check_names(loaded.answers, str(r.file))
    report_problems(summarised(loaded.warnings, str(r.file)), st.lang)
    signing = _signing(st, loaded, r, credentials) if credentials is not None else None
    data = ReportInput(
        previous=_previous(st, r, result),
        result=result,
        questionnaire=loaded.questionnaire,
        answers=loaded.answers,
        rules=loaded_rules.rules,
        signature=signing[0] if signing else None,
    )
    from maturity.report.render import (
        render_report,
    )  # Jinja and the view-model: only when rendering

    payload = render_report(data, fmt, r.lang, r.template_dirs, target=r.target, edition=r.edition)
    if credentials is not None and signing is not None:
        payload = _sign(st, payload, credentials, (loaded, loaded_rules, result), signing)
    write_atomic(r.output, payload)  # only after rendering (and signing) succeeded
    err_console().print(msg("cli.wrote", st.lang, path=r.output))


def _credentials(st: State, r: OneReport, fmt: ReportFormat) -> Credentials | None:
    """The assessor's key and certificate for --sign; the passphrase lives no longer than this."""
    if r.sign and fmt is not ReportFormat.pdf:
        raise InputError([Problem("sign.pdf_only")])
    if r.sign and r.p12 is None:
        raise InputError([Problem("sign.p12_needed")])
    if not r.sign or r.p12 is None:
        return None
    from maturity.cli.commands.sign import read_passphrase
    from maturity.keys import load_p12

    return load_p12(r.p12, read_passphrase(st.lang))


def _signing(
    st: State, loaded: LoadedAnswers, r: OneReport, credentials: Credentials
) -> tuple[SignatureInfo, bytes, list[str]]:
    """What the signature page shows and the manifest. An evidence file named in the answers but
    found nowhere stops signing (a manifest silently short of it would mislead), unless allowed."""
    from maturity.keys import signs_with_test_certificate
    from maturity.sign import find_evidence

    if r.evidence_dir is not None and not r.evidence_dir.is_dir():
        raise InputError([Problem("sign.evidence_dir_missing", {"path": str(r.evidence_dir)})])
    folders = [r.file.resolve().parent, *([r.evidence_dir] if r.evidence_dir else [])]
    info, manifest, missing = signing_info(loaded, r.file, folders)
    signing = (
        replace(info, test_certificate=signs_with_test_certificate(credentials)),
        manifest,
        missing,
    )
    # evidence is read for the manifest: a report written over it would lose it
    guard_output(r.output, [find_evidence(row.path, folders) for row in signing[0].evidence])
    if signing[2]:
        where = ", ".join(str(f) for f in folders)
        shown = "; ".join(printable_line(name) for name in signing[2][:5])
        more = phrase("sign.more_files", count=len(signing[2])) if len(signing[2]) > 5 else ""
        problem = Problem(
            "sign.evidence_not_found",
            {"count": len(signing[2]), "names": shown, "more": more, "folders": where},
            file=str(r.file),
            severity="warning" if r.allow_missing_evidence else "error",
        )
        if not r.allow_missing_evidence:
            raise InputError([problem])
        report_problems([problem], st.lang)
    return signing


def summarised(warnings: Sequence[Problem], file: str) -> list[Problem]:
    """The warnings, with a third-party file's high ratings without evidence as one total: a
    report's reader needs the count (the report's consistency notes list them), and ``validate``
    still gives each one's line."""
    unbacked = [p for p in warnings if p.key == "consistency.no_evidence"]
    if len(unbacked) <= 1:
        return list(warnings)
    total = Problem(
        "report.no_evidence_total", {"count": len(unbacked), "file": file}, severity="warning"
    )
    return [*(p for p in warnings if p.key != "consistency.no_evidence"), total]


def _previous(st: State, r: OneReport, result: AssessmentResult) -> AssessmentResult | None:
    """The previous assessment for "progress since then"; a different organisation, type or reversed
    dates are warned about, as compare does."""
    if r.previous is None:
        return None
    prior = load_and_score(st, r.previous, r.rules, strict=False)[2]
    from maturity.history import compare

    report_problems(list(compare(prior, result, str(r.previous), str(r.file)).warnings), st.lang)
    return prior


def _sign(
    st: State,
    pdf: bytes,
    credentials: Credentials,
    scored: tuple[LoadedAnswers, LoadedRules, AssessmentResult],
    signing: tuple[SignatureInfo, bytes, list[str]],
) -> bytes:
    """The PDF signed, with the answers, result, rules and evidence manifest embedded."""
    from maturity.sign import (
        ANSWERS,
        MANIFEST,
        RESULT,
        RULES,
        Attachment,
        sign_pdf,
        stamp_lines,
        stamp_lines_zh,
        stamp_text,
    )

    loaded, loaded_rules, result = scored
    info, manifest, _ = signing
    attachments = [
        Attachment(ANSWERS, loaded.raw, "application/yaml", "answers as read by maturity"),
        Attachment(
            RESULT,
            (result.model_dump_json(indent=2) + "\n").encode("utf-8"),
            "application/json",
            "maturity-result/1",
        ),
        Attachment(
            RULES,
            loaded_rules.raw,
            "application/yaml",
            f"scoring rules {loaded_rules.rules.id} {loaded_rules.rules.version}",
        ),
        Attachment(MANIFEST, manifest, "application/json", "sha256 of the evidence files"),
    ]
    assessor = loaded.answers.assessment.assessor
    accreditation = assessor.accreditation if assessor else None
    firm = result.organisation.name
    level, score, digest = result.level, result.score, info.answers_sha256
    stamp = stamp_text(
        stamp_lines(level, score, digest, accreditation, info.test_certificate, firm)
    )
    zh = stamp_lines_zh(level, score, accreditation, info.test_certificate, firm, digest)
    signed = sign_pdf(
        pdf,
        credentials,
        attachments,
        reason="maturity assessment report",
        stamp_text=stamp,
        stamp_zh=zh,
    )
    err_console().print(msg("sign.signed", st.lang, subject=printable_line(credentials.subject)))
    return signed


def signing_info(
    loaded: LoadedAnswers, file: Path, folders: list[Path]
) -> tuple[SignatureInfo, bytes, list[str]]:
    """What the signature page shows, the evidence manifest to embed, and the evidence entries that
    name a file found in none of ``folders``."""
    from maturity.sign import (
        ANSWERS,
        MANIFEST,
        RESULT,
        RULES,
        evidence_entries,
        evidence_manifest,
        manifest_json,
        unattached,
    )

    entries = evidence_entries(loaded.answers)
    files = evidence_manifest(entries, *folders)
    missing = unattached(entries, {(f.requirement, f.path) for f in files})
    info = SignatureInfo(
        answers_sha256=hashlib.sha256(loaded.raw).hexdigest(),
        attachments=(ANSWERS, RESULT, RULES, MANIFEST),
        evidence=tuple(ManifestRow(f.requirement, f.path, f.sha256) for f in files),
        evidence_named=len(files) + len(missing),
    )
    return info, manifest_json(files), missing


def template_files(template_dirs: list[Path]) -> list[Path]:
    """The files a --template-dir may override (report.css, labels.yaml, partials/...): inputs,
    never outputs."""
    from maturity.resources import builtin_dir

    builtin = builtin_dir("report_templates")
    names = [p.relative_to(builtin) for p in builtin.rglob("*") if p.is_file()]
    return [folder / name for folder in template_dirs for name in names]


def report_many(
    st: State,
    folder: Path,
    out_dir: Path,
    settings: Settings,
    jobs: int | None,
    *,
    link_previous: bool = True,
) -> None:
    """One report per answer file in ``folder``; failures are listed at the end (exit 3)."""
    from maturity.batch import Failed, discover
    from maturity.launch import worker_setup
    from maturity.parallel import default_jobs
    from maturity.report.many import Job, plan_jobs, render_many

    if out_dir.suffix.lower() in (".pdf", ".html", ".md") or (
        os.path.exists(out_dir) and not os.path.isdir(out_dir)
    ):
        raise InputError([Problem("report.dir_output", {"path": str(out_dir)})])
    paths, failures = discover([str(folder)])
    if not paths:
        raise InputError([Problem("batch.nothing", {"inputs": str(folder)})])
    jobs_ = plan_jobs(paths, folder, out_dir, settings.fmt)
    if link_previous:
        jobs_ = _with_previous(jobs_, settings, jobs)
    index = Job("", str(out_dir / "index.html"))  # no link to an input either
    _spare_inputs([*jobs_, index], [*paths, settings.assessor.rules_path])
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            [Problem("output.dir_failed", {"path": str(out_dir), "reason": os_reason(exc)})]
        ) from exc
    entries = []
    stderr = err_console()
    progress = progress_bar(stderr)
    with progress:
        task = progress.add_task(msg("report.progress", st.lang), total=len(paths))
        for done in render_many(jobs_, settings, jobs or default_jobs(), worker_setup()):
            if done.entry is None:
                failures.append(Failed(done.source, done.problems))
            else:
                entries.append(done.entry)
            progress.advance(task)
    written = len(entries)
    _write_index(st, out_dir, entries, settings)
    for failed in failures:
        report_problems(failed.problems, st.lang)
    stderr.print(
        msg("report.many_done", st.lang, written=written, failed=len(failures), path=out_dir)
    )
    if failures:
        raise typer.Exit(int(ExitCode.PARTIAL))


def _with_previous(jobs: list[Job], settings: Settings, workers: int | None) -> list[Job]:
    """The jobs, each with its organisation's latest earlier file: a quick scoring pass first
    (a report takes far longer to render than its file to score), since the organisation and the
    date are known only once a file is read."""
    from dataclasses import replace

    from maturity.batch import Scored, run
    from maturity.launch import worker_setup
    from maturity.parallel import default_jobs
    from maturity.report.many import previous_files

    scored = run(
        [job.source for job in jobs],
        settings.assessor,
        jobs=workers or default_jobs(),
        initializer=worker_setup(),
    )
    rows = [item.row for item in scored if isinstance(item, Scored) and item.row is not None]
    previous = previous_files(rows)
    return [replace(job, previous=previous.get(job.source, "")) for job in jobs]


def _write_index(st: State, out_dir: Path, entries: list[IndexRow], settings: Settings) -> None:
    """index.html beside the reports (links, organisation, level, score, date), by name; never
    over an input (an answer file named index.html in the output folder is refused earlier)."""
    from maturity.collation import ClientOrder, sort_by
    from maturity.report.portfolio import render_index

    if not entries:
        return

    by_date = sorted(entries, key=lambda e: (e.date, e.report))  # a firm's files oldest first
    rows = sort_by(by_date, ClientOrder.name, st.lang, lambda e: {"organisation": e.organisation})
    write_atomic(out_dir / "index.html", render_index(rows, st.lang, settings.template_dirs))


def _spare_inputs(jobs: list[Job], inputs: list[str | Path | None]) -> None:
    """No report may replace an input (a report name that is a link to an answer file, or
    --rules)."""
    from maturity.atomic import file_id

    ids = {key: item for item in inputs if item is not None and (key := file_id(item)) is not None}
    for job in jobs:
        if (key := file_id(job.target)) in ids:
            raise InputError(
                [Problem("output.is_input", {"path": job.target, "input": str(ids[key])})]
            )
