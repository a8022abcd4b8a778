"""Signed reports: signing, verifying, and every way a report or certificate can be wrong."""

from __future__ import annotations

import datetime as dt
import re
from io import BytesIO
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from maturity.cli import app
from maturity.errors import ExitCode
from maturity.keys import load_trust, make_test_credentials
from maturity.questionnaire import Catalog
from maturity.schema.base import Profile
from maturity.verify import Outcome, Verdict, verify_pdf
from tests.conftest import MINI, answer_doc, score_file, write_yaml

PASS = "correct horse"
pytestmark = pytest.mark.slow


def invoke(*args: str, passphrase: str | None = PASS) -> tuple[int, str, str]:
    env = {"MATURITY_P12_PASSWORD": passphrase} if passphrase is not None else {}
    result = CliRunner().invoke(app, ["--questionnaires", str(MINI), *args], env=env)
    return result.exit_code, result.stdout, result.stderr


def sign_report(
    answers: Path, workdir: Path, p12: Path, passphrase: str | None = PASS
) -> tuple[int, str, str]:
    """`maturity report --sign` of the answers to x.pdf in the work folder."""
    out = str(workdir / "x.pdf")
    return invoke(
        "report", str(answers), "-o", out, "--sign", "--p12", str(p12), passphrase=passphrase
    )


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("signing")


@pytest.fixture(scope="module")
def creds(workdir: Path) -> tuple[Path, Path]:
    code, _, err = invoke(
        "keygen",
        "-o",
        str(workdir / "assessor.p12"),
        "--name",
        "王立新",
        "--organisation",
        "Checkers Ltd",
    )
    assert code == 0, err
    return workdir / "assessor.p12", workdir / "assessor.pem"


@pytest.fixture(scope="module")
def answers(workdir: Path) -> Path:
    from maturity.questionnaire import load_questionnaire

    q = load_questionnaire(MINI)
    ratings: dict[str, object] = {
        r.id: "full" if r.level <= 2 else "partial" for r in q.applicable(Profile.discrete)
    }
    ratings["a.1.01"] = {
        "rating": "full",
        "evidence": ["evidence/plan.pdf", "not-a-file: the monthly meeting"],
    }
    (workdir / "evidence").mkdir()
    (workdir / "evidence" / "plan.pdf").write_bytes(b"%PDF-1.4 plan")
    doc = answer_doc(q, ratings)
    doc["assessment"]["assessor"] = {
        "name": "王立新",
        "organisation": "Checkers Ltd",
        "accreditation": "CMMM-A-0042",
    }
    doc["assessment"]["mode"] = "third_party"
    return write_yaml(workdir / "answers.yaml", doc)


@pytest.fixture(scope="module")
def signed(workdir: Path, creds: tuple[Path, Path], answers: Path) -> bytes:
    out = workdir / "signed.pdf"
    code, _, err = invoke(
        "report", str(answers), "-o", str(out), "--lang", "zh", "--sign", "--p12", str(creds[0])
    )
    assert code == 0, err
    return out.read_bytes()


def verify(data: bytes, trust: list[Path] | None = None, evidence: Path | None = None) -> Verdict:
    return verify_pdf(data, load_trust(trust or []), Catalog([MINI]), evidence)


def outcomes(verdict: Verdict) -> dict[str, Outcome]:
    return {c.name: c.outcome for c in verdict.checks}


def test_signed_report_verifies(signed: bytes, creds: tuple[Path, Path], workdir: Path) -> None:
    verdict = verify(signed, [creds[1]], workdir)
    assert outcomes(verdict) == {
        "signature": "passed",
        "trust": "passed",
        "rules": "passed",
        "rescore": "passed",
        "evidence": "passed",
    }
    assert verdict.exit_code == ExitCode.TEST_SIGNED  # every check passes, but keygen made it
    assert verdict.checks[-1].message.text("en") == "1 evidence files match the manifest."


def test_verify_command_exit_codes(signed: bytes, creds: tuple[Path, Path], workdir: Path) -> None:
    path = workdir / "signed.pdf"
    code, out, _ = invoke(
        "verify",
        str(path),
        "--trust",
        str(creds[1]),
        "--evidence-dir",
        str(workdir),
        "--lang",
        "en",
    )
    assert code == ExitCode.TEST_SIGNED
    assert " ".join(out.split()).endswith(
        "! Signature valid, but by a TEST certificate — not a formal report"
    )
    code, out, _ = invoke("verify", str(path), "--lang", "en")
    assert code == ExitCode.UNTRUSTED
    assert "intact, but the signer is not trusted: no trusted certificate was given." in " ".join(
        out.split()
    )


