"""Signing an existing PDF: embed the files that prove the result, then a PAdES signature.

This module knows nothing about templates or scoring: it takes PDF bytes, attachments and a
PKCS#12 credential. pyHanko is imported lazily so that commands that do not sign stay fast.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from maturity.errors import InputError, Problem
from maturity.keys import Credentials
from maturity.numbers import fmt_score
from maturity.schema.answers import AnswerFile
from maturity.text import first_control
from maturity.yamlio import file_sha256

if TYPE_CHECKING:  # pyHanko loads only when a report is signed
    from pyhanko.pdf_utils.content import PdfContent
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.layout import BoxConstraints
    from pyhanko.pdf_utils.writer import BasePdfFileWriter
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko.stamp import TextStamp, TextStampStyle

FIELD_NAME = "MaturityAssessorSignature"
# Visible signature box on the last page, in PDF points from the bottom-left corner of an A4 page;
# the report's signature page leaves this area empty (see partials/signature.html.j2). English on
# the left half (pyHanko's text, which verify reads back), Chinese on the right (a small PDF).
SIGNATURE_BOX = (48, 52, 547, 166)
_HALF = (SIGNATURE_BOX[2] - SIGNATURE_BOX[0]) / 2

ANSWERS = "answers.yaml"
RESULT = "result.json"
RULES = "rules.yaml"
MANIFEST = "evidence-manifest.json"


def check_names(answers: AnswerFile, file: str) -> None:
    """Refuse names with control characters (e.g. terminal escape sequences) before they go onto a
    signed report."""
    assessor = answers.assessment.assessor
    fields = {
        "organisation.name": answers.organisation.name,
        "assessment.assessor.name": assessor.name if assessor else None,
        "assessment.assessor.organisation": assessor.organisation if assessor else None,
        "assessment.assessor.accreditation": assessor.accreditation if assessor else None,
    }
    problems = [
        Problem("sign.control_char", {"field": name, "char": char}, file=file)
        for name, value in fields.items()
        if value is not None and (char := first_control(value)) is not None
    ]
    if problems:
        raise InputError(problems)


def stamp_lines(
    level: int,
    score: float,
    answers_sha256: str,
    accreditation: str | None = None,
    test: bool = False,
    organisation: str | None = None,
) -> list[str]:
    """The lines of the visible signature box above its signing time; verify reads them back and
    checks them. Latin only: pyHanko's built-in font has no Chinese glyphs (see docs/signing.md).
    Without ``organisation``: the box of reports signed before it named the firm (verify still
    accepts it)."""
    label = (
        "Accreditation" if organisation is None else "Accreditation (self-declared, not checked)"
    )
    lines = [
        "maturity signed report",
        *([] if organisation is None else [org_line(organisation)]),
        f"Level {level}, score {fmt_score(score)}",  # floored like every score shown
        f"answers sha256 {answers_sha256[:16]}...",
        f"{label}: {accreditation}" if accreditation else "Accreditation: none given",
    ]
    return [*lines, TEST_STAMP] if test else lines


def org_line(name: str) -> str:
    """The assessed firm in the box's Latin half: its name when that is plain ASCII, else a digest
    of it (the Chinese half shows the name; verify checks either against the embedded answers)."""
    if name.isascii() and name.isprintable():
        return f"Org: {name}"
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]
    return f"Org: sha256 {digest} (name on the right)"


TEST_STAMP = "TEST certificate - not for real use"
# pyHanko formats the signing time with this; SignatureStamp turns it into local_time()
_TS_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
BEIJING = dt.timezone(dt.timedelta(hours=8))


def stamp_lines_zh(
    level: int,
    score: float,
    accreditation: str | None,
    test: bool,
    organisation: str = "",
    answers_sha256: str = "",
) -> list[str]:
    """The Chinese half of the signature box (the signing time is added when signing)."""
    lines = [
        "maturity 数字签名报告（左栏为机读行，供 verify 核对）",
        f"受评估企业：{organisation}",
        f"等级 {level}，总分 {fmt_score(score)}",
        f"答卷摘要 {answers_sha256[:16]}…",
        f"资质编号（自报，未核验）：{accreditation}" if accreditation else "资质编号：未提供",
    ]
    return [*lines, "测试证书，不得用于正式报告"] if test else lines


def beijing_time(moment: dt.datetime) -> str:
    """'北京时间 2026-11-30 21:42' when this computer's zone is not Beijing's, else ''."""
    if moment.astimezone().utcoffset() == BEIJING.utcoffset(None):
        return ""
    return f"北京时间 {moment.astimezone(BEIJING):%Y-%m-%d %H:%M}"


def stamp_text(lines: Sequence[str]) -> str:
    """The signature box text for pyHanko: our lines, then the signing time."""
    return "\n".join([*lines, "%(ts)s"])


def local_time(moment: dt.datetime) -> str:
    """'2026-11-30 18:20 CST (UTC+08:00)': this computer's local time with its zone, for people."""
    local = moment.astimezone()
    offset = local.strftime("%z")
    zone = local.tzname() or ""
    shown_zone = "" if zone.startswith(("+", "-", "UTC")) else f"{zone} "
    return f"{local:%Y-%m-%d %H:%M} {shown_zone}(UTC{offset[:3]}:{offset[3:]})"


