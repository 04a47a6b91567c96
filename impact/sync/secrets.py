"""Keys and tokens of sources, encrypted at rest.

A source's key or token is encrypted with Fernet (AES-128-CBC with HMAC-SHA256, from the maintained
`cryptography` package) before it enters the store, under a key kept outside it: the environment's
IMPACT_SECRET_KEY, else a key file (IMPACT_KEY_FILE, default ~/.config/impact/secret.key) made on
first use with permissions 0600. A copy of the store (a backup, a stolen laptop's data folder) holds
no usable token without that key. After entry only the last 4 characters are ever shown.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken


class SecretError(RuntimeError):
    """A token cannot be decrypted (the key changed or is missing): it must be entered again."""


def key_file() -> Path:
    configured = os.environ.get("IMPACT_KEY_FILE")
    if configured:
        return Path(configured)
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "impact" / "secret.key"


def _key() -> bytes:
    from_env = os.environ.get("IMPACT_SECRET_KEY")
    if from_env:
        return from_env.strip().encode("ascii")
    path = key_file()
    if path.is_file():
        return path.read_bytes().strip()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = Fernet.generate_key()
    # O_EXCL: two processes making the key at once cannot both write one.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(key)
    return key


def encrypt(secret: str) -> str:
    return Fernet(_key()).encrypt(secret.encode("utf-8")).decode("ascii")


def decrypt(ciphertext: str) -> str:
    try:
        return Fernet(_key()).decrypt(ciphertext.encode("ascii")).decode("utf-8")
    except (InvalidToken, ValueError):
        raise SecretError(
            "the source's key or token cannot be read with this machine's secret key (it changed or is "
            "missing); remove the source and add it again with its key or token."
        ) from None


def hint(secret: str) -> str:
    """What may be shown of a secret: its last 4 characters."""
    return "…" + secret[-4:] if len(secret) > 8 else "…"


_KEY_RUN = re.compile(r"[A-Za-z0-9_\-]{8,}")
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]")


def without_secret(text: str, secret: str, instead: str) -> str:
    """A server's message as it may be shown: the secret (or 8 and more of its characters in a row, a quote
    cut short) replaced with `instead`; an empty message when the secret can still be read once the marks,
    spaces or invisible characters between its parts are taken out. Tags and entities must be gone first."""
    if not secret:
        return text
    text = _KEY_RUN.sub(lambda run: instead if run.group(0) in secret else run.group(0), text.replace(secret, instead))
    core = _NOT_ALNUM.sub("", secret)
    return "" if core and core in _NOT_ALNUM.sub("", text) else text