def test_pyhanko_itself_validates_the_signature(signed: bytes, creds: tuple[Path, Path]) -> None:
    from asn1crypto import x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(BytesIO(signed))
    (sig,) = reader.embedded_signatures
    der = load_trust([creds[1]])[0]
    status = validate_pdf_signature(
        sig, ValidationContext(trust_roots=[x509.Certificate.load(der)])
    )
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.docmdp_ok  # certified, no changes allowed
    names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
    assert [str(names[i]) for i in range(0, len(names), 2)] == sorted(
        ["answers.yaml", "result.json", "rules.yaml", "evidence-manifest.json"]
    )


def test_embedded_answers_are_the_bytes_as_read(signed: bytes, answers: Path) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    from maturity.verify import _attachments  # the same reader the verifier uses

    files = _attachments(PdfFileReader(BytesIO(signed)))
    assert files["answers.yaml"] == answers.read_bytes()
    manifest = yaml.safe_load(files["evidence-manifest.json"])
    assert [(f["requirement"], f["path"]) for f in manifest["files"]] == [
        ("a.1.01", "evidence/plan.pdf")
    ]


def test_signature_page_text(workdir: Path, signed: bytes) -> None:
    import hashlib
    import subprocess

    text = subprocess.run(
        ["pdftotext", str(workdir / "signed.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "评估人签署" in text
    assert "CMMM-A-0042" in text and "Checkers Ltd" in text
    digest = hashlib.sha256((workdir / "answers.yaml").read_bytes()).hexdigest()
    assert digest in text.replace("\n", "")


def test_untrusted_issuer(signed: bytes, workdir: Path) -> None:
    _, other_pem = make_test_credentials("Someone Else", None, b"x")
    other = workdir / "other.pem"
    other.write_bytes(other_pem)
    verdict = verify(signed, [other])
    assert outcomes(verdict)["signature"] == "passed"
    assert outcomes(verdict)["trust"] == "untrusted"
    assert verdict.exit_code == ExitCode.UNTRUSTED


def test_unsigned_pdf(workdir: Path, answers: Path) -> None:
    out = workdir / "plain.pdf"
    assert invoke("report", str(answers), "-o", str(out))[0] == 0
    verdict = verify(out.read_bytes())
    not_run = "not checked (the signature check failed)"
    assert [(c.name, c.outcome, c.message.text("en")) for c in verdict.checks] == [
        ("signature", "failed", "the PDF has no digital signature."),
        *((name, "skipped", not_run) for name in ("trust", "rules", "rescore", "evidence")),
    ]
    assert verdict.exit_code == ExitCode.NOT_VERIFIED


def test_not_a_pdf() -> None:
    verdict = verify(b"hello, I am not a PDF")
    assert verdict.checks[0].outcome == "failed"
    assert verdict.checks[0].message.key == "verify.unreadable"


def test_every_flipped_byte_is_detected(signed: bytes, creds: tuple[Path, Path]) -> None:
    contents = re.search(rb"/Contents <([0-9a-fA-F]+)>", signed)
    assert contents
    start, end = contents.span(1)
    offsets = set(range(0, len(signed), max(len(signed) // 80, 1)))
    offsets |= {
        start + 3,
        start + 400,
        end - 5,
        end - 1,
        end + 1,
        len(signed) - 1,
    }  # signature value and its zero padding
    trusted = load_trust([creds[1]])
    catalog = Catalog([MINI])
    for offset in sorted(offsets):
        tampered = bytearray(signed)
        tampered[offset] ^= 0xFF
        verdict = verify_pdf(bytes(tampered), trusted, catalog)
        assert verdict.exit_code == ExitCode.NOT_VERIFIED, offset


def incremental(signed: bytes, change: str) -> bytes:
    from pyhanko.pdf_utils import embed, generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(signed))
    if change == "attachment":
        data = embed.EmbeddedFileObject.from_file_data(
            writer, data=b"format: maturity-answers/1\n", mime_type="application/yaml"
        )
        embed.embed_file(
            writer, embed.FileSpec(file_spec_string="answers.yaml", embedded_data=data)
        )
    else:  # draw over the first page
        page = writer.root["/Pages"]["/Kids"][0].get_object()
        stream = writer.add_object(generic.StreamObject(stream_data=b"0 0 1 rg 0 0 600 800 re f"))
        page["/Contents"] = (
            generic.ArrayObject([page["/Contents"], stream])
            if not isinstance(page["/Contents"], generic.ArrayObject)
            else generic.ArrayObject([*page["/Contents"], stream])
        )
        writer.update_container(page)
    out = BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


@pytest.mark.parametrize("change", ["attachment", "page"])
def test_incremental_update_after_signing_is_detected(
    signed: bytes, creds: tuple[Path, Path], change: str
) -> None:
    verdict = verify(incremental(signed, change), [creds[1]])
    assert outcomes(verdict)["signature"] == "failed"
    assert verdict.checks[0].message.key == "verify.partial"
    assert verdict.exit_code == ExitCode.NOT_VERIFIED


def test_embedded_answers_that_do_not_give_the_embedded_result(
    workdir: Path, creds: tuple[Path, Path], answers: Path
) -> None:
    """A report signed with answers that were changed after scoring: the signature holds, the rescore does not."""
    from maturity.keys import load_p12
    from maturity.sign import Attachment, sign_pdf

    scored = score_file(answers, [MINI])
    loaded, rules, result = scored.loaded, scored.rules, scored.result
    pdf = scored.pdf()
    forged = loaded.raw.replace(b"a.2.01: full", b"a.2.01: none")
    assert forged != loaded.raw
    attachments = [
        Attachment("answers.yaml", forged, "application/yaml", ""),
        Attachment("result.json", result.model_dump_json().encode(), "application/json", ""),
        Attachment("rules.yaml", rules.raw, "application/yaml", ""),
    ]
    signed = sign_pdf(
        pdf, load_p12(creds[0], PASS.encode()), attachments, reason="test", stamp_text="%(ts)s"
    )
    verdict = verify(signed, [creds[1]])
    assert outcomes(verdict)["signature"] == "passed"
    assert outcomes(verdict)["rescore"] == "failed"
    assert (
        verdict.checks[3]
        .message.text("en")
        .startswith(
            "rescoring differs from the embedded result: level is 1, the embedded result says 2"
        )
    )
    assert verdict.exit_code == ExitCode.NOT_VERIFIED


def test_changed_evidence_file_is_detected(
    signed: bytes, creds: tuple[Path, Path], workdir: Path, tmp_path: Path
) -> None:
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "plan.pdf").write_bytes(b"%PDF-1.4 plan, edited later")
    verdict = verify(signed, [creds[1]], tmp_path)
    assert outcomes(verdict)["evidence"] == "failed"
    assert (
        verdict.checks[-1].message.text("en")
        == "evidence file evidence/plan.pdf does not match the manifest (different sha256)."
    )
    verdict = verify(signed, [creds[1]], tmp_path / "nowhere")
    assert verdict.checks[-1].message.key == "verify.evidence_missing"


def test_wrong_passphrase(creds: tuple[Path, Path], answers: Path, workdir: Path) -> None:
    code, _, err = sign_report(answers, workdir, creds[0], passphrase="wrong")
    assert (code, err) == (
        2,
        f"error: {creds[0]}: wrong passphrase: the certificate file cannot be opened with it.\n",
    )
    assert not (workdir / "x.pdf").exists()


def test_not_a_p12(answers: Path, workdir: Path) -> None:
    fake = workdir / "fake.p12"
    fake.write_bytes(b"-----BEGIN CERTIFICATE-----\nnope\n")
    code, _, err = sign_report(answers, workdir, fake)
    assert (code, err) == (
        2,
        f"error: {fake}: this is not a PKCS#12 (.p12/.pfx) certificate file.\n",
    )


@pytest.mark.parametrize(
    ("start", "days", "message"),
    [
        (
            dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
            30,
            "the certificate expired on 2020-01-31; it cannot sign.",
        ),
        (
            dt.datetime(2099, 1, 1, tzinfo=dt.UTC),
            30,
            "the certificate is not valid before 2099-01-01; it cannot sign yet.",
        ),
    ],
)
def test_certificate_outside_its_validity(
    answers: Path, workdir: Path, start: dt.datetime, days: int, message: str
) -> None:
    p12, _ = make_test_credentials("Old Assessor", None, PASS.encode(), days=days, start=start)
    path = workdir / f"cert-{start.year}.p12"
    path.write_bytes(p12)
    code, _, err = sign_report(answers, workdir, path)
    assert (code, err) == (2, f"error: {path}: {message}\n")


def test_no_passphrase_and_no_terminal(
    creds: tuple[Path, Path], answers: Path, workdir: Path
) -> None:
    code, _, err = sign_report(answers, workdir, creds[0], passphrase=None)
    assert code == 2
    assert (
        err
        == "error: a certificate passphrase is needed: set MATURITY_P12_PASSWORD, or run in a terminal to type it (hidden).\n"
    )


def test_sign_needs_pdf_and_certificate(answers: Path, workdir: Path) -> None:
    assert (
        invoke("report", str(answers), "-o", str(workdir / "x.html"), "--sign", "--p12", "x.p12")[2]
        == "error: only PDF reports can be signed: write a .pdf file.\n"
    )
    assert (
        invoke("report", str(answers), "-o", str(workdir / "x.pdf"), "--sign")[2]
        == "error: signing needs a certificate: add --p12 FILE.\n"
    )


def test_keygen_refuses_to_overwrite(creds: tuple[Path, Path]) -> None:
    code, _, err = invoke("keygen", "-o", str(creds[0]))
    assert (code, err) == (2, f"error: {creds[0]} already exists; add --force to overwrite it.\n")
    assert creds[0].stat().st_mode & 0o777 == 0o600
