"""Verifying a signed report: the signature, the signer's trust, the rescore, the evidence.

Every check ends in a verdict (passed, failed, untrusted or skipped) with a message; damaged or
hostile PDFs are reported as failed checks, not as exceptions (tests flip bytes across the file).
pyHanko is imported lazily.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from io import BytesIO
from pathlib import Path
from typing import Any, Literal

from maturity.assessment import Assessor as Scorer
from maturity.errors import ExitCode, InputError, MaturityError, Problem
from maturity.i18n import LANGS, Phrase, msg, phrase
from maturity.numbers import fmt_score
from maturity.questionnaire import Catalog, Questionnaire
from maturity.rules import LoadedRules, installed_rules_paths, parse_rules
from maturity.schema.answers import Assessor
from maturity.schema.result import AssessmentResult
from maturity.sign import (
    ANSWERS,
    MANIFEST,
    RESULT,
    RULES,
    evidence_entries,
    find_evidence,
    local_time,
    stamp_lines,
    unattached,
)
from maturity.text import first_control, printable_line
from maturity.yamlio import file_sha256

# how far a signing time may lie ahead of this machine's
# clock (clocks differ) before it is a false claim
CLOCK_SKEW = dt.timedelta(hours=1)
_HEX = re.compile(rb"[0-9A-Fa-f]*")
# an embedded file or other stream verify decodes; a hostile PDF may hold a decompression bomb
MAX_DECODED_STREAM = 16 * 1024 * 1024
MAX_MANIFEST_PATH = 1024  # characters; each part at most 255 bytes, as file systems allow
_SIGNED_FILES = (ANSWERS, RESULT, RULES, MANIFEST)


class Outcome(StrEnum):
    passed = "passed"
    failed = "failed"
    untrusted = "untrusted"
    incomplete = "incomplete"  # marked !, but the exit code stays: signed knowingly without them
    skipped = "skipped"


CheckName = Literal["signature", "trust", "rules", "rescore", "evidence"]  # in the order shown


@dataclass(frozen=True)
class Check:
    name: CheckName
    outcome: Outcome
    message: Problem


@dataclass(frozen=True)
class Anchor:
    """The trusted certificate a chain ended at: a clerk checks its fingerprint against the one
    the issuing body publishes, as a file handed over by the party checked proves nothing."""

    name: str
    sha256: str  # of the certificate's DER


@dataclass(frozen=True)
class AssessedFacts:
    """Whom and how the embedded answers assessed, with the rescored level and score."""

    organisation: str
    mode: str  # the answers' key: self, consultant, third_party
    date: dt.date
    level: int
    score: float


@dataclass
class Verdict:
    checks: list[Check] = field(default_factory=list)
    sha256: str = ""  # of the report file as read
    signer: str | None = None  # the certificate's name, shown safely
    signed_at: dt.datetime | None = None  # the signer's claim
    test_certificate: bool = False  # a keygen TEST certificate signed or issued
    assessor: Assessor | None = None  # from the embedded answers, once rescored
    evidence: list[tuple[str, str]] = field(default_factory=list)  # the embedded answers' entries
    anchor: Anchor | None = None  # the --trust certificate the signer chained to
    assessed: AssessedFacts | None = (
        None  # what the embedded answers say was assessed, once rescored
    )
    trust_given: list[Anchor] = field(default_factory=list)  # every --trust certificate
    claimed_firm: str | None = None  # the firm a report whose signature failed names, unchecked

    @property
    def signer_claimed_only(self) -> bool:
        """A signer is named, but the signature does not hold: the name is only a claim."""
        return self.signer is not None and self.signature_failed

    @property
    def signature_failed(self) -> bool:
        return any(c.name == "signature" and c.outcome == Outcome.failed for c in self.checks)

    def add(self, check: CheckName, outcome: Outcome, key: str, **params: object) -> None:
        self.checks.append(Check(check, outcome, Problem(key, params)))

    @property
    def exit_code(self) -> ExitCode:
        outcomes = {c.outcome for c in self.checks}
        if Outcome.failed in outcomes:
            return ExitCode.NOT_VERIFIED
        if Outcome.untrusted in outcomes:
            return ExitCode.UNTRUSTED
        # a TEST certificate can be trusted on purpose (--trust), yet never makes a formal report
        return ExitCode.TEST_SIGNED if self.test_certificate else ExitCode.OK


def verify_pdf(
    data: bytes,
    trusted: Sequence[bytes],
    catalog: Catalog,
    evidence_dir: Path | Sequence[Path] | None = None,
    now: dt.datetime | None = None,
) -> Verdict:
    """Check ``data``; ``now`` (default: the clock) is the moment of verification. Evidence files
    are looked up in ``evidence_dir`` (one folder, or several in turn)."""
    verdict = Verdict(sha256=hashlib.sha256(data).hexdigest(), trust_given=_given(trusted))
    try:
        reader, signature = _open(data)
    except _Unreadable as exc:
        verdict.add("signature", Outcome.failed, exc.key, **exc.params)
        return _not_run(verdict)
    if not _check_signature(data, signature, trusted, verdict, now or dt.datetime.now(dt.UTC)):
        verdict.claimed_firm = _claimed_firm(reader)
        return _not_run(verdict)  # nothing in a broken or altered file can be relied on
    try:
        files = _attachments(reader)
    except _Unreadable as exc:
        verdict.add("rescore", Outcome.failed, exc.key, **exc.params)
        return verdict
    _check_rescore(reader, signature, files, Scorer(catalog), verdict)
    folders = [evidence_dir] if isinstance(evidence_dir, Path) else list(evidence_dir or [])
    _check_evidence(files, folders, verdict)
    return verdict


def _given(trusted: Sequence[bytes]) -> list[Anchor]:
    """The --trust certificates by name and fingerprint, so a receipt says what was given even
    when the chain was never checked."""
    from cryptography import x509

    out = []
    for der in trusted:
        try:
            subject = x509.load_der_x509_certificate(der).subject
        except ValueError:  # the CLI loaded them already; a test may hand raw bytes
            continue
        out.append(Anchor(_signer_name(subject), hashlib.sha256(der).hexdigest()))
    return out


def _not_run(verdict: Verdict) -> Verdict:
    """Every check after a failed signature check, listed as not run: a receipt records what was
    not checked rather than leaving it out."""
    done = {c.name for c in verdict.checks}
    for name in ("trust", "rules", "rescore", "evidence"):
        if name not in done:
            verdict.add(name, Outcome.skipped, "verify.not_run_broken")
    return verdict


def _claimed_firm(reader: Any) -> str | None:
    """The firm the embedded answers of an altered report name: only a claim, so that a clerk can
    match the failed receipt to an application."""
    from maturity.answers import read_answer_file

    try:
        raw = _attachments(reader).get(ANSWERS)
        return None if raw is None else read_answer_file(raw, ANSWERS)[1].organisation.name
    except Exception:  # anything wrong in an altered file: no claim to show
        return None


class _Unreadable(Exception):
    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key, self.params = key, params


def _open(data: bytes) -> tuple[Any, Any]:
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(BytesIO(data), strict=False, decode_limits=_decode_limits())
        signatures = reader.embedded_signatures
    except Exception as exc:  # any parse failure of untrusted input means "broken"
        raise _Unreadable("verify.unreadable", reason=_detail(exc)) from None
    if not signatures:
        raise _Unreadable("verify.no_signature")
    if len(signatures) > 1:
        raise _Unreadable("verify.many_signatures", count=len(signatures))
    return reader, signatures[0]


def _decode_limits() -> Any:
    """pyHanko's stream decoding limits, tightened: verify decodes only small streams (attachments,
    the signature box)."""
    from pyhanko.pdf_utils.decode_limits import (
        DecodeLimits,
        DocumentDecodeBudget,
        StreamDecodeLimits,
    )

    return DecodeLimits(
        per_stream=StreamDecodeLimits(max_output_size=MAX_DECODED_STREAM),
        document_budget=DocumentDecodeBudget(base_allowance=4 * MAX_DECODED_STREAM, max_ratio=2),
    )


def _check_signature(
    data: bytes, signature: Any, trusted: Sequence[bytes], verdict: Verdict, now: dt.datetime
) -> bool:
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    roots = [asn1_x509.Certificate.load(der) for der in trusted]
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    # pyHanko applies this only when the signer's certificate is not itself the trust anchor;
    # _check_signer applies the same rule to every signer certificate
    usage = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"})
    try:
        status = validate_pdf_signature(signature, context, key_usage_settings=usage)
    except Exception as exc:  # damaged signature dictionaries and byte ranges end up here
        verdict.add(
            "signature",
            Outcome.failed,
            "verify.unreadable",
            reason=_detail(exc),
        )
        return False
    chain = _chain(status, signature)
    # named even when the check fails, so a receipt says whose report was altered (as a claim)
    verdict.signer, verdict.signed_at = _signer_name(chain[0].subject), status.signer_reported_dt
    if not (status.intact and status.valid) or not _padding_is_clean(data, signature):
        verdict.add("signature", Outcome.failed, "verify.broken")
        return False
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        change = getattr(status.modification_level, "name", "OTHER")
        verdict.add("signature", Outcome.failed, "verify.partial", change=_change_phrase(change))
        return False
    when = _local(status.signer_reported_dt) if status.signer_reported_dt else "-"
    verdict.add(
        "signature", Outcome.passed, "verify.intact", signer=_signer_label(chain), time=when
    )
    verdict.test_certificate = _is_test(chain)
    _check_signer(status, chain, roots, verdict, now)
    return True


# pyHanko's modification levels (what was appended after signing), in plain words
CHANGES = frozenset({"NONE", "LTA_UPDATES", "FORM_FILLING", "ANNOTATIONS", "OTHER"})


def _change_phrase(level: str) -> Phrase:
    return phrase(f"verify.change.{(level if level in CHANGES else 'OTHER').lower()}")


def _detail(exc: Exception) -> str:
    """The library's own words, printable and short, for a technical-detail bracket (the message
    around it says in plain words what went wrong)."""
    return printable_line(str(exc) or type(exc).__name__)[:200]


def _chain(status: Any, signature: Any) -> list[Any]:
    """The signer's certificate first, then every other certificate the path or the signature holds
    (as cryptography objects)."""
    from cryptography import x509

    certs = [status.signing_cert]
    if status.validation_path is not None:
        certs += list(status.validation_path.iter_certs(include_root=True))
    certs += list(signature.other_embedded_certs)
    unique = {cert.dump(): None for cert in certs}  # keeps the order, the signer first
    return [x509.load_der_x509_certificate(der) for der in unique]


def _is_test(chain: list[Any]) -> bool:
    from maturity.keys import is_test_certificate

    return is_test_certificate([n for cert in chain for n in (cert.subject, cert.issuer)])


def _signer_label(chain: list[Any]) -> dict[str, str]:
    """The signer's name, marked when any certificate of the chain is (or was issued by) a keygen
    TEST certificate."""
    name = _signer_name(chain[0].subject)
    if not _is_test(chain):
        return dict.fromkeys(LANGS, name)
    return {lang: f"{name} [{msg('verify.test_marker', lang)}]" for lang in LANGS}


def _check_signer(
    status: Any, chain: list[Any], roots: list[Any], verdict: Verdict, now: dt.datetime
) -> None:
    """The certificate could sign when it did, every issuer in the path is a CA, and it chains to a
    trusted one.

    The moment is the signing time in the signed attributes (the signer's claim: there is no
    trusted timestamp); a certificate expired since then still verifies, but not as trusted.
    """
    from maturity.keys import unfit_to_sign

    signed_at = status.signer_reported_dt or now
    leaf = chain[0]
    if signed_at > now + CLOCK_SKEW:
        verdict.add("trust", Outcome.failed, "verify.signed_in_future", time=_local(signed_at))
        return
    unfit = unfit_to_sign(leaf, signed_at)
    if unfit is not None:
        verdict.add(
            "trust", Outcome.failed, f"verify.cert_{unfit[0]}", time=_local(signed_at), **unfit[1]
        )
        return
    issuer = _non_ca_issuer(chain)
    if issuer is not None:
        verdict.add("trust", Outcome.failed, "verify.issuer_not_ca", issuer=issuer)
    elif leaf.not_valid_after_utc < now:
        verdict.add(
            "trust",
            Outcome.untrusted,
            "verify.expired_since",
            date=leaf.not_valid_after_utc.date().isoformat(),
        )
    elif status.trusted:
        verdict.anchor = _anchor(chain, roots)
        verdict.add("trust", Outcome.passed, "verify.trusted")
    else:
        reason = (
            _trust_reason(status, chain[0], roots) if roots else phrase("verify.no_trust_given")
        )
        verdict.add("trust", Outcome.untrusted, "verify.untrusted", reason=reason)


def _anchor(chain: list[Any], roots: list[Any]) -> Anchor | None:
    """The first certificate of the chain that was given with --trust."""
    from cryptography.hazmat.primitives.serialization import Encoding

    given = {root.dump() for root in roots}
    for cert in chain:
        der = cert.public_bytes(Encoding.DER)
        if der in given:
            return Anchor(_signer_name(cert.subject), hashlib.sha256(der).hexdigest())
    return None


def _non_ca_issuer(chain: list[Any]) -> str | None:
    """The name of a certificate of the chain that issued another one without being a CA, or None.

    certvalidator does not look at a trust anchor's own extensions, so without this a keygen TEST
    certificate (not a CA) given with --trust could vouch for a certificate it issued.
    """
    from cryptography import x509

    for cert in chain[1:]:
        issued = any(other is not cert and other.issuer == cert.subject for other in chain)
        try:
            is_ca = cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
        except x509.ExtensionNotFound:
            is_ca = False
        if issued and not is_ca:
            return _signer_name(cert.subject)
    return None


def _local(moment: dt.datetime) -> str:
    return local_time(moment)


def _padding_is_clean(data: bytes, signature: Any) -> bool:
    """The signature value is followed only by the zero padding the signer reserved, written as '0'
    digits.

    /Contents is outside the signed byte range and pyHanko ignores what follows the CMS
    structure in it (and a PDF hex string may hold whitespace, which its parser skips), so the
    raw bytes of the gap between the two signed ranges are checked: '<', the hex digits of the
    signature value, nothing but '0' up to '>'.
    """
    from asn1crypto.parser import parse

    try:
        start, length, end = (int(x) for x in list(signature.sig_object["/ByteRange"])[:3])
        raw = data[start + length : end]
        contents = bytes(signature.sig_object["/Contents"])
        _, _, _, header, body, trailer = parse(contents)
    except Exception:  # malformed value: the signature check itself reports it
        return False
    digits = 2 * (len(header) + len(body) + len(trailer))
    if raw[:1] != b"<" or raw[-1:] != b">":
        return False
    value, padding = raw[1 : 1 + digits], raw[1 + digits : -1]
    return _HEX.fullmatch(value) is not None and padding == b"0" * len(padding)


def _signer_name(subject: Any) -> str:
    """'Wang Lixin (Example Assessors; Example Org)': the common name first, then organisation
    units; control characters escaped."""
    from cryptography.x509.oid import NameOID

    def first(oid: Any) -> str:
        values = subject.get_attributes_for_oid(oid)
        return printable_line(str(values[0].value)) if values else ""

    rest = [
        v for v in (first(NameOID.ORGANIZATIONAL_UNIT_NAME), first(NameOID.ORGANIZATION_NAME)) if v
    ]
    name = first(NameOID.COMMON_NAME)
    if not name:
        return ", ".join(rest) or "?"
    return f"{name} ({'; '.join(rest)})" if rest else name


# pyHanko's AdES indications (why a chain is not trusted), grouped into what a reader can act on;
# a chain that leads nowhere is said precisely by verify.wrong_trust
INDICATIONS = {
    "revoked": ("REVOKED_NO_POE", "REVOKED_CA_NO_POE", "REVOKED"),
    "time": (
        "EXPIRED",
        "NOT_YET_VALID",
        "OUT_OF_BOUNDS_NO_POE",
        "OUT_OF_BOUNDS_NOT_REVOKED",
        "REVOCATION_OUT_OF_BOUNDS_NO_POE",
        "NO_POE",
        "TIMESTAMP_ORDER_FAILURE",
    ),
    "crypto": (
        "CRYPTO_CONSTRAINTS_FAILURE",
        "CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
        "SIG_CRYPTO_FAILURE",
        "HASH_FAILURE",
    ),
    "try_later": ("TRY_LATER",),
    "policy": (
        "SIG_CONSTRAINTS_FAILURE",
        "POLICY_PROCESSING_ERROR",
        "SIGNATURE_POLICY_NOT_AVAILABLE",
        "FORMAT_FAILURE",
        "SIGNED_DATA_NOT_FOUND",
        "GENERIC",
    ),
}
_INDICATION_KEY = {name: group for group, names in INDICATIONS.items() for name in names}


def _trust_reason(status: Any, leaf: Any, roots: list[Any]) -> Phrase | dict[str, str]:
    """Why the chain is not trusted, in words: for a chain that does not reach what was trusted,
    who signed, who issued, and what was trusted."""
    indication = getattr(getattr(status, "trust_problem_indic", None), "name", "")
    group = _INDICATION_KEY.get(indication)
    if group is not None:
        return phrase(f"verify.indic.{group}")
    from cryptography import x509

    trusted = [x509.load_der_x509_certificate(root.dump()).subject for root in roots]
    names = {
        "signer": _signer_name(leaf.subject),
        "trusted": "; ".join(_signer_name(name) for name in trusted),
    }
    self_signed = leaf.issuer == leaf.subject
    return {
        lang: msg(
            "verify.wrong_trust",
            lang,
            issuer=msg("verify.self_signed", lang) if self_signed else _signer_name(leaf.issuer),
            **names,
        )
        for lang in LANGS
    }


def _attachments(reader: Any) -> dict[str, bytes]:
    """The embedded files maturity signs, by name (the first of a name); others are not decoded."""
    from pyhanko.pdf_utils.misc import PdfDecodeLimitError

    out: dict[str, bytes] = {}
    try:
        names = list(reader.root["/Names"]["/EmbeddedFiles"]["/Names"])
    except Exception:  # no attachments, or no readable name tree: the rescore reports them missing
        return out
    for index in range(0, len(names) - 1, 2):
        name = str(names[index])
        if name not in _SIGNED_FILES or name in out:
            continue
        try:
            out[name] = names[index + 1].get_object()["/EF"]["/F"].get_object().data
        except PdfDecodeLimitError:
            raise _Unreadable(
                "verify.attachment_too_large", name=name, limit=MAX_DECODED_STREAM // (1024 * 1024)
            ) from None
        except Exception as exc:  # a damaged stream or file specification
            raise _Unreadable(
                "verify.attachment_unreadable",
                name=name,
                reason=_detail(exc),
            ) from None
    return out


def _check_rescore(
    reader: Any, signature: Any, files: dict[str, bytes], assessor: Scorer, verdict: Verdict
) -> None:
    missing = [name for name in (ANSWERS, RESULT, RULES) if name not in files]
    if missing:
        verdict.add("rescore", Outcome.failed, "verify.missing_attachment", name=", ".join(missing))
        return
    try:
        loaded, rules, fresh = assessor.assess_bytes(
            files[ANSWERS], f"<report>/{ANSWERS}", files[RULES], f"<report>/{RULES}"
        )
        claimed = AssessmentResult.model_validate_json(files[RESULT])
    except MaturityError as exc:
        verdict.add(
            "rescore",
            Outcome.failed,
            "verify.rescore_failed",
            reason={lang: exc.problems[0].render(lang) for lang in ("zh", "en")},
        )
        return
    except ValueError as exc:  # the embedded result is not valid maturity-result JSON
        verdict.add(
            "rescore", Outcome.failed, "verify.rescore_failed", reason=str(exc).splitlines()[0]
        )
        return
    _check_rules(rules, loaded.questionnaire, verdict)
    verdict.assessor = loaded.answers.assessment.assessor
    verdict.assessed = AssessedFacts(
        fresh.organisation.name,
        fresh.assessment.mode,
        fresh.assessment.date,
        fresh.level,
        fresh.score,
    )
    verdict.evidence = evidence_entries(loaded.answers)
    accreditation = verdict.assessor.accreditation if verdict.assessor else None
    box = (fresh.level, fresh.score, hashlib.sha256(files[ANSWERS]).hexdigest(), accreditation)
    lines = _stamp_lines(signature)
    expected = stamp_lines(*box, verdict.test_certificate, fresh.organisation.name)
    old_box = _box_matches(lines, stamp_lines(*box, verdict.test_certificate))
    problem = _rescore_problem(reader, fresh, claimed)
    if problem is None and not old_box:
        problem = _stamp_problem(lines, expected, fresh.organisation.name)
    if problem is not None:
        verdict.add("rescore", Outcome.failed, problem[0], **problem[1])
        return
    verdict.add(
        "rescore",
        Outcome.passed,
        "verify.rescored_old_box" if old_box else "verify.rescored",
        level=fresh.level,
        score=fmt_score(fresh.score),
    )


def _rescore_problem(
    reader: Any, fresh: AssessmentResult, claimed: AssessmentResult
) -> tuple[str, dict[str, object]] | None:
    """Where the embedded result or the PDF metadata disagree with the rescore."""
    a = fresh.model_dump(mode="json", exclude={"tool_version"})
    b = claimed.model_dump(mode="json", exclude={"tool_version"})
    for key in a:
        if a[key] != b.get(key):
            return "verify.rescore_differs", {
                "field": key,
                "expected": _short(a[key]),
                "got": _short(b.get(key)),
            }
    printed = _info(reader, "/maturitylevel")
    if printed != str(fresh.level):
        return "verify.level_printed_differs", {"printed": printed or "-", "level": fresh.level}
    return None


def _box_matches(lines: list[str] | None, expected: list[str]) -> bool:
    """The box holds exactly ``expected`` and pyHanko's signing time: nothing added or changed."""
    return lines is not None and len(lines) == len(expected) + 1 and lines[:-1] == expected


