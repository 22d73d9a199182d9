"""Transliteration-blind keys: fold a word to plain ASCII letters and rewrite its spellings,
so ``Shoygu`` and ``Shoigu`` or ``von der Leyen`` and ``Leyen`` meet on one key."""

# ``name_key`` folds one word: lowercase; Cyrillic transliterated; ``š ž č ć`` written
# ``sh zh ch ch`` (as the Russian-English translations write them) and other diacritics
# dropped; then the ordered rewrite rules of ``KEY_RULES``. ``surname_key`` keys a surname
# without its leading particles (``von der``) or Arabic article (``al-``).

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pressgraph.resolve.names.record import PersonName

__all__ = [
    "KEY_RULES",
    "NAME_PARTICLES",
    "fold",
    "name_key",
    "surname_key",
    "surname_text_key",
    "wordset",
]

_CHAR_MAP: dict[str, str] = {
    # Russian
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    # Ukrainian, Belarusian
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
    # Kazakh, Kyrgyz, Tajik, Uzbek Cyrillic
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
    "ҳ": "h", "ҷ": "j", "ӣ": "i", "ӯ": "u",
    # Latin letters that do not decompose, or that Russian translations spell out
    "š": "sh", "ž": "zh", "č": "ch", "ć": "ch", "đ": "dj", "ß": "ss", "ø": "o",
    "æ": "ae", "œ": "oe", "ł": "l", "ı": "i", "ə": "a", "ð": "d", "þ": "th",
}  # fmt: skip
_TRANSLATE = str.maketrans(_CHAR_MAP)

KEY_RULES: tuple[tuple[str, str, str], ...] = (
    # (pattern, replacement, why), applied in this order to a folded word
    ("dzh", "j", "Russian дж: Dzhaksybekov = Jaksybekov"),
    ("x", "ks", "Alexander = Aleksandr, Maxim = Maksim"),
    ("w", "v", "German, Polish, Turkmen w: Berdimuhamedow = Berdimuhamedov"),
    ("(?<=[b-df-hj-np-tv-z])yo", "e", "ё after a consonant: Fyodor = Fedor, Artyom = Artem"),
    ("y", "i", "й, ы and glides: Shoygu = Shoigu, Papikyan = Papikian, Yury = Iury"),
    ("^ie", "e", "word-initial е: Yevgeny = Evgeny, Yermakov = Ermakov"),
    ("(?<=[aeiou])i(?=[aeiou])", "", "glide between vowels: Nikolayevich = Nikolaevich"),
    ("(?<![gq])ue", "u", "spelled-out umlaut: Juergen = Jürgen (not the gu of Serguei)"),
    ("oe", "o", "spelled-out umlaut: Joerg = Jörg"),
    ("ae", "a", "spelled-out umlaut: Haensel = Hänsel"),
    (r"(.)\1+", r"\1", "doubled letters: Kassymov = Kasymov, Yuriy (iurii) = Yuri"),
)
_COMPILED_RULES = tuple((re.compile(p), r) for p, r, _ in KEY_RULES)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase ASCII letters only: Cyrillic transliterated, š→sh, other diacritics dropped."""
    lowered = unicodedata.normalize("NFC", text).lower().translate(_TRANSLATE)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if "a" <= c <= "z")


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Transliteration-blind key of a word: fold, then KEY_RULES in order."""
    key = fold(text)
    for pattern, replacement in _COMPILED_RULES:
        key = pattern.sub(replacement, key)
    return key


def wordset(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to read in a table)."""
    return frozenset(text.split())


NAME_PARTICLES = wordset(
    "van von der den de del della di da dos das du la le bin ibn ben abu al el ter ten zu y "
    "af av ul ud"
)
_ARTICLE_PREFIX_RE = re.compile(r"^(?:al|el|ad|ash|as|at|ar|an|az|ul|ud)[-'](?=\w)", re.I)


def surname_key(name: PersonName) -> str:
    """Phonetic and transliteration key of the surname, used to block candidates."""
    return surname_text_key(name.surname)


@lru_cache(maxsize=65536)
def surname_text_key(surname: str) -> str:
    """Key of a surname without leading particles or Arabic article (von der Leyen, al-Baghdadi);
    cached on the text, which names repeat across a corpus."""
    parts = surname.split()
    while len(parts) > 1 and parts[0].casefold() in NAME_PARTICLES:
        parts.pop(0)
    core = _ARTICLE_PREFIX_RE.sub("", "".join(parts))
    return name_key(core) or name_key(surname)
