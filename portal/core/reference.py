"""Reference codes: short enough to read over the phone, random enough not to be guessed.

A code is eight random characters of Crockford's base32 alphabet (no I, L, O or U, so nothing
is mistaken for 1, 0 or V) and a check character computed with the Luhn mod N algorithm, which
catches every single mistyped character and most swapped neighbours. Shown as ``XXXX-XXXX-C``.
Typed input is forgiving: lower case, spaces, missing dashes, O for 0 and I or L for 1 are read
as meant.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_LENGTH = 8
_VALUE = {char: index for index, char in enumerate(ALPHABET)}
_TYPO = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _check_character(body: str) -> str:
    """The Luhn mod 32 check character for ``body``."""
    base = len(ALPHABET)
    factor = 2
    total = 0
    for char in reversed(body):
        addend = factor * _VALUE[char]
        factor = 1 if factor == 2 else 2
        total += addend // base + addend % base
    return ALPHABET[(base - total % base) % base]


def reference_generate() -> str:
    """A new random reference code, formatted ``XXXX-XXXX-C``."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return f"{body[:4]}-{body[4:]}-{_check_character(body)}"


def reference_normalise(text: str) -> str | None:
    """The canonical form of a typed reference code, or None if it cannot be one."""
    compact = "".join(text.split()).replace("-", "").upper().translate(_TYPO)
    if len(compact) != RANDOM_LENGTH + 1 or any(char not in _VALUE for char in compact):
        return None
    body, check = compact[:-1], compact[-1]
    if _check_character(body) != check:
        return None
    return f"{body[:4]}-{body[4:]}-{check}"