def _stamp_problem(
    lines: list[str] | None, expected: list[str], firm: str
) -> tuple[str, dict[str, object]] | None:
    """Where the signature box disagrees with the rescore: the firm it names, or anything else."""
    if _box_matches(lines, expected):
        return None
    named = lines is not None and len(lines) > 1 and lines[1].startswith("Org:")
    if named and lines and _box_matches([lines[0], expected[1], *lines[2:]], expected):
        shown = printable_line(lines[1].removeprefix("Org:").strip())
        return "verify.org_differs", {"box": shown[:60], "firm": printable_line(firm)}
    return "verify.stamp_differs", {
        "expected": expected[2],  # the level and score line
        "got": _short(" / ".join(lines or ["-"])),
    }


def _stamp_lines(signature: Any) -> list[str] | None:
    """The text lines of the visible signature box (its appearance stream), or None if it has
    none."""
    try:
        appearance = signature.sig_field["/AP"]["/N"].get_object()
        return [_unescape(m.group(1)) for m in _SHOWN_TEXT.finditer(appearance.data)]
    except Exception:  # no box, or a damaged one: the caller reports it
        return None


# a literal string shown with Tj, as pyHanko's stamp writes its lines
_SHOWN_TEXT = re.compile(rb"\(((?:[^()\\]|\\.)*)\)\s*Tj", re.DOTALL)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.DOTALL)
_ESCAPED = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(literal: bytes) -> str:
    def one(match: re.Match[bytes]) -> bytes:
        code = match.group(1)
        return bytes([int(code, 8) & 0xFF]) if code[:1].isdigit() else _ESCAPED.get(code, code)

    return _ESCAPE.sub(one, literal).decode("latin-1")


