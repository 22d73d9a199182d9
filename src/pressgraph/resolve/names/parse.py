"""Parsing a bare name into a PersonName: read the name order (Western, surname-first Russian,
Turkic, Chinese or Korean) from the shape of its tokens and split off initials and patronymic."""

# - surname-first forms are recognized by a patronymic in last place (``Semerikov Valery
#   Nikolaevich``), by trailing initials (``Semerikov V.N.``), by an all-caps surname
#   (``SEMERIKOV Valery``), or by a surname-shaped word before a known given name
#   (``Ivanov Sergey``); and reordered;
# - Chinese and Korean names (``Xie Xiaoyong``, ``Ban Ki-moon``) keep their written order for
#   display (``surname_first=True``) but are parsed with the surname first, so a later
#   ``Mr. Xie`` finds them: a common Chinese surname followed by pinyin syllables, or a common
#   Korean surname followed by a hyphenated or two-part given name;
# - anything else with several words is Western order: the last word (with particles such as
#   ``von der``) is the surname and the words before it are given names.

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from pressgraph.resolve.names.given import given_name_table
from pressgraph.resolve.names.keys import fold, wordset
from pressgraph.resolve.names.record import PersonName
from pressgraph.resolve.names.tokens import NameToken, clean_name_text, tokenize_name

__all__ = ["looks_personal", "parse_person_name"]

_CAP_PARTICLES = wordset("Van Von De Del Della Di Da Du Dos La Le Al El Bin Ibn")
_PATRONYMIC_RE = re.compile(
    r"(?:vich|vych|ich|ych|ovna|evna|ivna|ichna|ogly|oglu|uly|ugli|kyzy|qizi"
    r"|вич|ич|вна|ична|івна|оглы|кызы|улы)$",
    re.IGNORECASE,
)
_SURNAME_SHAPE_RE = re.compile(
    r"(?:ov|ova|ev|eva|in|ina|yn|sky|ski|skiy|skii|skaya|enko|yan|ian|shvili|dze|vich|uk"
    r"|zoda|zada|zade|ić|vic|cki|wicz|ов|ова|ев|ева|ин|ина|ский|ская|енко|ян)$",
    re.IGNORECASE,
)
_CHINESE_SURNAMES = wordset("""
    wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng
    liang xie song tang han feng deng cao peng zeng xiao tian dong yuan pan cai jiang yu du ye
    cheng wei su lu ding ren shen yao cui zhong tan fan jin shi liao jia xia fu fang bai zou
    meng xiong qin qiu yin xue yan duan lei hou tao gu mao hao gong shao wan qian dai kong
    xiang kang wen niu geng qi xi
    """)
_KOREAN_SURNAMES = wordset("""
    kim lee park choi jung jeong kang cho yoon yun jang lim han oh seo shin kwon hwang ahn song
    yoo ryu hong jeon ko moon yang son bae baek heo nam noh ha kwak sung cha joo woo min ban
    """)
_PINYIN_RE = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie"
    r"|iu|ua|uo|ui|ue|er|a|o|e|i|u|v)){1,3}"
)


def parse_person_name(text: str) -> PersonName | None:
    """Parse a bare name ("Valery Semerikov", "V. Semerikov", "Semerikov Valery Nikolaevich",
    "Semerikov V.N.", "Xie Xiaoyong", "António Guterres"); None when it is not a person name."""
    cleaned = clean_name_text(text)
    tokens = tokenize_name(cleaned) if cleaned else None
    if not tokens or len(tokens) > 6 or not any(t.kind == "W" for t in tokens):
        return None
    return _parse_tokens(tokens)


def looks_personal(name: PersonName) -> bool:
    """True when a parsed name shows a trait of a real person's name: a known given name, a
    patronymic, initials, an East Asian order, or a surname-shaped last word ("-ov", "-enko",
    "-yan"). "Talant Osmonov" does; "Red Notice" does not."""
    if name.patronymic or name.surname_first or (name.initials and not name.given):
        return True
    given = (name.given or "").split()
    if any(given_name_table().canonical(word) is not None for word in given):
        return True
    return _SURNAME_SHAPE_RE.search(name.surname.split()[-1]) is not None


def _parse_tokens(tokens: list[NameToken]) -> PersonName | None:
    """Dispatch on the token shape (I initial, W word, P particle, T patronymic)."""
    shape = "".join(t.kind for t in tokens)
    for pattern, build in _SHAPES:
        if pattern.fullmatch(shape):
            return build(tokens)
    return None


def _split_surname(tokens: Sequence[NameToken]) -> tuple[list[str], str]:
    """Split Western-order words into given words and the surname with its particles."""
    words = [t.text for t in tokens]
    start = len(words) - 1
    while start > 1 and (tokens[start - 1].kind == "P" or words[start - 1] in _CAP_PARTICLES):
        start -= 1
    return words[:start], " ".join(words[start:])


def _make(
    given: Sequence[str],
    surname: str,
    middle: Sequence[str] = (),
    patronymic: str | None = None,
    surname_first: bool = False,
) -> PersonName:
    """Build a PersonName, deriving the initials from the given words and patronymic."""
    initials = [w[0].upper() for w in given] + list(middle)
    if patronymic:
        initials.append(patronymic[0].upper())
    return PersonName(" ".join(given) or None, tuple(initials), patronymic, surname, surname_first)


