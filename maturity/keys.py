"""Assessor credentials: loading a PKCS#12 file safely, and making a self-signed test one.

Passphrases are passed in as bytes by the caller (the CLI reads them from the environment or a
hidden prompt); they are never logged, printed or put in an error message.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from maturity.errors import InputError, Problem
from maturity.yamlio import read_bytes

MAX_CREDENTIAL_BYTES = 1024 * 1024  # a PKCS#12 or certificate file is a few KB
TEST_ORGANISATION = "maturity self-signed TEST certificate - not for real use"


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
    moment = now or dt.datetime.now(dt.UTC)
    if cert.not_valid_before_utc > moment:
        raise InputError([Problem("sign.not_yet_valid", {"date": cert.not_valid_before_utc.date().isoformat()}, file=name)])
    if cert.not_valid_after_utc < moment:
        raise InputError([Problem("sign.expired", {"date": cert.not_valid_after_utc.date().isoformat()}, file=name)])
    key_der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return Credentials(
        path=path,
        certificate=cert,
        subject=cert.subject.rfc4514_string(),
        key_der=key_der,
        chain_der=tuple(c.public_bytes(serialization.Encoding.DER) for c in chain or ()),
    )


def make_test_credentials(
    name: str, organisation: str | None, passphrase: bytes, days: int = 365, start: dt.datetime | None = None
) -> tuple[bytes, bytes]:
    """A self-signed EC P-256 certificate and key as (PKCS#12 bytes, certificate PEM bytes).

    The organisation field always says TEST, so such a report can never pass for a real one.
    """
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, TEST_ORGANISATION),
            *([x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, organisation)] if organisation else []),
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
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .sign(key, hashes.SHA256())
    )
    p12 = pkcs12.serialize_key_and_certificates(name.encode("utf-8"), key, cert, None, serialization.BestAvailableEncryption(passphrase))
    return p12, cert.public_bytes(serialization.Encoding.PEM)


def load_trust(paths: list[Path]) -> list[bytes]:
    """Trusted certificates (PEM or DER) as DER bytes."""
    out: list[bytes] = []
    for path in paths:
        data = read_bytes(path, max_bytes=MAX_CREDENTIAL_BYTES)
        try:
            certs = x509.load_pem_x509_certificates(data) if b"-----BEGIN" in data else [x509.load_der_x509_certificate(data)]
        except ValueError:
            raise InputError([Problem("verify.bad_trust", file=str(path))]) from None
        out += [c.public_bytes(serialization.Encoding.DER) for c in certs]
    return out
