"""Human-typable random codes (invitations, resume codes), stored only as hashes."""

from __future__ import annotations

import hashlib
import secrets

#: Crockford-style alphabet: no I, L, O or U, so codes survive being read aloud.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS, GROUP_SIZE = 4, 4  # 16 symbols = 80 bits


def new_code() -> str:
    """A fresh code like ``7KQ2-M9XD-0RTE-H4PA``."""
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_SIZE))
    return "-".join(symbols[i : i + GROUP_SIZE] for i in range(0, len(symbols), GROUP_SIZE))


def normalize(code: str) -> str:
    """Accept lower case, spaces and dashes, and the usual misreadings (O->0, I/L->1)."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    return cleaned.translate(str.maketrans("OIL", "011"))


def code_hash(code: str) -> str:
    """SHA-256 of the normalized code; 80 random bits make a plain hash enough."""
    return hashlib.sha256(normalize(code).encode()).hexdigest()


def looks_like_code(code: str) -> bool:
    cleaned = normalize(code)
    return len(cleaned) == GROUPS * GROUP_SIZE and all(ch in ALPHABET for ch in cleaned)
