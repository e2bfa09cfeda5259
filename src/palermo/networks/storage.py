"""Checked imports waiting for confirmation: their entities as JSON lines, kept for an hour.

They sit in the evidence root's staging folder (never served, purged with the evidence's
staged imports); the collection itself lives in the database.
"""

import json
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from followthemoney.proxy import EntityProxy

from palermo.evidence import storage as evidence_storage

_TOKEN_CHARS = frozenset("0123456789abcdef")


def _path(token: str) -> Path:
    return evidence_storage.root() / evidence_storage.STAGING / f"net-{token}.jsonl"


def stage(proxies: Iterable[EntityProxy]) -> str:
    evidence_storage.purge_stale()
    token = secrets.token_hex(16)
    path = _path(token)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as handle:
        for proxy in proxies:
            handle.write(json.dumps(proxy.to_dict(), ensure_ascii=False))
            handle.write("\n")
    partial.replace(path)
    return token


def staged(token: str) -> Iterator[dict[str, Any]] | None:
    """The staged entities, or None when the token is unknown or expired."""
    if len(token) != 32 or not set(token) <= _TOKEN_CHARS:
        return None
    path = _path(token)
    if not path.exists():
        return None
    return (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line)


def discard(token: str) -> None:
    if len(token) == 32 and set(token) <= _TOKEN_CHARS:
        _path(token).unlink(missing_ok=True)
