"""Signing and verification time for the sample report, each against pyHanko alone in the same run.

- sign: `maturity.sign.sign_pdf` (embed 4 files + certify) vs a bare pyHanko signature of the same
PDF;
- verify: `maturity.verify.verify_pdf` (signature, trust, rescore, evidence) vs pyHanko's validation
alone. Run: .venv/bin/python benchmarks/sign_verify.py [--runs N]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import tempfile
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from maturity.assessment import Assessor
from maturity.keys import load_p12, load_trust, make_test_credentials
from maturity.questionnaire import Catalog
from maturity.report import ReportFormat, ReportInput
from maturity.report.render import render_report
from maturity.sign import Attachment, sign_pdf, stamp_text
from maturity.verify import verify_pdf

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "cmmm-discrete-sample.yaml"
PASS = b"benchmark"


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from asn1crypto import x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import signers
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    work = Path(tempfile.mkdtemp())
    p12, pem = make_test_credentials("Benchmark Assessor", None, PASS)
    (work / "a.p12").write_bytes(p12)
    (work / "a.pem").write_bytes(pem)
    creds = load_p12(work / "a.p12", PASS)
    catalog = Catalog()
    loaded, rules, result = Assessor(catalog).assess(SAMPLE)
    pdf = render_report(
        ReportInput(result, loaded.questionnaire, loaded.answers, rules.rules),
        ReportFormat.pdf,
        "zh",
    )
    attachments = [
        Attachment("answers.yaml", loaded.raw, "application/yaml", ""),
        Attachment(
            "result.json", result.model_dump_json(indent=2).encode(), "application/json", ""
        ),
        Attachment("rules.yaml", rules.raw, "application/yaml", ""),
        Attachment("evidence-manifest.json", b'{"files": []}', "application/json", ""),
    ]

    def ours_sign() -> bytes:
        stamp = stamp_text(result.level, result.score, hashlib.sha256(loaded.raw).hexdigest())
        return sign_pdf(pdf, creds, attachments, reason="benchmark", stamp_text=stamp)

    signer = signers.SimpleSigner.load_pkcs12(str(work / "a.p12"), passphrase=PASS)  # type: ignore[no-untyped-call]

    def bare_sign() -> bytes:
        out = BytesIO()
        signers.sign_pdf(
            IncrementalPdfFileWriter(BytesIO(pdf)),
            signers.PdfSignatureMetadata(field_name="Sig"),
            signer=signer,
            output=out,
        )
        return out.getvalue()

    signed = ours_sign()
    trusted = load_trust([work / "a.pem"])
    root = x509.Certificate.load(trusted[0])

    def ours_verify() -> object:
        return verify_pdf(signed, trusted, catalog)

    def bare_verify() -> object:
        sig = PdfFileReader(BytesIO(signed)).embedded_signatures[0]
        return validate_pdf_signature(sig, ValidationContext(trust_roots=[root]))

    s_ours, s_bare = median_ms(ours_sign, args.runs), median_ms(bare_sign, args.runs)
    v_ours, v_bare = median_ms(ours_verify, args.runs), median_ms(bare_verify, args.runs)
    print(f"sample report: {len(pdf) / 1024:.0f} KiB PDF, EC P-256 key, {args.runs} runs, medians")
    print(
        f"  sign   : maturity {s_ours:7.1f} ms   pyHanko alone {s_bare:7.1f} ms   ratio "
        f"{s_ours / s_bare:.2f}"
    )
    print(
        f"  verify : maturity {v_ours:7.1f} ms   pyHanko alone {v_bare:7.1f} ms   ratio "
        f"{v_ours / v_bare:.2f}  (adds rescore)"
    )


if __name__ == "__main__":
    main()
