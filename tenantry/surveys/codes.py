"""Households' personal codes: what is printed on a letter, and the hash that is stored.

A code is derived from the server's secret key and the invitation's random salt, so a letter
can be printed again, while the database holds only the code's SHA-256 hash: a copy of the
database alone cannot answer a survey for anyone.
"""

import hashlib
import hmac

from django.conf import settings

# Codes avoid letters and digits that look alike (0 and O, 1 and I) so they can be typed from
# a letter. 32 symbols × 12 places: about 10¹⁸ codes, far too many to guess.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 12


def normalise(text: str) -> str:
    """Upper case without spaces or dashes; the look-alikes O, I and L read as 0, 1 would be
    are not in the alphabet, so a mistyped one simply matches nothing."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def hash_code(code: str) -> str:
    return hashlib.sha256(normalise(code).encode()).hexdigest()


def derive(salt: str) -> str:
    """The code for a salt, grouped in fours: KXPT-M4RW-9QZD."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"tenantry.survey-invitation:{salt}".encode(), "sha256"
    ).digest()
    number = int.from_bytes(digest, "big")
    symbols = []
    for _ in range(LENGTH):
        number, index = divmod(number, len(ALPHABET))
        symbols.append(ALPHABET[index])
    raw = "".join(symbols)
    return "-".join(raw[i : i + 4] for i in range(0, LENGTH, 4))
