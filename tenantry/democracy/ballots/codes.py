"""Voters' single-use codes, and the seal on a vote while it waits to be opened.

A code is derived from the server's secret key, the ballot and the voter's random salt, so a
paper ballot can be printed again; the database keeps only its SHA-256 hash (the alphabet and
hash are the survey codes', `surveys/codes.py`). A copy of the database alone cannot vote.

An envelope is sealed with Fernet (AES-128 in CBC with an HMAC) under a key derived from the
same secret; the token's clear timestamp is set to zero so it says nothing of when it was cast.
"""

import base64
import hashlib
import hmac
import json

from cryptography.fernet import Fernet
from django.conf import settings

from tenantry.surveys.codes import ALPHABET, LENGTH, hash_code, normalise

__all__ = ["hash_code", "normalise", "open_seal", "seal", "voter_code"]


def _digest(purpose: str) -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), purpose.encode(), hashlib.sha256).digest()


def voter_code(ballot_id: int, salt: str) -> str:
    """The code for a voter on a ballot, grouped in fours: KXPT-M4RW-9QZD."""
    number = int.from_bytes(_digest(f"tenantry.ballot-code:{ballot_id}:{salt}"), "big")
    symbols = []
    for _ in range(LENGTH):
        number, index = divmod(number, len(ALPHABET))
        symbols.append(ALPHABET[index])
    raw = "".join(symbols)
    return "-".join(raw[i : i + 4] for i in range(0, LENGTH, 4))


def _fernet() -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_digest("tenantry.ballot-envelope")))


def seal(*, choices: list[int], secure_tenant: bool, spoilt: bool) -> bytes:
    """A vote sealed for its envelope."""
    data = json.dumps({"c": sorted(choices), "s": secure_tenant, "x": spoilt}).encode()
    return _fernet().encrypt_at_time(data, 0)


def open_seal(sealed: bytes) -> dict:
    """{"c": option ids, "s": secure tenant, "x": spoilt} from a sealed envelope."""
    return json.loads(_fernet().decrypt(bytes(sealed)))