@dataclass(frozen=True)
class Attachment:
    name: str
    data: bytes
    mime: str
    description: str


@dataclass(frozen=True)
class EvidenceFile:
    requirement: str
    path: str  # as written in the answer file
    sha256: str
    size: int


def evidence_manifest(
    evidence: Sequence[tuple[str, str]], base: Path, *more: Path
) -> list[EvidenceFile]:
    """sha256 of every evidence entry that names a file at hand: at or below the answer file's
    folder ``base``, or one of the ``more`` evidence folders (the first that has it)."""
    out: list[EvidenceFile] = []
    seen: set[tuple[str, str]] = set()
    for requirement, entry in evidence:
        found = find_evidence(entry, (base, *more))
        if (requirement, entry) in seen or found is None:
            continue
        seen.add((requirement, entry))
        digest, size = file_sha256(found, entry)  # streamed: evidence can be large
        out.append(EvidenceFile(requirement, entry, digest, size))
    return out


def find_evidence(entry: str, folders: Sequence[Path]) -> Path | None:
    """The file ``entry`` names in the first folder that holds it. Only at or below a folder,
    links resolved: the manifest must be checkable there, and '..' or a link may not reach out."""
    for folder in folders:
        root = folder.resolve()
        try:
            candidate = (root / entry).resolve()
        except (OSError, ValueError):  # a loop of links, a NUL: no file
            continue
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate
    return None


# "plan.pdf", "证据/MES验收报告.pdf": an entry ending in a file extension names a file; other
# entries ("monthly meeting minutes") describe evidence in words
_FILE_NAME = re.compile(r"[^\n]*\.(?=[A-Za-z0-9]{1,8}$)[0-9]*[A-Za-z][A-Za-z0-9]*")


def names_a_file(entry: str) -> bool:
    return _FILE_NAME.fullmatch(entry.strip()) is not None


def evidence_entries(answers: AnswerFile) -> list[tuple[str, str]]:
    """Every (requirement, evidence item) the answers give, files and plain words alike."""
    return [
        (req_id, item)
        for req_id, answer in answers.answers.items()
        if answer is not None
        for item in answer.evidence
    ]


def unattached(entries: Sequence[tuple[str, str]], attached: set[tuple[str, str]]) -> list[str]:
    """The entries that name a file yet are not in the manifest (--allow-missing-evidence)."""
    return [item for req, item in entries if (req, item) not in attached and names_a_file(item)]


