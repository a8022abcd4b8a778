"""Verification a clerk can use: plain bilingual messages with local times, a precise message for a
wrong --trust, the receipt, the bilingual stamp, TEST certificates, and evidence kept elsewhere."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from maturity.errors import ExitCode
from maturity.i18n import Lang
from maturity.keys import load_trust
from maturity.questionnaire import Catalog
from maturity.sign import beijing_time, local_time, stamp_lines, stamp_lines_zh
from maturity.verify import Verdict, verify_pdf
from tests.conftest import MINI, answer_doc, write_yaml
from tests.test_sign_hardening import make_cert
from tests.test_sign_verify import PASS, incremental, invoke

pytestmark = pytest.mark.slow

# a zone with a name and a non-zero offset, so that "local time with zone" is really tested
ZONE = "Asia/Shanghai"
LOCAL = r"\d{4}-\d\d-\d\d \d\d:\d\d CST \(UTC\+08:00\)"


@pytest.fixture(scope="module", autouse=True)
def shanghai() -> Iterator[None]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = ZONE
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("clerk")


@pytest.fixture(scope="module")
def test_pem(work: Path) -> Path:
    code, _, err = invoke("keygen", "-o", str(work / "t.p12"), "--name", "Wang Lixin")
    assert code == 0, err
    return work / "t.pem"


@pytest.fixture(scope="module")
def answers(work: Path) -> Path:
    """Answers naming one evidence file kept in a separate folder, and an accreditation id."""
    from maturity.questionnaire import load_questionnaire
    from maturity.schema.base import Profile

    q = load_questionnaire(MINI)
    ratings: dict[str, object] = {
        r.id: "full" if r.level <= 2 else "partial" for r in q.applicable(Profile.discrete)
    }
    ratings["a.1.01"] = {"rating": "full", "evidence": ["plan.pdf", "the monthly meeting"]}
    (work / "store").mkdir()
    (work / "store" / "plan.pdf").write_bytes(b"%PDF-1.4 plan")
    (work / "client").mkdir()
    doc = answer_doc(q, ratings)
    doc["assessment"]["assessor"] = {"name": "王立新", "accreditation": "CMMM-A-0042"}
    return write_yaml(work / "client" / "answers.yaml", doc)


def sign(answers: Path, out: Path, p12: Path, *extra: str) -> tuple[int, str, str]:
    return invoke("report", str(answers), "-o", str(out), "--sign", "--p12", str(p12), *extra)


@pytest.fixture(scope="module")
def signed(work: Path, answers: Path, test_pem: Path) -> Path:
    out = work / "signed.pdf"
    code, _, err = sign(answers, out, work / "t.p12", "--evidence-dir", str(work / "store"))
    assert code == 0, err
    return out


def verify(data: bytes, trust: list[Path], now: dt.datetime | None = None) -> Verdict:
    return verify_pdf(data, load_trust(trust), Catalog([MINI]), now=now)


def texts(verdict: Verdict, name: str) -> tuple[str, str]:
    (check,) = [c for c in verdict.checks if c.name == name]
    return check.message.text("zh"), check.message.text("en")


def pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_local_time_names_the_zone_and_its_offset() -> None:
    moment = dt.datetime(2026, 11, 30, 10, 20, 59, tzinfo=dt.UTC)
    assert local_time(moment) == "2026-11-30 18:20 CST (UTC+08:00)"
    os.environ["TZ"] = "UTC"
    time.tzset()
    try:
        assert local_time(moment) == "2026-11-30 10:20 (UTC+00:00)"
    finally:
        os.environ["TZ"] = ZONE
        time.tzset()


def test_genuine_report_in_plain_words(signed: Path, test_pem: Path) -> None:
    verdict = verify(signed.read_bytes(), [test_pem])
    assert verdict.exit_code == ExitCode.TEST_SIGNED and verdict.test_certificate
    zh, en = texts(verdict, "signature")
    signer = "Wang Lixin (maturity self-signed TEST certificate - not for real use)"
    assert re.fullmatch(
        f"签名完整，覆盖整个文件；签名人：{re.escape(signer)} "
        f"\\[证书链中有 maturity 测试证书，不得用于正式报告\\]，签名时间：{LOCAL}",
        zh,
    ), zh
    assert re.fullmatch(
        f"intact and covering the whole file; signed by {re.escape(signer)} "
        f"\\[maturity TEST certificate in the chain, not for real use\\] at {LOCAL}",
        en,
    ), en


@pytest.mark.parametrize(
    ("lang", "warning", "summary"),
    [
        (
            "en",
            "Warning: this report is signed with a maturity self-signed TEST certificate, for "
            "trying only; it is not a real assessment report.",
            "! Signature valid, but by a TEST certificate — not a formal report",
        ),
        (
            "zh",
            "警告：这份报告是用 maturity 自签名测试证书签署的，仅供试用，不能作为正式评估报告。",
            "!签名有效，但为测试证书——不能作为正式报告",
        ),
    ],
)
def test_test_certificate_gets_a_warning_line(
    signed: Path, test_pem: Path, lang: str, warning: str, summary: str
) -> None:
    code, out, _ = invoke("verify", str(signed), "--trust", str(test_pem), "--lang", lang)
    # trusted on purpose, intact and rescored, but a TEST signature is never a formal report
    assert code == ExitCode.TEST_SIGNED and code == 6  # the documented number
    joined = "".join(out.split()) if lang == "zh" else " ".join(out.split())
    expected = "".join(warning.split()) if lang == "zh" else warning
    assert joined.endswith(f"{expected} {summary}" if lang == "en" else expected + summary)


def test_wrong_trust_names_signer_issuer_and_trusted(signed: Path, other_pem: Path) -> None:
    verdict = verify(signed.read_bytes(), [other_pem])
    assert verdict.exit_code == ExitCode.UNTRUSTED
    test = "maturity self-signed TEST certificate - not for real use"
    assert texts(verdict, "trust") == (
        f"签名完整，但签名人不受信任：报告由 Wang Lixin ({test}) 签名，其证书的签发者："
        f"签名人自己（自签名证书）；而您指定信任的证书：Zhao Min ({test})，两者都不是。"
        "请确认拿到的是这位评估人或其签发机构的证书。",
        f"intact, but the signer is not trusted: the report is signed by Wang Lixin ({test}), "
        "whose certificate was issued by the signer itself (a self-signed certificate); the "
        f"certificate you trusted is Zhao Min ({test}), which is neither. Check that you have "
        "the certificate of this assessor or of the body that issued theirs.",
    )


def test_no_trust_says_what_to_do(signed: Path) -> None:
    assert texts(verify(signed.read_bytes(), []), "trust") == (
        "签名完整，但签名人不受信任：未指定受信任证书。请向发证机构或资质公示渠道核对评估机构证书的"
        "指纹（被核查方自己交来的证书不能证明什么），再用 --trust 证书文件 重新验证。",
        "intact, but the signer is not trusted: no trusted certificate was given. Check the "
        "assessor's certificate fingerprint with the issuing body or the public register of "
        "accredited assessors (a certificate handed over by the party being checked proves "
        "nothing), then verify again with --trust FILE.",
    )


def test_tampered_report_in_plain_words(signed: Path, test_pem: Path) -> None:
    flipped = bytearray(signed.read_bytes())
    flipped[flipped.index(b"/Title") + 10] ^= 1
    assert texts(verify(bytes(flipped), [test_pem]), "signature") == (
        "签名已损坏：签名后文件内容被改动过。",
        "broken: the content was changed after signing.",
    )
    appended = verify(incremental(signed.read_bytes(), "page"), [test_pem])
    assert appended.exit_code == ExitCode.NOT_VERIFIED
    assert texts(appended, "signature") == (
        "签名之后文件又被追加了对内容的改动，签名不再覆盖整个文件。请向评估机构索取原始文件。",
        "after signing, a change to the content was added to the file; the signature no longer "
        "covers the whole file. Ask the assessor's organisation for the original file.",
    )


def test_expired_since_signing(signed: Path, test_pem: Path) -> None:
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=400)
    verdict = verify(signed.read_bytes(), [test_pem], now=later)
    assert verdict.exit_code == ExitCode.UNTRUSTED
    from cryptography import x509

    date = x509.load_pem_x509_certificate(test_pem.read_bytes()).not_valid_after_utc.date()
    assert texts(verdict, "trust") == (
        f"签名完整，但签名人证书已于 {date}（签名之后）过期；没有可信时间戳，签名时间只是签名人自己的说法。",
        f"intact, but the signer's certificate expired on {date}, after signing; without a "
        "trusted timestamp the signing time is only the signer's claim.",
    )


@pytest.fixture(scope="module")
def other_pem(work: Path) -> Path:
    code, _, err = invoke("keygen", "-o", str(work / "other.p12"), "--name", "Zhao Min")
    assert code == 0, err
    return work / "other.pem"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_terminal_output_has_no_codes_and_is_not_cut(
    signed: Path, work: Path, other_pem: Path, lang: Lang, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    changed = work / f"changed-{lang}.pdf"
    changed.write_bytes(incremental(signed.read_bytes(), "attachment"))
    for path, trust in ((signed, [other_pem]), (changed, [])):
        _, out, _ = invoke(
            "verify", str(path), *(["--trust", str(trust[0])] if trust else []), "--lang", lang
        )
        for code in ("AdES", "NONE", "LTA_UPDATES", "OTHER", "CHAIN_CONSTRAINTS", "Error"):
            assert code not in out, (code, out)
        assert max(len(line) for line in out.splitlines()) <= 80
        flat = "".join(out.split())
        for check in verify(path.read_bytes(), trust).checks:  # every word there: wrapped, not cut
            assert "".join(check.message.text(lang).split()) in flat, check


def test_stamp_is_bilingual_with_zone_and_accreditation(signed: Path) -> None:
    last = pdftotext(signed).split("\f")[-2]  # the page before the final form feed
    lines = [line.strip() for line in last.splitlines() if line.strip()]
    english = lines.index("maturity signed report")
    assert lines[english + 1] == "Org: Test Works"  # the firm, checked by verify
    assert re.fullmatch(r"Level \d, score \d\.\d\d", lines[english + 2])  # checked by verify
    assert lines[english + 4 : english + 6] == [
        "Accreditation (self-declared, not checked): CMMM-A-0042",
        "TEST certificate - not for real use",
    ]
    assert re.fullmatch(f"Signed {LOCAL}", lines[english + 6]), lines[english + 6]
    chinese = lines.index("maturity 数字签名报告（左栏为机读行，供 verify 核对）")
    assert lines[chinese + 1] == "受评估企业：Test Works"
    assert re.fullmatch(r"答卷摘要 [0-9a-f]{16}…", lines[chinese + 3])
    assert lines[chinese + 4 : chinese + 6] == [
        "资质编号（自报，未核验）：CMMM-A-0042",
        "测试证书，不得用于正式报告",
    ]
    # signed in Beijing's zone: no second "北京时间" line
    assert re.fullmatch(f"签名时间：{LOCAL}", lines[chinese + 6]), lines[chinese + 6]
    assert "北京时间" not in last
    notice = "测试证书：本报告用 maturity 自签名测试证书签署，仅供试用，不是正式评估报告。"
    assert "".join(notice.split()) in "".join(pdftotext(signed).split())


def test_stamp_without_accreditation_says_so_in_both_languages() -> None:
    assert stamp_lines(1, 1.5, "ab" * 32, None, False, "X")[-1] == "Accreditation: none given"
    assert stamp_lines_zh(1, 1.5, None, False, "X", "ab" * 32)[-1] == "资质编号：未提供"


def test_beijing_time_is_added_when_the_signer_is_elsewhere() -> None:
    moment = dt.datetime(2026, 11, 30, 13, 42, tzinfo=dt.UTC)
    assert beijing_time(moment) == ""  # this module runs in Asia/Shanghai
    os.environ["TZ"] = "Europe/Berlin"
    time.tzset()
    try:
        assert beijing_time(moment) == "北京时间 2026-11-30 21:42"
    finally:
        os.environ["TZ"] = ZONE
        time.tzset()


RECEIPT = {
    "en": [
        "Verification receipt for a signed report",
        "What was checked, and the result",
        "passed",
        "The report is unaltered and its score checks out, but the signer is not trusted",
        "Warning: this report is signed with a maturity self-signed TEST certificate",
        "Accreditation no.",
        "CMMM-A-0042",
        "王立新",
        "maturity 0.1.0",
    ],
    "zh": [
        "签名报告验证回执",
        "检查项目与结果",
        "不受信任",
        "报告未被改动、计分一致，但签名人不受信任",
        "警告：这份报告是用 maturity 自签名测试证书签署的",
        "资质证书编号",
        "CMMM-A-0042",
        "王立新",
        "maturity 0.1.0",
    ],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_receipt_pdf_in_the_readers_language(signed: Path, work: Path, lang: str) -> None:
    import hashlib

    receipt = work / f"receipt-{lang}.pdf"
    code, _, err = invoke("verify", str(signed), "--receipt", str(receipt), "--lang", lang)
    assert code == ExitCode.UNTRUSTED, err  # the exit code is verify's own
    info = subprocess.run(
        ["pdfinfo", str(receipt)], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"Pages:\s+1\n", info)
    text = " ".join(pdftotext(receipt).split())
    flat = "".join(text.split())
    for phrase in RECEIPT[lang]:
        assert "".join(phrase.split()) in flat, phrase
    assert hashlib.sha256(signed.read_bytes()).hexdigest() in flat
    assert len(re.findall(LOCAL.replace(" ", ""), flat)) == 3  # signing, twice; checked at


def test_receipt_records_a_failed_verification(signed: Path, work: Path) -> None:
    tampered = work / "tampered.pdf"
    tampered.write_bytes(incremental(signed.read_bytes(), "page"))
    receipt = work / "failed.html"
    code, _, _ = invoke("verify", str(tampered), "--receipt", str(receipt), "--lang", "en")
    assert code == ExitCode.NOT_VERIFIED
    html = receipt.read_text(encoding="utf-8")
    assert "<td>failed</td>" in html and "Not verified." in html


def test_receipt_never_onto_an_input_nor_another_kind(signed: Path, work: Path) -> None:
    before = signed.read_bytes()
    code, _, err = invoke("verify", str(signed), "--receipt", str(signed), "--lang", "en")
    assert code == 2 and "is the same file as the input" in " ".join(err.split()), err
    assert signed.read_bytes() == before
    code, _, err = invoke("verify", str(signed), "--receipt", str(work / "r.txt"), "--lang", "en")
    assert (code, err) == (
        2,
        f"error: a receipt is written as a .pdf or .html file: {work / 'r.txt'}\n",
    )


def test_evidence_from_another_folder_is_hashed(signed: Path, work: Path, test_pem: Path) -> None:
    import hashlib
    import json

    from tests.test_sign_verify import verify as verify_with_evidence

    verdict = verify_with_evidence(signed.read_bytes(), [test_pem], work / "store")
    assert texts(verdict, "evidence")[1] == "1 evidence files match the manifest."
    manifest = json.loads(
        subprocess.run(
            ["pdfdetach", "-savefile", "evidence-manifest.json", "-o", "/dev/stdout", str(signed)],
            capture_output=True,
            check=True,
        ).stdout
    )
    digest = hashlib.sha256(b"%PDF-1.4 plan").hexdigest()
    assert [(f["path"], f["sha256"]) for f in manifest["files"]] == [("plan.pdf", digest)]


def test_missing_evidence_file_is_an_error_unless_allowed(answers: Path, work: Path) -> None:
    out = work / "missing.pdf"
    code, _, err = sign(answers, out, work / "t.p12")
    assert code == 2
    assert " ".join(err.split()).endswith(
        f"error: {answers}: 1 evidence file(s) named in the answers are in none of "
        f"{answers.parent}: plan.pdf. Give the folder that holds them with --evidence-dir, "
        "or add --allow-missing-evidence to sign without them (they stay out of the "
        "evidence manifest)."
    ), err
    assert not out.exists()
    code, _, err = sign(answers, out, work / "t.p12", "--allow-missing-evidence")
    assert code == 0 and "warning: " in err and "plan.pdf" in err, err


@pytest.mark.parametrize("kind", ["dotdot", "symlink", "absolute"])
def test_evidence_lookup_never_leaves_the_folders(work: Path, kind: str) -> None:
    from maturity.sign import evidence_manifest

    root = work / f"escape-{kind}"
    (root / "dir").mkdir(parents=True)
    secret = root / "secret.pdf"
    secret.write_bytes(b"secret")
    entry = {"dotdot": "../secret.pdf", "absolute": str(secret), "symlink": "link.pdf"}[kind]
    if kind == "symlink":
        (root / "dir" / "link.pdf").symlink_to(secret)
    assert evidence_manifest([("a", entry)], root / "dir", root / "dir") == []


def test_hostile_signer_names_are_shown_safely(answers: Path, work: Path) -> None:
    key, cert = make_cert(
        "Evil\x1b[2J\u202eName<b>", dt.datetime.now(dt.UTC) - dt.timedelta(days=1), 30
    )
    p12 = work / "evil.p12"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"evil", key, cert, None, serialization.BestAvailableEncryption(PASS.encode())
        )
    )
    out = work / "evil.pdf"
    code, _, err = sign(answers, out, p12, "--evidence-dir", str(work / "store"))
    assert code == 0, err
    receipt = work / "evil.html"
    code, stdout, _ = invoke("verify", str(out), "--receipt", str(receipt), "--lang", "en")
    assert code == ExitCode.UNTRUSTED
    assert "\x1b" not in stdout and "\u202e" not in stdout
    assert "Evil\\x1b[2J\\u202eName<b>" in "".join(stdout.split())
    html = receipt.read_text(encoding="utf-8")
    assert "\u202e" not in html and "<b>" not in html
    assert "Evil\\x1b[2J\\u202eName&lt;b&gt;" in html


def test_unreadable_file_in_plain_words_without_exception_names() -> None:
    assert texts(verify(b"not a pdf at all", []), "signature") == (
        "这不是可读的 PDF，或其签名结构已损坏：无法验证。请向发送方索取原始文件。"
        "（技术细节：Illegal PDF header）",
        "not a readable PDF, or its signature structure is damaged: it cannot be verified. Ask "
        "the sender for the original file. (Technical detail: Illegal PDF header)",
    )


def test_evidence_options_need_sign(answers: Path, work: Path) -> None:
    for option in (["--evidence-dir", str(work / "store")], ["--allow-missing-evidence"]):
        code, _, err = invoke("report", str(answers), "-o", str(work / "plain.pdf"), *option)
        assert (code, err) == (
            2,
            "error: --evidence-dir and --allow-missing-evidence are for signed reports only: "
            "add --sign --p12 FILE.\n",
        )


def test_evidence_dir_that_is_no_folder(answers: Path, work: Path) -> None:
    code, _, err = sign(answers, work / "x.pdf", work / "t.p12", "--evidence-dir", str(answers))
    assert (code, err.splitlines()[-1]) == (2, f"error: --evidence-dir {answers} is not a folder.")


@pytest.fixture(scope="module")
def third_party(work: Path, answers: Path) -> Path:
    """Signed as the reviewer did: an organisation and accreditation, evidence left behind."""
    import yaml

    doc = yaml.safe_load(answers.read_text(encoding="utf-8"))
    doc["assessment"]["assessor"] = {
        "name": "陈思远",
        "organisation": "苏州智造评估认证中心有限公司",
        "accreditation": "CMMM-TP-2026-0417",
    }
    # one named file is attached, one was never found: signed with --allow-missing-evidence
    second = next(k for k, v in doc["answers"].items() if k != "a.1.01" and v == "full")
    doc["answers"][second] = {"rating": "full", "evidence": ["audit.xlsx"]}
    tp = write_yaml(work / "client" / "tp.yaml", doc)
    org = "苏州智造评估认证中心有限公司 第三方评估部"
    code, _, err = invoke(
        "keygen", "-o", str(work / "tp.p12"), "--name", "陈思远", "--organisation", org
    )
    assert code == 0, err
    out = work / "tp.pdf"
    store = str(work / "store")
    code, _, err = sign(
        tp, out, work / "tp.p12", "--allow-missing-evidence", "--evidence-dir", store
    )
    assert code == 0, err
    return out


@pytest.mark.parametrize(
    ("lang", "headline"),
    [
        ("zh", "!签名有效，但为测试证书——不能作为正式报告"),
        ("en", "! Signature valid, but by a TEST certificate — not a formal report"),
    ],
)
def test_trusted_test_signature_receipt_is_one_page_and_not_a_pass(
    third_party: Path, work: Path, lang: str, headline: str
) -> None:
    receipt = work / f"tp-receipt-{lang}.pdf"
    code, _, err = invoke(
        "verify", str(third_party), "--trust", str(work / "tp.pem"), "--receipt", str(receipt),
        "--lang", lang,
    )  # fmt: skip
    assert code == ExitCode.TEST_SIGNED, err
    info = subprocess.run(
        ["pdfinfo", str(receipt)], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"Pages:\s+1\n", info), info
    text = " ".join(pdftotext(receipt).split())
    assert headline in (text if lang == "en" else "".join(text.split()))
    assert "验证通过" not in text and "Verified." not in text


@pytest.mark.parametrize(
    ("lang", "cover", "header"),
    [
        ("zh", "测试证书签署，仅供试用，不是正式评估报告", "·测试签名"),
        (
            "en",
            "Signed with a TEST certificate: for trying out only, not a formal assessment report",
            "· TEST signature",
        ),
    ],
)
def test_test_signed_report_says_so_on_the_cover_and_every_header(
    work: Path, answers: Path, test_pem: Path, lang: str, cover: str, header: str
) -> None:
    out = work / f"cover-{lang}.pdf"
    code, _, err = sign(answers, out, work / "t.p12", "--allow-missing-evidence", "--lang", lang)
    assert code == 0, err
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout)[1])  # type: ignore[index]

    def page(n: int) -> str:
        text = " ".join(pdftotext(out, "-f", str(n), "-l", str(n)).split())
        return "".join(text.split()) if lang == "zh" else text

    assert cover in page(1)
    assert header not in page(1)  # the cover has no running header
    assert all(header in page(n) for n in range(2, pages + 1))
    # the answers name plan.pdf, which is not next to them: signed without it
    attached = (
        "1条引用的文件签名时未找到，没有登记摘要（评估人使用了--allow-missing-evidence）。"
        if lang == "zh"
        else "Evidence references whose file was not found at signing: 1; they have no digest"
    )
    assert attached in page(pages)
    assert ("随附" if lang == "zh" else "attached") not in page(pages)  # nothing is attached


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_evidence_left_out_at_signing_is_counted_and_marked(
    third_party: Path, work: Path, lang: Lang
) -> None:
    verdict = verify(third_party.read_bytes(), [work / "tp.pem"])
    (check,) = [c for c in verdict.checks if c.name == "evidence"]
    assert check.outcome == "incomplete"
    assert (texts(verdict, "evidence")) == (
        "答卷列出 2 个证据文件，签名时 1 个登记了摘要（评估人使用了 --allow-missing-evidence），"
        "其余的无法核对。",
        "the answers name 2 evidence files, 1 registered by digest at signing (the assessor used "
        "--allow-missing-evidence); the others cannot be checked.",
    )
    receipt = work / f"ev-{lang}.html"
    invoke("verify", str(third_party), "--receipt", str(receipt), "--lang", lang)
    row = "不完整" if lang == "zh" else "incomplete"
    assert f'<td class="mark">!</td><td>{row}</td>' in receipt.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "warning"),
    [
        ("zh", "（签名已损坏，以下信息不可信）"),
        ("en", "(The signature is broken: what follows cannot be trusted.)"),
    ],
)
def test_broken_receipt_names_the_claimed_signer(
    signed: Path, work: Path, lang: str, warning: str
) -> None:
    data = bytearray(signed.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit in the middle, as a reviewer did
    tampered = work / f"flipped-{lang}.pdf"
    tampered.write_bytes(bytes(data))
    receipt = work / f"flipped-{lang}.html"
    code, out, _ = invoke("verify", str(tampered), "--receipt", str(receipt), "--lang", lang)
    assert code == ExitCode.NOT_VERIFIED, out
    html = receipt.read_text(encoding="utf-8")
    assert f'<p class="warning">{warning}</p>' in html
    name = "Wang Lixin (maturity self-signed TEST certificate - not for real use)"
    assert f"<td>{name}</td>" in html


MODES = {"zh": {"self": "企业自评估"}, "en": {"self": "Self-assessment"}}
RECEIPT_ROWS = {
    "zh": (
        "<tr><th>受评估企业</th><td>{org}</td></tr><tr><th>评估方式</th><td>{mode}</td></tr>"
        "<tr><th>评估日期</th><td>{date}</td></tr><tr><th>等级</th><td>{level}</td></tr>"
        "<tr><th>总分</th><td>{score}</td></tr>",
        "<tr><th>受信任证书</th><td>陈思远 (苏州智造评估认证中心有限公司 第三方评估部; maturity "
        "self-signed TEST certificate - not for real use)</td></tr><tr><th>其指纹（SHA-256）</th>"
        '<td class="hash">{fingerprint}</td></tr>',
        "请向发证机构或资质公示渠道核对这个指纹；被核查方自己交来的证书不能证明什么。",
    ),
    "en": (
        "<tr><th>Company</th><td>{org}</td></tr><tr><th>Assessment mode</th>"
        "<td>{mode}</td></tr><tr><th>Assessment date</th><td>{date}</td></tr>"
        "<tr><th>Level</th><td>{level}</td></tr><tr><th>Score</th><td>{score}</td></tr>",
        "<tr><th>Trusted certificate</th><td>陈思远 (苏州智造评估认证中心有限公司 第三方评估部; "
        "maturity self-signed TEST certificate - not for real use)</td></tr><tr><th>Its "
        'fingerprint (SHA-256)</th><td class="hash">{fingerprint}</td></tr>',
        "Check this fingerprint with the issuing body or the public register of accredited "
        "assessors; a certificate handed over by the party being checked proves nothing.",
    ),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_receipt_names_the_trust_anchor_and_what_was_assessed(
    third_party: Path, work: Path, lang: Lang
) -> None:
    import hashlib

    import yaml
    from cryptography import x509

    from maturity.numbers import fmt_score

    pem = work / "tp.pem"
    der = x509.load_pem_x509_certificate(pem.read_bytes()).public_bytes(serialization.Encoding.DER)
    digest = hashlib.sha256(der).hexdigest()
    verdict = verify(third_party.read_bytes(), [pem])
    assert verdict.assessed is not None
    doc = yaml.safe_load((work / "client" / "tp.yaml").read_text(encoding="utf-8"))
    facts, anchor, note = RECEIPT_ROWS[lang]
    receipt = work / f"anchor-{lang}.html"
    invoke(
        "verify", str(third_party), "--trust", str(pem), "--receipt", str(receipt), "--lang", lang
    )
    html = receipt.read_text(encoding="utf-8")
    assert (
        facts.format(
            org=doc["organisation"]["name"],
            mode=MODES[lang][doc["assessment"].get("mode", "self")],
            date=doc["assessment"]["date"],
            level=verdict.assessed.level,
            score=fmt_score(verdict.assessed.score),
        )
        in html
    )
    grouped = " ".join(digest[i : i + 16] for i in range(0, 64, 16))
    assert anchor.format(fingerprint=grouped) in html
    assert note in html
    pdf = work / f"anchor-{lang}.pdf"
    invoke("verify", str(third_party), "--trust", str(pem), "--receipt", str(pdf), "--lang", lang)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(r"Pages:\s+1\n", info.stdout), info.stdout


@pytest.mark.parametrize(
    ("lang", "row"),
    [
        (
            "zh",
            "<tr><th>受信任证书</th><td>无：签名人未链到受信任证书。请向发证机构或资质公示渠道核对"
            "证书指纹。</td></tr>",
        ),
        (
            "en",
            "<tr><th>Trusted certificate</th><td>none: the signer does not chain to a trusted "
            "certificate. Check the certificate&#x27;s fingerprint with the issuing body or the "
            "public register of accredited assessors.</td></tr>",
        ),
    ],
)
def test_receipt_without_trust_says_where_to_check_the_fingerprint(
    third_party: Path, work: Path, lang: str, row: str
) -> None:
    receipt = work / f"no-anchor-{lang}.html"
    code, _, _ = invoke("verify", str(third_party), "--receipt", str(receipt), "--lang", lang)
    assert code == ExitCode.UNTRUSTED
    assert row in receipt.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "row"),
    [
        ("zh", "<tr><th>评估人</th><td>未读取（嵌入的答卷未经核验，不予采信）</td></tr>"),
        (
            "en",
            "<tr><th>Assessor</th><td>not read (the embedded answers were not verified, so not "
            "relied on)</td></tr>",
        ),
    ],
)
def test_broken_receipt_does_not_say_none_given_for_what_it_did_not_read(
    signed: Path, work: Path, lang: str, row: str
) -> None:
    data = bytearray(signed.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered = work / f"unread-{lang}.pdf"
    tampered.write_bytes(bytes(data))
    receipt = work / f"unread-{lang}.html"
    invoke("verify", str(tampered), "--receipt", str(receipt), "--lang", lang)
    html = receipt.read_text(encoding="utf-8")
    assert row in html
    assert "未提供" not in html and "none given" not in html


def test_tampered_receipt_records_the_anchor_given_and_every_check_not_run(
    signed: Path, work: Path, test_pem: Path
) -> None:
    import hashlib

    data = bytearray(signed.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered = work / "tampered-anchor.pdf"
    tampered.write_bytes(bytes(data))
    receipt = work / "tampered-anchor.html"
    code, _, _ = invoke(
        "verify", str(tampered), "--trust", str(test_pem), "--receipt", str(receipt),
        "--lang", "zh",
    )  # fmt: skip
    assert code == ExitCode.NOT_VERIFIED
    html = receipt.read_text(encoding="utf-8")
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    der = x509.load_pem_x509_certificate(test_pem.read_bytes()).public_bytes(Encoding.DER)
    print_ = hashlib.sha256(der).hexdigest()[:16]
    assert f"（指纹 {print_}…）；因签名已损坏，未检查证书链</td>" in html
    assert "无：签名人未链到受信任证书" not in html  # the false record the reviewer found
    for name in ("签名人", "计分规则", "重新计分", "证据"):
        assert f"<th>{name}</th><td>未检查（签名检查未通过）</td>" in html
    assert "<tr><th>受评估企业（自称）</th><td>Test Works（未经核验）</td></tr>" in html
    # the verdict comes first, under the title; the clerk's filing line last
    assert html.index('class="verdict"') < html.index("<table")
    assert "核验人：__________　日期：__________　归档编号：__________" in html


def test_verify_names_the_firm_first_and_labels_the_accreditation(
    signed: Path, test_pem: Path, work: Path
) -> None:
    code, out, _ = invoke("verify", str(signed), "--trust", str(test_pem), "--lang", "zh")
    assert code == ExitCode.TEST_SIGNED
    assert out.splitlines()[0] == "受评估企业（据嵌入答卷）：Test Works · 评估日期 2026-11-20"
    receipt = work / "accredited.html"
    invoke("verify", str(signed), "--trust", str(test_pem), "--receipt", str(receipt))
    html = receipt.read_text(encoding="utf-8")
    assert "<td>CMMM-A-0042 (self-declared, not checked)</td>" in html
    assert "not checked by this tool: check the number and the assessor" in html
    page = "".join(pdftotext(signed).split())
    assert "资质证书编号（评估人自报，未经本工具核验）CMMM-A-0042" in page


def test_third_party_cover_states_what_the_answers_back(work: Path) -> None:
    """The cover says independence is the assessor's own statement and counts the high ratings
    without evidence; the CLI gives one total instead of a warning per requirement."""
    from maturity.questionnaire import load_questionnaire
    from maturity.schema.base import Profile

    q = load_questionnaire(MINI)
    applicable = [r for r in q.applicable(Profile.discrete) if r.level <= 2]
    ratings: dict[str, object] = {r.id: "full" for r in applicable}
    ratings[applicable[0].id] = {"rating": "full", "evidence": ["site visit notes"]}
    doc = answer_doc(q, ratings)
    doc["assessment"]["mode"] = "third_party"
    path = write_yaml(work / "tp-cover.yaml", doc)
    out = work / "tp-cover.html"
    code, _, err = invoke("report", str(path), "-o", str(out), "--lang", "zh")
    assert code == 0, err
    claimed, missing = len(applicable), len(applicable) - 1
    flat = "".join(err.split())
    assert f"共{missing}条高评分（全部满足或大部分满足）未列证据" in flat
    assert flat.count("没有列出证据") == 0  # not one warning per requirement
    html = out.read_text(encoding="utf-8")
    assert "本报告由评估人（自述独立于受评估企业）作答" in html
    assert "依据现场证据" not in html
    assert (
        f"在 {claimed} 条评为“全部满足”或“大部分满足”的要求中，有 {missing} 条未列出证据"
        "（见附录“检查提示”）。"
    ) in html
    assert f"{missing} 条高评分未列证据（第三方评估，见附录“检查提示”）" in html


def test_a_cut_list_of_missing_evidence_says_how_many_in_all(work: Path, test_pem: Path) -> None:
    from maturity.questionnaire import load_questionnaire
    from maturity.schema.base import Profile

    q = load_questionnaire(MINI)
    applicable = [r.id for r in q.applicable(Profile.discrete)][:7]
    ratings: dict[str, object] = {
        rid: {"rating": "full", "evidence": [f"scan-{i}.pdf"]} for i, rid in enumerate(applicable)
    }
    path = write_yaml(work / "seven-missing.yaml", answer_doc(q, ratings))
    code, _, err = sign(path, work / "seven.pdf", work / "t.p12", "--lang", "zh")
    assert code == 2
    flat = "".join(err.split())
    assert "scan-0.pdf;scan-1.pdf;scan-2.pdf;scan-3.pdf;scan-4.pdf等7个。" in flat, err