def _check_rules(embedded: LoadedRules, questionnaire: Questionnaire, verdict: Verdict) -> None:
    """The embedded rules are the installed rules of the same id and version, byte for byte."""
    label = f"{embedded.rules.id} {embedded.rules.version}"
    installed = _installed_rules(embedded, questionnaire)
    if installed is None:
        verdict.add("rules", Outcome.untrusted, "verify.rules_unknown", rules=label)
    elif installed != embedded.sha256:
        verdict.add("rules", Outcome.failed, "verify.rules_differ", rules=label)
    else:
        verdict.add(
            "rules",
            Outcome.passed,
            "verify.rules_installed",
            rules=label,
            sha256=embedded.sha256[:16],
        )


def _installed_rules(embedded: LoadedRules, questionnaire: Questionnaire) -> str | None:
    """The sha256 of the installed rules file with the embedded rules' id and version, or None if
    there is none."""
    for path in installed_rules_paths(questionnaire):
        try:
            raw = path.read_bytes()
            digest = hashlib.sha256(raw).hexdigest()
            if digest == embedded.sha256:  # the usual case: no need to parse
                return digest
            rules = parse_rules(raw, str(path), questionnaire).rules
        except (OSError, MaturityError):
            continue
        if (rules.id, rules.version) == (embedded.rules.id, embedded.rules.version):
            return digest
    return None


