"""Keys of names that survive transliteration between Urdu (or Arabic) and Latin script.

The same person is written "Muhammad Ali Khan", "Mohammad Ali Khan" and "محمد علی خان".
Latin spellings of Urdu names differ mostly in vowels, and Urdu script writes few short
vowels, so both are reduced to a consonant skeleton: the name is transliterated to ASCII
(ICU, through `normality`), lower-cased, and the letters that carry vowels or are often
silent in transliteration (a e i o u y w h) are dropped, then doubled letters collapse.
"Muhammad" and "محمد" both give "md", "Tufail" and "طفیل" both "tfl".

A skeleton is coarse on purpose: it finds candidates, and the score then weighs how many
tokens agree and the other evidence (dates, identifiers, places).
"""

import re
import unicodedata
from functools import lru_cache

from normality import ascii_text

_DROPPED = re.compile(r"[aeiouywh]")
_NOT_LETTER = re.compile(r"[^a-z ]+")
_REPEATS = re.compile(r"(.)\1+")
# Written forms that mean the same sound in common transliterations.
_SOUNDS = (("ph", "f"), ("q", "k"), ("ck", "k"), ("c", "k"), ("z", "s"), ("x", "ks"))


@lru_cache(maxsize=65_536)
def latin(name: str) -> str:
    """The name in lower-case ASCII letters and single spaces."""
    text = ascii_text(unicodedata.normalize("NFKC", name)) or ""
    return " ".join(_NOT_LETTER.sub(" ", text.lower()).split())


def skeleton(token: str) -> str:
    for written, sound in _SOUNDS:
        token = token.replace(written, sound)
    return _REPEATS.sub(r"\1", _DROPPED.sub("", token))


@lru_cache(maxsize=65_536)
def tokens(name: str) -> tuple[str, ...]:
    """The skeletons of a name's words, sorted; words that leave nothing are dropped."""
    return tuple(sorted(key for word in latin(name).split() if (key := skeleton(word))))


def is_latin(name: str) -> bool:
    return all(ord(char) < 0x250 for char in name if char.isalpha())