def _build_surname(tokens: list[NameToken]) -> PersonName:
    return _make((), " ".join(t.text for t in tokens))


def _build_initials_first(tokens: list[NameToken]) -> PersonName:
    initials = [t.text for t in tokens if t.kind == "I"]
    return _make((), " ".join(t.text for t in tokens if t.kind != "I"), middle=initials)


def _build_initials_last(tokens: list[NameToken]) -> PersonName:
    surname = " ".join(t.text for t in tokens if t.kind != "I")
    return _make((), surname, middle=[t.text for t in tokens if t.kind == "I"])


def _build_middle_initials(tokens: list[NameToken]) -> PersonName:
    """George W. Bush: given words, then initials, then the surname with its particles."""
    kinds = [t.kind for t in tokens]
    first, last = kinds.index("I"), len(kinds) - 1 - kinds[::-1].index("I")
    given = [t.text for t in tokens[:first]]
    middle = [t.text for t in tokens[first : last + 1]]
    return _make(given, " ".join(t.text for t in tokens[last + 1 :]), middle=middle)


def _build_turkic_western(tokens: list[NameToken]) -> PersonName:
    _, surname = _split_surname([tokens[0], *tokens[2:]])
    return _make([tokens[0].text], surname, patronymic=tokens[1].text)


def _build_turkic_surname_first(tokens: list[NameToken]) -> PersonName:
    return _make([tokens[1].text], tokens[0].text, patronymic=tokens[2].text)


def _build_particle_surname(tokens: list[NameToken]) -> PersonName:
    """A surname of two words after its particle: "Jaap de Hoop Scheffer", "de Hoop
    Scheffer" alone."""
    first = next(i for i, t in enumerate(tokens) if t.kind == "P")
    words = [t.text for t in tokens]
    return _make(words[:first], " ".join(words[first:]))


def _build_words(tokens: list[NameToken]) -> PersonName:
    """Two or more words without initials: East Asian, surname-first or Western order."""
    words = [t.text for t in tokens]
    plain = all(t.kind == "W" for t in tokens)
    if plain and _is_east_asian(words):
        return _make(words[1:], words[0], surname_first=True)
    if plain and len(words) == 3 and _is_patronymic(words[1]):
        return _make([words[0]], words[2], patronymic=words[1])
    if plain and len(words) == 3 and _is_patronymic(words[2]):
        return _make([words[1]], words[0], patronymic=words[2])
    if plain and (len(words) == 2 or tokens[0].caps) and _is_surname_first(tokens):
        return _make(words[1:], words[0])
    given, surname = _split_surname(tokens)
    return _make(given, surname)


_SHAPES: tuple[tuple[re.Pattern[str], Callable[[list[NameToken]], PersonName]], ...] = (
    # token shapes, tried in order: I initial, W word, P particle, T patronymic
    (re.compile(r"P*W"), _build_surname),  # Semerikov, von Leyen
    (re.compile(r"I+P*W"), _build_initials_first),  # V.N. Semerikov
    (re.compile(r"P*WI+"), _build_initials_last),  # Semerikov V.N.
    (re.compile(r"W+I+P*W"), _build_middle_initials),  # George W. Bush
    (re.compile(r"WTP*W"), _build_turkic_western),  # Ilham Heydar oglu Aliyev
    (re.compile(r"WWT"), _build_turkic_surname_first),  # Aliyev Ilham Heydar oglu
    (re.compile(r"W+P*W"), _build_words),  # everything else with two or more words
    (re.compile(r"W+P+WW"), _build_particle_surname),  # Jaap de Hoop Scheffer
    (re.compile(r"P+WW"), _build_particle_surname),  # (Mr.) de Hoop Scheffer
)


def _is_patronymic(word: str) -> bool:
    """Shaped like a Russian, Ukrainian or Turkic patronymic (Nikolaevich, Petrovna, Kemeluly)."""
    return len(word) >= 6 and _PATRONYMIC_RE.search(word) is not None


def _is_surname_first(tokens: Sequence[NameToken]) -> bool:
    """SEMERIKOV Valery, or a surname-shaped word before a known given name (Ivanov Sergey)."""
    first, second = tokens[0], tokens[1]
    if first.caps:
        return not second.caps
    table = given_name_table()
    return (
        _SURNAME_SHAPE_RE.search(first.text) is not None
        and table.canonical(second.text) is not None
        and table.canonical(first.text) is None
    )


def _is_east_asian(words: Sequence[str]) -> bool:
    """A Chinese or Korean name written surname first (Xie Xiaoyong, Ban Ki-moon, Kim Jong Un)."""
    first, rest = words[0].casefold(), words[1:]
    if len(rest) > 2:
        return False
    if first in _CHINESE_SURNAMES and all(_PINYIN_RE.fullmatch(fold(w)) for w in rest):
        return True
    parts = [p for w in rest for p in w.split("-")]
    korean_given = len(parts) == 2 and all(len(p) <= 5 for p in parts)
    return first in _KOREAN_SURNAMES and korean_given