def manifest_json(files: Sequence[EvidenceFile]) -> bytes:
    payload = {"format": "maturity-evidence/1", "files": [f.__dict__ for f in files]}
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def sign_pdf(
    pdf: bytes,
    credentials: Credentials,
    attachments: Sequence[Attachment],
    *,
    reason: str,
    location: str | None = None,
    stamp_text: str,
    stamp_zh: Sequence[str] = (),
    now: dt.datetime | None = None,
) -> bytes:
    """Embed ``attachments`` and sign the whole document (certifying: no later change is
    allowed)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    _embed(writer, attachments, now or dt.datetime.now(dt.UTC))
    last_page = int(writer.root["/Pages"]["/Count"]) - 1
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        certify=True,
        docmdp_permissions=fields.MDPPerm.NO_CHANGES,
    )
    pdf_signer = signers.PdfSigner(
        meta,
        _signer(credentials),
        stamp_style=_stamp_style(stamp_text, stamp_zh),
        new_field_spec=fields.SigFieldSpec(FIELD_NAME, on_page=last_page, box=SIGNATURE_BOX),
    )
    out = BytesIO()
    pdf_signer.sign_pdf(writer, output=out)
    return out.getvalue()


def _stamp_style(text: str, zh: Sequence[str]) -> TextStampStyle:
    """pyHanko's text stamp, with the signing time in local time and zone (pyHanko's own format
    has no UTC offset we can show) and the Chinese lines beside it. pyHanko's built-in font has no
    Chinese glyphs, so they are a small PDF page made when the signing time is known."""
    from dataclasses import replace

    from pyhanko.pdf_utils import layout
    from pyhanko.stamp import TextStampStyle

    class LocalTimeStamp(TextStampStyle):
        def create_stamp(
            self, writer: BasePdfFileWriter, box: BoxConstraints, text_params: dict[str, str]
        ) -> TextStamp:
            moment = local_time(dt.datetime.strptime(text_params["ts"], _TS_FORMAT))
            shown = {**text_params, "ts": f"Signed {moment}"}
            if not zh:
                return super().create_stamp(writer, box, shown)
            beijing = beijing_time(dt.datetime.strptime(text_params["ts"], _TS_FORMAT))
            when = [f"签名时间：{moment}", *filter(None, [beijing])]
            page = _bytes_page(_chinese_half([*zh, *when]))
            return super(LocalTimeStamp, replace(self, background=page)).create_stamp(
                writer, box, shown
            )

    half = layout.Margins(left=6, right=int(_HALF) + 3, top=4, bottom=4)
    return LocalTimeStamp(
        stamp_text=text,
        border_width=1,
        timestamp_format=_TS_FORMAT,
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=half,
        ),
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MAX,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins(right=4, top=2, bottom=2),
        ),
        background_opacity=1.0,
    )


def _chinese_half(lines: Sequence[str]) -> bytes:
    """The Chinese lines as a one-page PDF the size of half the signature box (WeasyPrint: the
    report's own renderer, with its fonts)."""
    from html import escape

    from maturity.report.pdf import html_to_pdf

    height = len(lines) * 12 + 4  # 12pt a line: pyHanko centres the page in the box
    body = "".join(f"<p>{escape(line)}</p>" for line in lines)
    html = (
        f"<html><head><style>@page {{ size: {_HALF - 8}pt {height}pt; margin: 2pt 0; }} "
        'body { margin: 0; font: 9pt/12pt "Noto Sans CJK SC", sans-serif; } p { margin: 0; }'
        f"</style></head><body>{body}</body></html>"
    )
    return html_to_pdf(html, [Path.cwd()], needs_cjk=False)[0]


def _bytes_page(data: bytes) -> PdfContent:
    """pyHanko content drawing the first page of the PDF ``data`` (its ImportedPdfPage wants a
    file name)."""
    from pyhanko.pdf_utils.content import ImportedPdfPage
    from pyhanko.pdf_utils.reader import PdfFileReader

    class BytesPage(ImportedPdfPage):
        def render(self) -> bytes:
            xobj = self._ensure_writer.import_page_as_xobject(PdfFileReader(BytesIO(data)))
            self.resources.xobject["/ChineseStamp"] = xobj
            x1, y1, x2, y2 = xobj.get_object()["/BBox"]
            self.box = _box(abs(x1 - x2), abs(y1 - y2))
            return b"/ChineseStamp Do"

    return BytesPage("")  # type: ignore[no-untyped-call]


def _box(width: float, height: float) -> BoxConstraints:
    from pyhanko.pdf_utils.layout import BoxConstraints

    return BoxConstraints(width=width, height=height)


def _signer(credentials: Credentials) -> SimpleSigner:
    """pyHanko's signer for the key checked by keys.load_p12 (not the file read a second time)."""
    from asn1crypto import keys, x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    certificate = x509.Certificate.load(credentials.certificate.public_bytes(Encoding.DER))
    chain = [x509.Certificate.load(der) for der in credentials.chain_der]
    return signers.SimpleSigner(
        signing_cert=certificate,
        signing_key=keys.PrivateKeyInfo.load(credentials.key_der),
        cert_registry=SimpleCertificateStore.from_certs([certificate, *chain]),  # type: ignore[no-untyped-call]
    )


def _embed(
    writer: IncrementalPdfFileWriter, attachments: Sequence[Attachment], moment: dt.datetime
) -> None:
    from pyhanko.pdf_utils import embed

    for item in sorted(
        attachments, key=lambda a: a.name
    ):  # a PDF name tree must be in sorted order
        data = embed.EmbeddedFileObject.from_file_data(
            writer,
            data=item.data,
            mime_type=item.mime,
            params=embed.EmbeddedFileParams(creation_date=moment, modification_date=moment),
        )
        embed.embed_file(
            writer,
            embed.FileSpec(
                file_spec_string=item.name,
                file_name=item.name,
                embedded_data=data,
                description=item.description,
            ),
        )
