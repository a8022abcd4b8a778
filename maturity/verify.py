"""Verifying a signed report: the signature, the signer's trust, the rescore, the evidence.

Every check ends in a verdict (passed, failed, untrusted or skipped) with a message; damaged or
hostile PDFs are reported as failed checks, not as exceptions (tests flip bytes across the file). pyHanko is imported lazily.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from io import BytesIO
from pathlib import Path
from typing import Any

from maturity.answers import parse_answers
from maturity.errors import ExitCode, MaturityError, Problem
from maturity.i18n import msg
from maturity.models.result import AssessmentResult
from maturity.questionnaire import Questionnaire
from maturity.rules import parse_rules
from maturity.scoring import score
from maturity.sign import ANSWERS, MANIFEST, RESULT, RULES
from maturity.yamlio import file_sha256


class Outcome(StrEnum):
    passed = "passed"
    failed = "failed"
    untrusted = "untrusted"
    skipped = "skipped"


@dataclass(frozen=True)
class Check:
    name: str  # signature | trust | rescore | evidence
    outcome: Outcome
    message: Problem


@dataclass
class Verdict:
    checks: list[Check] = field(default_factory=list)

    def add(self, check: str, outcome: Outcome, key: str, **params: object) -> None:
        self.checks.append(Check(check, outcome, Problem(key, params)))

    @property
    def exit_code(self) -> ExitCode:
        outcomes = {c.outcome for c in self.checks}
        if Outcome.failed in outcomes:
            return ExitCode.NOT_VERIFIED
        if Outcome.untrusted in outcomes:
            return ExitCode.UNTRUSTED
        return ExitCode.OK


def verify_pdf(data: bytes, trusted: Sequence[bytes], resolve: Callable[[str], Questionnaire], evidence_dir: Path | None = None) -> Verdict:
    for name in ("pyhanko", "pyhanko_certvalidator"):
        # pyHanko logs every untrusted path with a traceback; the verdict carries the message instead
        logging.getLogger(name).setLevel(logging.CRITICAL)
    verdict = Verdict()
    try:
        reader, signature = _open(data)
    except _Unreadable as exc:
        verdict.add("signature", Outcome.failed, exc.key, **exc.params)
        return verdict
    if not _check_signature(reader, signature, trusted, verdict):
        return verdict  # nothing in a broken or altered file can be relied on
    files = _attachments(reader)
    _check_rescore(reader, files, resolve, verdict)
    _check_evidence(files, evidence_dir, verdict)
    return verdict


class _Unreadable(Exception):
    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key, self.params = key, params


def _open(data: bytes) -> tuple[Any, Any]:
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:  # any parse failure of untrusted input means "broken"
        raise _Unreadable("verify.unreadable", reason=f"{type(exc).__name__}: {exc}"[:200]) from None
    if not signatures:
        raise _Unreadable("verify.no_signature")
    if len(signatures) > 1:
        raise _Unreadable("verify.many_signatures", count=len(signatures))
    return reader, signatures[0]


def _check_signature(reader: Any, signature: Any, trusted: Sequence[bytes], verdict: Verdict) -> bool:
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    roots = [asn1_x509.Certificate.load(der) for der in trusted]
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    try:
        status = validate_pdf_signature(signature, context)
    except Exception as exc:  # damaged signature dictionaries and byte ranges end up here
        verdict.add("signature", Outcome.failed, "verify.unreadable", reason=f"{type(exc).__name__}: {exc}"[:200])
        return False
    if not (status.intact and status.valid):
        verdict.add("signature", Outcome.failed, "verify.broken")
        return False
    if not _padding_is_clean(signature):
        verdict.add("signature", Outcome.failed, "verify.broken")
        return False
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        change = getattr(status.modification_level, "name", "incremental update")
        verdict.add("signature", Outcome.failed, "verify.partial", change=change)
        return False
    signer = _signer_name(status.signing_cert.subject.native)
    when = status.signer_reported_dt.isoformat(timespec="seconds") if status.signer_reported_dt else "-"
    verdict.add("signature", Outcome.passed, "verify.intact", signer=signer, time=when)
    if status.trusted:
        verdict.add("trust", Outcome.passed, "verify.trusted")
    else:
        reason = (
            {"zh": msg("verify.no_trust_given", "zh"), "en": msg("verify.no_trust_given", "en")} if not roots else _trust_reason(status)
        )
        verdict.add("trust", Outcome.untrusted, "verify.untrusted", reason=reason)
    return True


def _padding_is_clean(signature: Any) -> bool:
    """The signature value is followed only by the zero padding the signer reserved.

    /Contents is outside the signed byte range and pyHanko ignores what follows the CMS
    structure in it, so without this check a byte changed in the padding would go unnoticed.
    """
    from asn1crypto.parser import parse

    try:
        contents = bytes(signature.sig_object["/Contents"])
        _, _, _, header, body, trailer = parse(contents)
    except Exception:  # malformed value: the signature check itself reports it
        return False
    return not any(contents[len(header) + len(body) + len(trailer) :])


def _signer_name(subject: dict[str, str]) -> str:
    """'Wang Lixin (Example Assessors, Example Org)': the common name first, then organisation units."""
    rest = [subject[k] for k in ("organizational_unit_name", "organization_name") if subject.get(k)]
    name = subject.get("common_name") or ", ".join(rest) or "?"
    return f"{name} ({'; '.join(rest)})" if rest and subject.get("common_name") else name


def _trust_reason(status: Any) -> dict[str, str]:
    detail = str(getattr(status, "trust_problem_indic", "") or "the certificate does not chain to a trusted one")
    return {"zh": f"证书不链到受信任证书（{detail}）", "en": f"the certificate does not chain to a trusted one ({detail})"}


def _attachments(reader: Any) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    try:
        names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
    except (KeyError, TypeError):
        return out
    for index in range(0, len(names) - 1, 2):
        try:
            spec = names[index + 1].get_object()
            out[str(names[index])] = spec["/EF"]["/F"].get_object().data
        except (KeyError, AttributeError, TypeError):
            continue
    return out


def _check_rescore(reader: Any, files: dict[str, bytes], resolve: Callable[[str], Questionnaire], verdict: Verdict) -> None:
    missing = [name for name in (ANSWERS, RESULT, RULES) if name not in files]
    if missing:
        verdict.add("rescore", Outcome.failed, "verify.missing_attachment", name=", ".join(missing))
        return
    try:
        loaded = parse_answers(files[ANSWERS], f"<report>/{ANSWERS}", resolve)
        rules = parse_rules(files[RULES], f"<report>/{RULES}", loaded.questionnaire)
        fresh = score(loaded.questionnaire, rules, loaded.answers)
        claimed = AssessmentResult.model_validate_json(files[RESULT])
    except MaturityError as exc:
        verdict.add(
            "rescore", Outcome.failed, "verify.rescore_failed", reason={lang: exc.problems[0].render(lang) for lang in ("zh", "en")}
        )
        return
    except ValueError as exc:  # the embedded result is not valid maturity-result JSON
        verdict.add("rescore", Outcome.failed, "verify.rescore_failed", reason=str(exc).splitlines()[0])
        return
    a = fresh.model_dump(mode="json", exclude={"tool_version"})
    b = claimed.model_dump(mode="json", exclude={"tool_version"})
    for key in a:
        if a[key] != b.get(key):
            verdict.add("rescore", Outcome.failed, "verify.rescore_differs", field=key, expected=_short(a[key]), got=_short(b.get(key)))
            return
    printed = _info(reader, "/maturitylevel")
    if printed != str(fresh.level):
        verdict.add("rescore", Outcome.failed, "verify.level_printed_differs", printed=printed or "-", level=fresh.level)
        return
    verdict.add("rescore", Outcome.passed, "verify.rescored", level=fresh.level, score=f"{fresh.score:.2f}")


def _info(reader: Any, key: str) -> str | None:
    try:
        value = reader.trailer["/Info"].get(key)
    except (KeyError, AttributeError, TypeError):
        return None
    return None if value is None else str(value)


def _short(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def _check_evidence(files: dict[str, bytes], evidence_dir: Path | None, verdict: Verdict) -> None:
    try:
        listed = json.loads(files[MANIFEST])["files"] if MANIFEST in files else []
        if not isinstance(listed, list):
            raise TypeError(MANIFEST)
    except (ValueError, KeyError, TypeError):
        verdict.add("evidence", Outcome.failed, "verify.missing_attachment", name=MANIFEST)
        return
    if not listed:
        verdict.add("evidence", Outcome.skipped, "verify.evidence_none")
        return
    if evidence_dir is None:
        verdict.add("evidence", Outcome.skipped, "verify.evidence_skipped", count=len(listed))
        return
    root = evidence_dir.resolve()
    for entry in listed:
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str) or not isinstance(entry.get("sha256"), str):
            verdict.add("evidence", Outcome.failed, "verify.missing_attachment", name=MANIFEST)
            return
        path = (evidence_dir / entry["path"]).resolve()
        if not path.is_relative_to(root) or not path.is_file():  # a manifest may not point outside the folder
            verdict.add("evidence", Outcome.failed, "verify.evidence_missing", path=entry["path"], dir=str(evidence_dir))
            return
        if file_sha256(path, entry["path"])[0] != entry["sha256"]:
            verdict.add("evidence", Outcome.failed, "verify.evidence_differs", path=entry["path"])
            return
    verdict.add("evidence", Outcome.passed, "verify.evidence_ok", count=len(listed))