def _info(reader: Any, key: str) -> str | None:
    try:
        value = reader.trailer["/Info"].get(key)
    except (KeyError, AttributeError, TypeError):
        return None
    return None if value is None else str(value)


def _short(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def _check_evidence(files: dict[str, bytes], folders: list[Path], verdict: Verdict) -> None:
    try:
        listed = json.loads(files[MANIFEST])["files"] if MANIFEST in files else []
        if not isinstance(listed, list):
            raise TypeError(MANIFEST)
    except (ValueError, KeyError, TypeError):
        verdict.add("evidence", Outcome.failed, "verify.missing_attachment", name=MANIFEST)
        return
    if not _well_formed(listed, verdict) or (
        folders and not _files_match(listed, folders, verdict)
    ):
        return
    attached = {(str(e.get("requirement")), str(e["path"])) for e in listed}
    missing = len(unattached(verdict.evidence, attached))
    if missing:  # signed with --allow-missing-evidence: say how much is missing, not "none"
        verdict.add(
            "evidence",
            Outcome.incomplete,
            "verify.evidence_incomplete",
            named=len(listed) + missing,
            attached=len(listed),
        )
    elif not listed:
        verdict.add("evidence", Outcome.skipped, "verify.evidence_none")
    elif not folders:
        verdict.add("evidence", Outcome.skipped, "verify.evidence_skipped", count=len(listed))
    else:
        verdict.add("evidence", Outcome.passed, "verify.evidence_ok", count=len(listed))


def _well_formed(listed: list[Any], verdict: Verdict) -> bool:
    """Whether every manifest entry has a plausible path and a sha256; if not, says so."""
    for entry in listed:
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("path"), str)
            or not isinstance(entry.get("sha256"), str)
        ):
            verdict.add("evidence", Outcome.failed, "verify.missing_attachment", name=MANIFEST)
            return False
        if not _plausible_path(entry["path"]):  # NUL, control characters, absurd lengths
            verdict.add(
                "evidence",
                Outcome.failed,
                "verify.bad_manifest_path",
                path=_short(printable_line(entry["path"])),
            )
            return False
    return True


