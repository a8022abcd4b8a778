"""Assessor credentials: loading a PKCS#12 file safely, and making a self-signed test one.

Passphrases are passed in as bytes by the caller (the CLI reads them from the environment or a
hidden prompt); they are never logged, printed or put in an error message.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from maturity.errors import InputError, Problem
from maturity.yamlio import read_bytes

_Ext = TypeVar("_Ext", bound=x509.ExtensionType)

MAX_CREDENTIAL_BYTES = 1024 * 1024  # a PKCS#12 or certificate file is a few KB
TEST_ORGANISATION = "maturity self-signed TEST certificate - not for real use"
# Extended key usages that allow signing documents, if a certificate limits them at all: any
# purpose, e-mail protection (S/MIME certificates, also keygen's), document signing (RFC 9336),
# Adobe, Microsoft
SIGNING_EKUS = frozenset(
    {
        "2.5.29.37.0",
        "1.3.6.1.5.5.7.3.4",
        "1.3.6.1.5.5.7.3.36",
        "1.2.840.113583.1.1.5",
        "1.3.6.1.4.1.311.10.3.12",
    }
)


@dataclass(frozen=True)
class Credentials:
    """A checked key and certificate, loaded once: signing uses these, not the file again."""

    path: Path
    certificate: x509.Certificate
    subject: str
    key_der: bytes = field(repr=False)  # PKCS#8, unencrypted, in memory only
    chain_der: tuple[bytes, ...] = ()


def load_p12(path: Path, passphrase: bytes, now: dt.datetime | None = None) -> Credentials:
    """Open ``path`` and check that it holds a key and a certificate valid now."""
    name = str(path)
    data = read_bytes(path, max_bytes=MAX_CREDENTIAL_BYTES)
    try:
        key, cert, chain = pkcs12.load_key_and_certificates(data, passphrase)
    except ValueError as exc:
        # cryptography says "Invalid password or PKCS12 data" for a wrong passphrase and
        # "Could not deserialize PKCS12 data" for a file that is no PKCS#12 at all
        key_name = "sign.bad_passphrase" if "password" in str(exc).lower() else "sign.not_p12"
        raise InputError([Problem(key_name, file=name)]) from None
    if key is None or cert is None:
        raise InputError([Problem("sign.no_key", file=name)])
    unfit = unfit_to_sign(cert, now or dt.datetime.now(dt.UTC))
    if unfit is not None:
        raise InputError([Problem(f"sign.{unfit[0]}", unfit[1], file=name)])
    key_der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return Credentials(
        path=path,
        certificate=cert,
        subject=cert.subject.rfc4514_string(),
        key_der=key_der,
        chain_der=tuple(c.public_bytes(serialization.Encoding.DER) for c in chain or ()),
    )


# why a certificate cannot sign; the catalogue has
# "sign.<reason>" and "verify.cert_<reason>" for each
Unfit = Literal["not_yet_valid", "expired", "ca", "key_usage", "extended_key_usage"]


def unfit_to_sign(
    cert: x509.Certificate, moment: dt.datetime
) -> tuple[Unfit, dict[str, object]] | None:
    """Why ``cert`` cannot sign a report at ``moment`` as (reason, params), or None if it can.

    The one rule for signing and verifying: valid at that moment, an end-entity (not a CA)
    certificate, key usage digitalSignature or nonRepudiation, and an extended key usage, if
    present, that allows signing documents.
    """
    if cert.not_valid_before_utc > moment:
        return "not_yet_valid", {"date": cert.not_valid_before_utc.date().isoformat()}
    if cert.not_valid_after_utc < moment:
        return "expired", {"date": cert.not_valid_after_utc.date().isoformat()}
    constraints = _extension(cert, x509.BasicConstraints)
    if constraints is not None and constraints.ca:
        return "ca", {}
    usage = _extension(cert, x509.KeyUsage)
    if usage is None or not (usage.digital_signature or usage.content_commitment):
        return "key_usage", {}
    purposes = _extension(cert, x509.ExtendedKeyUsage)
    if purposes is not None and not {oid.dotted_string for oid in purposes} & SIGNING_EKUS:
        return "extended_key_usage", {}
    return None


def _extension(cert: x509.Certificate, kind: type[_Ext]) -> _Ext | None:
    try:
        return cert.extensions.get_extension_for_class(kind).value
    except x509.ExtensionNotFound:
        return None


def is_test_certificate(names: list[x509.Name]) -> bool:
    """Whether any of these subject or issuer names is a ``maturity keygen`` TEST certificate's."""
    return any(
        attr.value == TEST_ORGANISATION
        for name in names
        for attr in name.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    )


def signs_with_test_certificate(credentials: Credentials) -> bool:
    """Whether these credentials' certificate, or one of its chain, is a keygen TEST one."""
    chain = [x509.load_der_x509_certificate(der) for der in credentials.chain_der]
    cert = credentials.certificate
    return is_test_certificate([cert.subject, cert.issuer, *(c.subject for c in chain)])


def make_test_credentials(
    name: str,
    organisation: str | None,
    passphrase: bytes,
    days: int = 365,
    start: dt.datetime | None = None,
) -> tuple[bytes, bytes]:
    """A self-signed EC P-256 certificate and key as (PKCS#12 bytes, certificate PEM bytes).

    The organisation field always says TEST, so such a report can never pass for a real one; the
    certificate is an end-entity one (no CA, no keyCertSign), so it cannot issue certificates
    either.
    """
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, TEST_ORGANISATION),
            *(
                [x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, organisation)]
                if organisation
                else []
            ),
        ]
    )
    begin = start or dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(begin)
        .not_valid_after(begin + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    p12 = pkcs12.serialize_key_and_certificates(
        name.encode("utf-8"), key, cert, None, serialization.BestAvailableEncryption(passphrase)
    )
    return p12, cert.public_bytes(serialization.Encoding.PEM)


def load_trust(paths: list[Path]) -> list[bytes]:
    """Trusted certificates (PEM or DER) as DER bytes."""
    out: list[bytes] = []
    for path in paths:
        data = read_bytes(path, max_bytes=MAX_CREDENTIAL_BYTES)
        try:
            certs = (
                x509.load_pem_x509_certificates(data)
                if b"-----BEGIN" in data
                else [x509.load_der_x509_certificate(data)]
            )
        except ValueError:
            raise InputError([Problem("verify.bad_trust", file=str(path))]) from None
        out += [c.public_bytes(serialization.Encoding.DER) for c in certs]
    return out
