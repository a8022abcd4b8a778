"""Signed reports against a red team: bad certificates, TEST chains, doctored rules and boxes, hostile PDFs.

Bad certificates are made with ``cryptography`` and used through ``sign_pdf`` with hand-made
Credentials, which skips the checks ``load_p12`` does before signing (as a forger would).
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from typer.testing import CliRunner

from maturity.cli import app
from maturity.errors import ExitCode
from maturity.keys import (
    TEST_ORGANISATION,
    Credentials,
    is_test_certificate,
    load_p12,
    make_test_credentials,
)
from maturity.questionnaire import Catalog
from maturity.schema.answers import AnswerFile
from maturity.sign import Attachment, org_line, sign_pdf, stamp_lines, stamp_text
from maturity.verify import Verdict, verify_pdf
from tests.conftest import MINI, answer_doc, score_file, write_yaml

PASS = "correct horse"
NOW = dt.datetime.now(dt.UTC)
DAY = dt.timedelta(days=1)
pytestmark = pytest.mark.slow

Key = ec.EllipticCurvePrivateKey


def make_cert(
    cn: str,
    start: dt.datetime,
    days: int,
    *,
    ca: bool = False,
    usage: Sequence[str] = ("digital_signature", "content_commitment"),
    eku: Sequence[x509.ObjectIdentifier] = (),
    issuer: tuple[Key, x509.Certificate] | None = None,
    org: str | None = None,
) -> tuple[Key, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
            *([x509.NameAttribute(NameOID.ORGANIZATION_NAME, org)] if org else []),
        ]
    )
    flags = dict.fromkeys(
        [
            "digital_signature",
            "content_commitment",
            "key_encipherment",
            "data_encipherment",
            "key_agreement",
            "key_cert_sign",
            "crl_sign",
            "encipher_only",
            "decipher_only",
        ],
        False,
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer[1].subject if issuer else name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(**{**flags, **dict.fromkeys(usage, True)}), critical=True)
    )
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(list(eku)), critical=False)
    return key, builder.sign(issuer[0] if issuer else key, hashes.SHA256())


def der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def credentials(
    key: Key, cert: x509.Certificate, chain: Sequence[x509.Certificate] = ()
) -> Credentials:
    key_der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return Credentials(
        Path("forged.p12"),
        cert,
        cert.subject.rfc4514_string(),
        key_der,
        tuple(der(c) for c in chain),
    )


@dataclass
class Report:
    """An unsigned MINI report and the files signing embeds, as the report command makes them."""

    pdf: bytes
    answers: bytes
    result: bytes
    rules: bytes
    level: int
    score: float
    answers_sha256: str
    organisation: str

    def stamp(
        self,
        cert: x509.Certificate,
        chain: Sequence[x509.Certificate] = (),
        organisation: str | None = "",
    ) -> str:
        """The signature box the report command writes for this signer (no accreditation); with
        ``organisation`` None, the box of reports signed before it named the firm."""
        names = [n for c in (cert, *chain) for n in (c.subject, c.issuer)]
        firm = self.organisation if organisation == "" else organisation
        test = is_test_certificate(names)
        return stamp_text(
            stamp_lines(self.level, self.score, self.answers_sha256, None, test, firm)
        )

    def sign(
        self,
        key: Key,
        cert: x509.Certificate,
        chain: Sequence[x509.Certificate] = (),
        stamp: str | None = None,
        files: dict[str, bytes] | None = None,
        pdf: bytes | None = None,
    ) -> bytes:
        """Sign like the report command, with ``files`` replacing embedded files (an empty dict: none at all)."""
        embedded = {
            "answers.yaml": self.answers,
            "result.json": self.result,
            "rules.yaml": self.rules,
        }
        embedded |= {"evidence-manifest.json": b'{"format": "maturity-evidence/1", "files": []}\n'}
        embedded = {} if files == {} else embedded | (files or {})
        attachments = [
            Attachment(name, data, "application/octet-stream", "")
            for name, data in embedded.items()
        ]
        text = stamp or self.stamp(cert, chain)
        return sign_pdf(
            pdf or self.pdf,
            credentials(key, cert, chain),
            attachments,
            reason="test",
            stamp_text=text,
        )


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    import hashlib

    from maturity.questionnaire import load_questionnaire

    q = load_questionnaire(MINI)
    doc = answer_doc(q, {r.id: "full" for r in q.requirements if r.level <= 2})
    path = write_yaml(tmp_path_factory.mktemp("hardening") / "answers.yaml", doc)
    scored = score_file(path, [MINI])
    loaded, rules, result = scored.loaded, scored.rules, scored.result
    pdf = scored.pdf()
    sha = hashlib.sha256(loaded.raw).hexdigest()
    return Report(
        pdf,
        loaded.raw,
        result.model_dump_json().encode(),
        rules.raw,
        result.level,
        result.score,
        sha,
        result.organisation.name,
    )


def verify(
    data: bytes,
    trust: Sequence[x509.Certificate],
    evidence: Path | None = None,
    now: dt.datetime | None = None,
) -> Verdict:
    return verify_pdf(data, [der(c) for c in trust], Catalog([MINI]), evidence, now)


def check(verdict: Verdict, name: str) -> tuple[str, str]:
    (found,) = [c for c in verdict.checks if c.name == name]
    return found.outcome.value, found.message.text("en")


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app,
        ["--questionnaires", str(MINI), *args],
        env={"MATURITY_P12_PASSWORD": PASS, **(env or {})},
    )
    return result.exit_code, result.stdout, result.stderr


SIGNED_AT = r"at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00"
EXPIRED_LONG_AGO = (NOW - dt.timedelta(days=400), 30)  # expired 370 days before signing


# --- item 3: certificates that could not sign, even when the trust anchor is the signer itself -----------


@pytest.mark.parametrize(
    ("start", "days", "usage", "message"),
    [
        (
            *EXPIRED_LONG_AGO,
            ("digital_signature",),
            "the signer's certificate expired on {after}, before the signing time ",
        ),
        (
            dt.datetime(2028, 1, 1, tzinfo=dt.UTC),
            30,
            ("digital_signature",),
            "the signer's certificate is valid only from 2028-01-01",
        ),
        (
            NOW - DAY,
            30,
            ("key_encipherment",),
            "the signer's certificate does not allow signing (key usage needs digitalSignature",
        ),
    ],
)
def test_invalid_self_signed_certificate_fails_when_trusted_directly(
    report: Report, start: dt.datetime, days: int, usage: tuple[str, ...], message: str
) -> None:
    key, cert = make_cert("Bad Assessor", start, days, usage=usage)
    verdict = verify(report.sign(key, cert), [cert])
    outcome, text = check(verdict, "trust")
    assert outcome == "failed"
    assert text.startswith(message.format(after=cert.not_valid_after_utc.date().isoformat())), text
    assert verdict.exit_code == ExitCode.NOT_VERIFIED


def test_expired_ca_issued_leaf_fails_whether_the_leaf_or_the_ca_is_trusted(report: Report) -> None:
    ca = make_cert("Assessors CA", NOW - 1000 * DAY, 3000, ca=True, usage=("key_cert_sign",))
    key, leaf = make_cert("Old Assessor", *EXPIRED_LONG_AGO, issuer=ca)
    signed = report.sign(key, leaf, [ca[1]])
    for anchor in (leaf, ca[1]):
        verdict = verify(signed, [anchor])
        outcome, text = check(verdict, "trust")
        assert outcome == "failed"
        assert re.fullmatch(
            f"the signer's certificate expired on {leaf.not_valid_after_utc.date()}, before the signing time .*: it could not sign.",
            text,
        )
        assert verdict.exit_code == ExitCode.NOT_VERIFIED


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"ca": True},
            "the signer's certificate is a CA certificate (CA:TRUE); a report must be signed with an end-entity certificate.",
        ),
        (
            {"eku": [ExtendedKeyUsageOID.SERVER_AUTH]},
            "the signer's certificate's extended key usage does not allow signing documents.",
        ),
    ],
)
def test_ca_or_server_certificate_cannot_sign(
    report: Report, kwargs: dict[str, object], message: str
) -> None:
    key, cert = make_cert("Server", NOW - DAY, 30, **kwargs)  # type: ignore[arg-type]
    verdict = verify(report.sign(key, cert), [cert])
    assert check(verdict, "trust") == ("failed", message)


def test_good_certificate_with_document_signing_purpose_verifies(report: Report) -> None:
    key, cert = make_cert(
        "Good Assessor", NOW - DAY, 30, eku=[ExtendedKeyUsageOID.EMAIL_PROTECTION]
    )
    verdict = verify(report.sign(key, cert), [cert])
    assert verdict.exit_code == ExitCode.OK, [c.message.text("en") for c in verdict.checks]


def test_certificate_expired_after_signing_is_untrusted_not_failed(report: Report) -> None:
    key, cert = make_cert("Assessor", NOW - DAY, 30)
    signed = report.sign(key, cert)
    later = verify(signed, [cert], now=NOW + 60 * DAY)
    assert check(later, "trust") == (
        "untrusted",
        f"intact, but the signer's certificate expired on {cert.not_valid_after_utc.date()}, after signing; "
        "without a trusted timestamp the signing time is only the signer's claim.",
    )
    assert later.exit_code == ExitCode.UNTRUSTED
    earlier = verify(
        signed, [cert], now=NOW - 2 * DAY
    )  # the signature claims a time two days ahead
    assert check(earlier, "trust")[1].startswith("the signing time ")
    assert earlier.exit_code == ExitCode.NOT_VERIFIED


def test_verify_command_says_why(report: Report, tmp_path: Path) -> None:
    key, cert = make_cert("Bad Assessor", *EXPIRED_LONG_AGO)
    (tmp_path / "r.pdf").write_bytes(report.sign(key, cert))
    (tmp_path / "c.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    code, out, _ = invoke(
        "verify", str(tmp_path / "r.pdf"), "--trust", str(tmp_path / "c.pem"), "--lang", "en"
    )
    assert code == ExitCode.NOT_VERIFIED
    assert (
        f"the signer's certificate expired on {cert.not_valid_after_utc.date()}, before the signing time"
        in " ".join(out.split())
    )


def test_signing_refuses_a_certificate_that_cannot_sign(tmp_path: Path) -> None:
    key, cert = make_cert("Encryption Only", NOW - DAY, 30, usage=("key_encipherment",))
    path = tmp_path / "enc.p12"
    path.write_bytes(
        serialization.pkcs12.serialize_key_and_certificates(
            b"x", key, cert, None, serialization.BestAvailableEncryption(b"pw")
        )
    )
    with pytest.raises(Exception) as caught:
        load_p12(path, b"pw")
    assert caught.value.problems[0].text("en") == (  # type: ignore[attr-defined]
        "the certificate does not allow signing (its key usage has neither digitalSignature nor nonRepudiation)."
    )


# --- item 4: keygen certificates are leaves; the TEST marker survives chains built on them ---------------


def keygen_pair() -> tuple[Key, x509.Certificate]:
    p12, _ = make_test_credentials("Test Assessor", None, b"pw")
    key, cert, _ = serialization.pkcs12.load_key_and_certificates(p12, b"pw")
    assert isinstance(key, ec.EllipticCurvePrivateKey) and cert is not None
    return key, cert


def test_keygen_certificate_is_leaf_only() -> None:
    _, cert = keygen_pair()
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is False
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert (
        usage.digital_signature,
        usage.content_commitment,
        usage.key_cert_sign,
        usage.crl_sign,
    ) == (True, True, False, False)


def test_test_key_cannot_vouch_for_a_bureau(report: Report) -> None:
    test = keygen_pair()
    key, bureau = make_cert(
        "Official Provincial Bureau", NOW - DAY, 30, org="Provincial Bureau", issuer=test
    )
    verdict = verify(report.sign(key, bureau, [test[1]]), [test[1]])  # --trust test-assessor.pem
    assert check(verdict, "trust") == (
        "failed",
        f"Test Assessor ({TEST_ORGANISATION}) issued a certificate in the chain but is not a CA: the chain is invalid.",
    )
    assert (
        "[maturity TEST certificate in the chain, not for real use]"
        in check(verdict, "signature")[1]
    )
    assert verdict.exit_code == ExitCode.NOT_VERIFIED


@pytest.mark.parametrize("embed_issuer", [True, False])
def test_test_marker_shows_when_the_bureau_certificate_is_trusted_directly(
    report: Report, embed_issuer: bool
) -> None:
    old_style_test = make_cert(
        "Test Assessor",
        NOW - DAY,
        365,
        ca=True,
        org=TEST_ORGANISATION,
        usage=("digital_signature", "key_cert_sign"),
    )
    key, bureau = make_cert(
        "Official Provincial Bureau", NOW - DAY, 30, org="Provincial Bureau", issuer=old_style_test
    )
    signed = report.sign(key, bureau, [old_style_test[1]] if embed_issuer else [])
    for anchor in (bureau, old_style_test[1]):
        verdict = verify(signed, [anchor])
        assert check(verdict, "signature")[1].startswith(
            "intact and covering the whole file; signed by Official Provincial Bureau (Provincial Bureau) "
            "[maturity TEST certificate in the chain, not for real use] at "
        )


# --- item 5: doctored rules and a signature box that does not state the rescore ----------------------------


def test_doctored_rules_under_the_official_id_fail(report: Report) -> None:
    from maturity.questionnaire import load_questionnaire
    from maturity.rules import parse_rules
    from maturity.scoring import score

    key, cert = make_cert("Assessor", NOW - DAY, 30)
    doctored = report.rules + b"\n# lowered bands, same id and version\n"
    signed = report.sign(key, cert, files={"rules.yaml": doctored})
    verdict = verify(signed, [cert])
    rules = parse_rules(doctored, "x", load_questionnaire(MINI)).rules
    label = f"{rules.id} {rules.version}"
    assert check(verdict, "rules") == (
        "failed",
        f"rules differ from the installed rules {label}: the level was computed with changed rules under the official id and version.",
    )
    assert verdict.exit_code == ExitCode.NOT_VERIFIED
    renamed = report.rules.replace(f"id: {rules.id}".encode(), b"id: lenient-rules", 1)
    assert renamed != report.rules
    answers = report.answers
    result = score(
        load_questionnaire(MINI),
        parse_rules(renamed, "x", load_questionnaire(MINI)),
        _answers(answers),
    )
    verdict = verify(
        report.sign(
            key,
            cert,
            files={"rules.yaml": renamed, "result.json": result.model_dump_json().encode()},
        ),
        [cert],
    )
    assert check(verdict, "rules")[0] == "untrusted"
    assert verdict.exit_code == ExitCode.UNTRUSTED


def _answers(raw: bytes) -> AnswerFile:
    from maturity.answers import parse_answers

    return parse_answers(raw, "answers.yaml", Catalog([MINI]).load).answers


@pytest.mark.parametrize("stamp", ["wrong level", "extra line"])
def test_signature_box_must_state_the_rescore(report: Report, stamp: str) -> None:
    key, cert = make_cert("Assessor", NOW - DAY, 30)
    text = report.stamp(cert)
    text = (
        text.replace(f"Level {report.level},", "Level 5,")
        if stamp == "wrong level"
        else text + "\nLevel 5"
    )
    verdict = verify(report.sign(key, cert, stamp=text), [cert])
    outcome, message = check(verdict, "rescore")
    assert outcome == "failed"
    assert message.startswith(
        f'the signature box does not state the rescored result "Level {report.level}, score {report.score:.2f}"'
    )


# --- item 15: the /Contents padding is zeros, byte for byte -------------------------------------------------


@pytest.mark.parametrize("byte", [b" ", b"\n", b"\x00"])
def test_changed_padding_byte_is_detected(report: Report, byte: bytes) -> None:
    key, cert = make_cert("Assessor", NOW - DAY, 30)
    signed = report.sign(key, cert)
    contents = re.search(rb"/Contents <([0-9a-fA-F]+)>", signed)
    assert contents
    end = contents.end(1)
    assert signed[end - 10 : end] == b"0" * 10
    tampered = signed[: end - 5] + byte + signed[end - 4 :]
    assert verify(signed, [cert]).exit_code == ExitCode.OK
    verdict = verify(tampered, [cert])
    assert check(verdict, "signature") == (
        "failed",
        "broken: the content was changed after signing.",
    )


# --- item 17: hostile PDFs end in a failed check with bounded memory ---------------------------------------


def bomb_pdf(report: Report, key: Key, cert: x509.Certificate, megabytes: int) -> bytes:
    """A signed report whose only attachment, answers.yaml, inflates to ``megabytes`` MB of zeros."""
    from pyhanko.pdf_utils import embed, generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    deflate = zlib.compressobj(9)
    chunk = bytes(1024 * 1024)
    compressed = b"".join(deflate.compress(chunk) for _ in range(megabytes)) + deflate.flush()
    writer = IncrementalPdfFileWriter(BytesIO(report.pdf))
    stream = embed.EmbeddedFileObject(writer, encoded_data=compressed)
    stream["/Filter"] = generic.NameObject("/FlateDecode")
    embed.embed_file(writer, embed.FileSpec(file_spec_string="answers.yaml", embedded_data=stream))
    out = BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return report.sign(key, cert, files={}, pdf=out.getvalue())


# Runs maturity and writes its peak memory (VmHWM, KiB) to the file named first: rusage would count the
# memory of the forking test process too, as Linux keeps the high-water mark across exec
PEAK_WRAPPER = """
import atexit, re, runpy, sys
out = sys.argv.pop(1)
atexit.register(lambda: open(out, "w").write(re.search(r"VmHWM:\\s*(\\d+)", open("/proc/self/status").read()).group(1)))
runpy.run_module("maturity", run_name="__main__")
"""


def run_measured(args: list[str], peak_file: Path) -> tuple[int, str, int]:
    """Exit code, standard output and peak memory (KiB) of ``maturity ARGS`` in a child process."""
    done = subprocess.run(
        [sys.executable, "-c", PEAK_WRAPPER, str(peak_file), *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, done.stdout, int(peak_file.read_text())


def test_decompression_bomb_is_refused_with_bounded_memory(report: Report, tmp_path: Path) -> None:
    key, cert = make_cert("Assessor", NOW - DAY, 30)
    (tmp_path / "bomb.pdf").write_bytes(bomb_pdf(report, key, cert, 300))
    (tmp_path / "c.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    args = [
        "verify",
        str(tmp_path / "bomb.pdf"),
        "--trust",
        str(tmp_path / "c.pem"),
        "--lang",
        "en",
    ]
    code, out, peak = run_measured(args, tmp_path / "peak")
    assert code == ExitCode.NOT_VERIFIED, out
    assert "the embedded file answers.yaml decodes to more than 16 MB; it is not read." in " ".join(
        out.split()
    )
    assert peak < 160 * 1024  # KiB: far below the 300 MB the attachment would inflate to


@pytest.mark.parametrize(
    "path", ["evidence/a\x00b.pdf", "e/" + "x" * 6000 + ".pdf", "a/" + "y" * 300 + "/b.pdf"]
)
def test_hostile_manifest_path_is_a_failed_check(report: Report, tmp_path: Path, path: str) -> None:
    import json

    key, cert = make_cert("Assessor", NOW - DAY, 30)
    manifest = {
        "format": "maturity-evidence/1",
        "files": [{"requirement": "a.1.01", "path": path, "sha256": "0" * 64, "size": 1}],
    }
    signed = report.sign(key, cert, files={"evidence-manifest.json": json.dumps(manifest).encode()})
    verdict = verify(signed, [cert], evidence=tmp_path)
    outcome, message = check(verdict, "evidence")
    assert outcome == "failed"
    assert message.startswith("the evidence manifest names an impossible file path: ")
    assert "\x00" not in message


# --- items 8 and 10: control characters in names, a passphrase that is not UTF-8 ---------------------------


def test_verify_shows_escape_sequences_in_certificate_names_visibly(
    report: Report, tmp_path: Path
) -> None:
    key, cert = make_cert("Evil\x1b[2J\x1b]0;pwned\x07", NOW - DAY, 30, org="Org\x9b31m")
    (tmp_path / "r.pdf").write_bytes(report.sign(key, cert))
    (tmp_path / "c.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    code, out, _ = invoke(
        "verify", str(tmp_path / "r.pdf"), "--trust", str(tmp_path / "c.pem"), "--lang", "en"
    )
    assert code == ExitCode.OK
    assert out.rstrip().endswith("✓ Verified.")  # a real (non-TEST) certificate: a formal report
    assert "signed by Evil\\x1b[2J\\x1b]0;pwned\\x07 (Org\\x9b31m) at" in " ".join(out.split())
    assert not any(c in out for c in "\x1b\x07\x9b")


@pytest.mark.parametrize("option", ["--name", "--organisation"])
def test_keygen_refuses_control_characters(tmp_path: Path, option: str) -> None:
    code, _, err = invoke("keygen", "-o", str(tmp_path / "k.p12"), option, "Boss\x1b[31m")
    assert (code, err) == (
        2,
        f"error: {option} contains a control character (U+001B); a certificate name must be plain text.\n",
    )
    assert not (tmp_path / "k.p12").exists()


@pytest.mark.parametrize(
    ("option", "value", "shown"),
    [("--name", "A\udc85", "A\\x85"), ("--organisation", "X\udcff", "X\\xff")],
)
def test_keygen_refuses_bytes_that_are_not_utf8(
    tmp_path: Path, option: str, value: str, shown: str
) -> None:
    """$'A\\x85' in a UTF-8 terminal is the byte 0x85, not U+0085: Python holds it as a surrogate."""
    code, _, err = invoke("keygen", "-o", str(tmp_path / "k.p12"), option, value)
    assert (code, " ".join(err.split())) == (
        2,
        f"error: {option} contains bytes that are not UTF-8 text ({shown}); a certificate name "
        "must be plain text: check the terminal's encoding.",
    )
    assert not (tmp_path / "k.p12").exists()


def test_signing_refuses_control_characters_in_names(report: Report, tmp_path: Path) -> None:
    p12, _ = make_test_credentials("Assessor", None, PASS.encode())
    (tmp_path / "a.p12").write_bytes(p12)
    text = report.answers.decode()
    assert "assessment:\n" in text
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        text.replace(
            "assessment:\n",
            'assessment:\n  assessor: {name: "Wang\\e[8m", organisation: "Checkers"}\n',
            1,
        )
    )
    code, _, err = invoke(
        "report",
        str(answers),
        "-o",
        str(tmp_path / "r.pdf"),
        "--sign",
        "--p12",
        str(tmp_path / "a.p12"),
    )
    assert (code, err) == (
        2,
        f"error: {answers}: assessment.assessor.name contains a control character (U+001B); "
        "it cannot go onto a signed report. Remove it from the answer file.\n",
    )
    assert not (tmp_path / "r.pdf").exists()


def test_passphrase_that_is_not_utf8(tmp_path: Path) -> None:
    code, _, err = invoke(
        "keygen", "-o", str(tmp_path / "k.p12"), env={"MATURITY_P12_PASSWORD": "caf\udce9"}
    )  # b"caf\xe9"
    assert (code, err) == (
        2,
        "error: MATURITY_P12_PASSWORD is not valid UTF-8 text: set it in UTF-8, or type the passphrase at the prompt.\n",
    )


def test_custom_rules_report_is_not_called_verified(report: Report, tmp_path: Path) -> None:
    from maturity.questionnaire import load_questionnaire
    from maturity.rules import parse_rules
    from maturity.scoring import score

    q = load_questionnaire(MINI)
    renamed = re.sub(rb"(?m)^id: .*$", b"id: lenient-rules", report.rules, count=1)
    result = score(q, parse_rules(renamed, "x", q), _answers(report.answers))
    key, cert = make_cert("Assessor", NOW - DAY, 30)
    (tmp_path / "r.pdf").write_bytes(
        report.sign(
            key,
            cert,
            files={"rules.yaml": renamed, "result.json": result.model_dump_json().encode()},
        )
    )
    (tmp_path / "c.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    code, out, _ = invoke(
        "verify", str(tmp_path / "r.pdf"), "--trust", str(tmp_path / "c.pem"), "--lang", "zh"
    )
    assert code == ExitCode.UNTRUSTED
    text = "".join(out.split())
    assert "本机没有安装嵌入的规则lenient-rules" in text
    assert text.endswith(
        "报告未被改动、计分一致，但所用计分规则未在本机安装：等级未必是按正式规则得出的。"
    )


def test_reasons_in_chinese(report: Report) -> None:
    key, cert = make_cert("Bad Assessor", *EXPIRED_LONG_AGO)
    (found,) = [c for c in verify(report.sign(key, cert), [cert]).checks if c.name == "trust"]
    assert found.message.text("zh").startswith(
        f"签名人证书已于 {cert.not_valid_after_utc.date()} 过期，早于签名时间 "
    )


def test_rescore_names_the_signature_box(report: Report) -> None:
    key, cert = make_cert("Assessor", NOW - DAY, 30)
    verdict = verify(report.sign(key, cert), [cert])
    assert check(verdict, "rescore") == (
        "passed",
        "rescoring the embedded answers with the embedded rules gives the embedded result: "
        f"level {report.level}, score {report.score:.2f}, as the signature box states, with the "
        "firm the answers name.",
    )


def test_signature_box_names_the_firm_and_verify_checks_it(report: Report) -> None:
    key, cert = make_cert("Assessor", NOW - DAY, 30)
    box = report.stamp(cert)
    assert f"Org: {report.organisation}" in box.splitlines()
    other = report.sign(key, cert, stamp=report.stamp(cert, organisation="Other Works Ltd"))
    assert check(verify(other, [cert]), "rescore") == (
        "failed",
        'the signature box names the firm "Other Works Ltd", but the embedded answers name '
        f'"{report.organisation}": the box does not belong to these answers.',
    )


def test_box_signed_before_it_named_the_firm_still_verifies_with_a_note(report: Report) -> None:
    key, cert = make_cert("Assessor", NOW - DAY, 30)
    verdict = verify(report.sign(key, cert, stamp=report.stamp(cert, organisation=None)), [cert])
    assert verdict.exit_code == 0
    assert check(verdict, "rescore") == (
        "passed",
        "rescoring the embedded answers with the embedded rules gives the embedded result: "
        f"level {report.level}, score {report.score:.2f}, as the signature box states. Note: this "
        "report was signed before the box named the firm; the firm is named only in the embedded "
        "answers.",
    )


def test_a_chinese_firm_name_is_a_digest_in_the_latin_half() -> None:
    import hashlib

    digest = hashlib.sha256("江南精工".encode()).hexdigest()[:16]
    assert org_line("江南精工") == f"Org: sha256 {digest} (name on the right)"