def _files_match(listed: list[Any], folders: list[Path], verdict: Verdict) -> bool:
    """Whether every file in the manifest is in ``folders`` with its sha256; if not, says so."""
    for entry in listed:
        digest = _file_sha256(entry["path"], folders)
        if digest is None:  # a manifest may not point outside the folders
            verdict.add(
                "evidence",
                Outcome.failed,
                "verify.evidence_missing",
                path=entry["path"],
                dir=", ".join(str(f) for f in folders),
            )
            return False
        if digest != entry["sha256"]:
            verdict.add("evidence", Outcome.failed, "verify.evidence_differs", path=entry["path"])
            return False
    return True


def _plausible_path(path: str) -> bool:
    parts = re.split(r"[\\/]", path)
    return (
        0 < len(path) <= MAX_MANIFEST_PATH
        and first_control(path) is None
        and all(len(p.encode("utf-8", "replace")) <= 255 for p in parts)
    )


def _file_sha256(entry: str, folders: list[Path]) -> str | None:
    """sha256 of the file ``entry`` names at or below one of ``folders``, read in chunks (evidence
    can be large), or None."""
    try:
        found = find_evidence(entry, folders)
        return file_sha256(found)[0] if found is not None else None
    except (InputError, OSError):  # missing, a FIFO or device, unreadable: not the evidence listed
        return None
