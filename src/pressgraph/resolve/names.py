"""Person names: parse a written form, fold its spellings to keys, and tell whether two forms
can name the same person.

Press releases translated from Russian spell one person many ways: ``Marcel Peško`` and
``M. Peshko``, ``Sergey Shoygu`` and ``Sergei Shoigu``, ``Semerikov Valery Nikolaevich`` and
``V. Semerikov``. Comparison goes through keys:

- ``name_key`` folds one word: lowercase; Cyrillic transliterated; ``š ž č ć`` written
  ``sh zh ch ch`` (as the Russian-English translations write them) and other diacritics
  dropped; then the ordered rewrite rules of ``KEY_RULES``;
- a given name compares through its group in ``data/given_names.yml`` (Yuri = Yury = Юрий),
  or through its own key when the table does not know it;
- an initial fits a given name when any spelling of that name starts with it (``Yu.`` and
  ``Y.`` fit Yuri), and two initials fit when one starts with the other.

Parsing decisions:

- ``initials`` holds one initial per given word, then any middle initials, then the
  patronymic's initial: ``Valery Nikolaevich Semerikov`` and ``V.N. Semerikov`` both have
  ``("V", "N")``;
- surname-first forms are recognized by a patronymic in last place (``Semerikov Valery
  Nikolaevich``), by trailing initials (``Semerikov V.N.``), by an all-caps surname
  (``SEMERIKOV Valery``), or by a surname-shaped word before a known given name
  (``Ivanov Sergey``); and reordered;
- Chinese and Korean names (``Xie Xiaoyong``, ``Ban Ki-moon``) keep their written order for
  display (``surname_first=True``) but are parsed with the surname first, so a later
  ``Mr. Xie`` finds them: a common Chinese surname followed by pinyin syllables, or a common
  Korean surname followed by a hyphenated or two-part given name;
- anything else with several words is Western order: the last word (with particles such as
  ``von der``) is the surname and the words before it are given names;
- honorifics (Mr., Ms., Dr.) are dropped; ranks, titles, organizations, digits, commas and
  lowercase words other than name particles mean the text is not a bare name (``None``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Literal, NamedTuple

import yaml

from pressgraph.errors import DataError

__all__ = [
    "KEY_RULES",
    "GivenNameTable",
    "NameSignature",
    "PersonName",
    "clear_caches",
    "fold",
    "given_key",
    "given_name_table",
    "name_key",
    "parse_person_name",
    "same_person",
    "signature",
    "signatures_compatible",
    "surname_key",
]


@dataclass(frozen=True)
class PersonName:
    """One written form of a person's name, split into its parts."""

    given: str | None
    initials: tuple[str, ...]
    patronymic: str | None
    surname: str
    surname_first: bool = False

    def display(self) -> str:
        """The name as a reader expects it: "Valery Semerikov", "V.N. Semerikov", "Xie Xiaoyong"."""
        if self.given is None:
            head = "".join(f"{initial}." for initial in self.initials)
            return f"{head} {self.surname}".strip()
        if self.surname_first:
            return " ".join(p for p in (self.surname, self.given, self.patronymic) if p)
        middle = " ".join(f"{initial}." for initial in _extra_initials(self))
        return " ".join(p for p in (self.given, middle, self.patronymic, self.surname) if p)


def _extra_initials(name: PersonName) -> tuple[str, ...]:
    """Initials not implied by the given words or the patronymic (the W. of George W. Bush)."""
    start = len(name.given.split()) if name.given else 0
    end = len(name.initials) - (1 if name.patronymic else 0)
    return name.initials[start:end]


# --- folding and keys -------------------------------------------------------------------

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


# --- given-name groups ------------------------------------------------------------------


@dataclass(frozen=True)
class GivenNameTable:
    """Groups of spellings of one given name (Yuri, Yury, Юрий), looked up by key."""

    canonical_by_key: Mapping[str, str]
    spellings: Mapping[str, tuple[str, ...]]

    @classmethod
    def from_yaml(cls, text: str, source: str = "given_names.yml") -> GivenNameTable:
        """Build the table from YAML text; DataError says what is malformed and how to fix it."""
        groups = _read_groups(text, source)
        canonical_by_key: dict[str, str] = {}
        spellings: dict[str, tuple[str, ...]] = {}
        for canonical, variants in groups.items():
            names = [canonical, *variants]
            for name in names:
                _index_spelling(canonical_by_key, canonical, name, source)
            spellings[canonical] = tuple(sorted({fold(n) for n in names}))
        return cls(canonical_by_key, spellings)

    def canonical(self, given: str) -> str | None:
        """The canonical spelling of the group `given` belongs to, or None when unknown."""
        return self.canonical_by_key.get(name_key(given))


def _read_groups(text: str, source: str) -> dict[str, list[str]]:
    """The `groups:` mapping of a given-names file, checked for shape."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataError(f"{source}: not valid YAML ({exc}); fix the syntax") from exc
    groups = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(groups, dict) or not groups:
        raise DataError(f"{source}: expected `groups:` mapping a canonical name to its spellings")
    checked: dict[str, list[str]] = {}
    for canonical, variants in groups.items():
        items = [] if variants is None else variants
        if not isinstance(canonical, str) or not isinstance(items, list):
            raise DataError(f"{source}: group {canonical!r} must map a name to a list of names")
        if not all(isinstance(v, str) and v.strip() for v in items):
            raise DataError(
                f"{source}: group {canonical!r} has a spelling that is not a name; "
                "quote spellings that YAML reads as booleans or numbers"
            )
        checked[canonical] = items
    return checked


def _index_spelling(index: dict[str, str], canonical: str, name: str, source: str) -> None:
    """Add one spelling to the key index; a key claimed by two groups is a data error."""
    key = name_key(name)
    if not key:
        raise DataError(
            f"{source}: {name!r} in group {canonical!r} has no Latin or Cyrillic letter"
        )
    owner = index.setdefault(key, canonical)
    if owner != canonical:
        raise DataError(
            f"{source}: {name!r} (group {canonical!r}) folds to {key!r} like a spelling of "
            f"{owner!r}; put the two spellings in one group or drop one"
        )


@cache
def given_name_table() -> GivenNameTable:
    """The bundled given-name groups (resolve/data/given_names.yml), loaded once."""
    resource = resources.files("pressgraph.resolve") / "data" / "given_names.yml"
    return GivenNameTable.from_yaml(resource.read_text(encoding="utf-8"), "given_names.yml")


def _word_key(word: str) -> str:
    """Group key of one given word: the canonical spelling's key, else the word's own key."""
    canonical = given_name_table().canonical(word)
    return name_key(canonical if canonical is not None else word)


def _word_spellings(word: str) -> tuple[str, ...]:
    """Folded spellings of a given word's group, which an initial may start with."""
    table = given_name_table()
    canonical = table.canonical(word)
    return table.spellings[canonical] if canonical is not None else (fold(word),)


# --- comparing --------------------------------------------------------------------------


class _Slot(NamedTuple):
    """One position of the name after the surname: a given word, an initial or a patronymic."""

    kind: Literal["word", "initial", "patronymic"]
    key: str
    spellings: tuple[str, ...]


@dataclass(frozen=True, order=True)
class NameSignature:
    """Everything comparing names needs: surname key and the slots of given names and initials.

    Equal signatures compare alike, so a resolver compares each distinct signature once.
    """

    surname_key: str
    slots: tuple[_Slot, ...]

    @property
    def has_given(self) -> bool:
        """True when the first slot is a written given name, not an initial."""
        return bool(self.slots) and self.slots[0].kind == "word"

    @property
    def has_patronymic(self) -> bool:
        """True when the name carries a written patronymic."""
        return any(slot.kind == "patronymic" for slot in self.slots)


@lru_cache(maxsize=131072)
def signature(name: PersonName) -> NameSignature:
    """The comparison signature of a name (cached: names repeat across a corpus)."""
    words = name.given.split() if name.given else []
    slots = [_Slot("word", _word_key(w), _word_spellings(w)) for w in words]
    slots += [_initial_slot(i) for i in _extra_initials(name)]
    if name.patronymic:
        slots.append(_Slot("patronymic", name_key(name.patronymic), (fold(name.patronymic),)))
    return NameSignature(surname_key(name), tuple(slots))


def _initial_slot(initial: str) -> _Slot:
    folded = fold(initial)
    return _Slot("initial", folded, (folded,))


def _slots_fit(a: _Slot, b: _Slot) -> bool:
    """Two slots can be the same name part: equal keys, or an initial that starts the other."""
    if a.kind == "initial" and b.kind == "initial":
        return a.key.startswith(b.key) or b.key.startswith(a.key)
    if a.kind == "initial":
        return any(s.startswith(a.key) for s in b.spellings)
    if b.kind == "initial":
        return any(s.startswith(b.key) for s in a.spellings)
    return a.key == b.key


def signatures_compatible(a: NameSignature, b: NameSignature) -> bool:
    """Same surname key and every slot both sides have fits (a missing slot fits anything)."""
    return a.surname_key == b.surname_key and all(map(_slots_fit, a.slots, b.slots))


def same_person(a: PersonName, b: PersonName) -> bool:
    """True when the two forms can name one person: surname keys equal, given names,
    initials and patronymics compatible where both sides have them."""
    return signatures_compatible(signature(a), signature(b))


def _wordset(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to read in a table)."""
    return frozenset(text.split())


_PARTICLES = _wordset(
    "van von der den de del della di da dos das du la le bin ibn ben abu al el ter ten zu y "
    "af av ul ud"
)
_ARTICLE_PREFIX_RE = re.compile(r"^(?:al|el|ad|ash|as|at|ar|an|az|ul|ud)[-'](?=\w)", re.I)


def surname_key(name: PersonName) -> str:
    """Phonetic and transliteration key of the surname, used to block candidates."""
    return _surname_key(name.surname)


@lru_cache(maxsize=65536)
def _surname_key(surname: str) -> str:
    """Key of a surname without leading particles or Arabic article (von der Leyen, al-Baghdadi)."""
    parts = surname.split()
    while len(parts) > 1 and parts[0].casefold() in _PARTICLES:
        parts.pop(0)
    core = _ARTICLE_PREFIX_RE.sub("", "".join(parts))
    return name_key(core) or name_key(surname)


def clear_caches() -> None:
    """Forget memoized keys and signatures, so a benchmark run starts cold."""
    for cached in (fold, name_key, signature, _surname_key):
        cached.cache_clear()


def given_key(name: PersonName) -> str | None:
    """Key of the first given name's group (Sergei and Sergey share one); None without one."""
    return _word_key(name.given.split()[0]) if name.given else None


# --- parsing ----------------------------------------------------------------------------

_HONORIFICS = _wordset(
    "mr mrs ms miss mister dr sir dame madam madame mme mlle prof professor herr frau"
)
_CAP_PARTICLES = _wordset("Van Von De Del Della Di Da Du Dos La Le Al El Bin Ibn")
_TURKIC_PATRONYMIC = _wordset(
    "oglu ogly oğlu ogli ugli uly uli kyzy kizi qizi gizi qyzy оглы кызы улы қызы"
)
_DIGRAPH_INITIALS = _wordset("Yu Ya Ye Yo Zh Sh Ch Kh Ts Dzh Shch Ju Ja Je")
_PATRONYMIC_RE = re.compile(
    r"(?:vich|vych|ich|ych|ovna|evna|ivna|ichna|ogly|oglu|uly|ugli|kyzy|qizi"
    r"|вич|ич|вна|ична|івна|оглы|кызы|улы)$",
    re.IGNORECASE,
)
_SURNAME_SHAPE_RE = re.compile(
    r"(?:ov|ova|ev|eva|in|ina|yn|sky|ski|skiy|skii|skaya|enko|yan|ian|shvili|dze|vich|uk"
    r"|ов|ова|ев|ева|ин|ина|ский|ская|енко|ян)$",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"^(?:(?:al|el|ad|ash|as|at|ar|an|az|ul|ud|ibn|bin|abu|d)['-])?(\w.*)$")
_WORD_CHARS_RE = re.compile(r"^[^\W\d_]+(?:['-][^\W\d_]+)*$")
_ALLOWED_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|[ .'-])*")
_STOPWORDS = _wordset("""
    the a an of and for on in at by to with from as or not this that his her their our who
    general secretary minister deputy acting head chief director president chairman
    chairperson chair vice ambassador envoy representative colonel lieutenant major captain
    army admiral marshal commander officer sergeant police organization organisation council
    committee assembly staff office ministry republic federation union nations united state
    states conference treaty security collective secretariat executive joint international
    regional centre center structure directorate delegation group agency service department
    government parliament press news photo video go back download kingdom interpol
    forces central asia europe eurasian afghanistan russia russian moscow belarus kazakhstan
    kyrgyzstan tajikistan armenia uzbekistan turkmenistan china
    """)
_ACRONYMS = _wordset("""
    CSTO SCO CIS UN OSCE ICRC IOM EAG CICA NATO EU RATS ATC CRRF OSH IWC MT PA ISIS FATF ASEAN
    UNOCT CTED USA US UK USSR CAR UNODC UNESCO UNICEF UNHCR WHO OIC BRICS CTC IAEA
    """)
_CHINESE_SURNAMES = _wordset("""
    wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng
    liang xie song tang han feng deng cao peng zeng xiao tian dong yuan pan cai jiang yu du ye
    cheng wei su lu ding ren shen yao cui zhong tan fan jin shi liao jia xia fu fang bai zou
    meng xiong qin qiu yin xue yan duan lei hou tao gu mao hao gong shao wan qian dai kong
    xiang kang wen niu geng qi xi
    """)
_KOREAN_SURNAMES = _wordset("""
    kim lee park choi jung jeong kang cho yoon yun jang lim han oh seo shin kwon hwang ahn song
    yoo ryu hong jeon ko moon yang son bae baek heo nam noh ha kwak sung cha joo woo min ban
    """)
_PINYIN_RE = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie"
    r"|iu|ua|uo|ui|ue|er|a|o|e|i|u|v)){1,3}"
)


class _Tok(NamedTuple):
    """One token of a name: kind I (initial), W (word), P (particle), T (patronymic)."""

    kind: Literal["I", "W", "P", "T"]
    text: str
    caps: bool = False


def parse_person_name(text: str) -> PersonName | None:
    """Parse a bare name ("Valery Semerikov", "V. Semerikov", "Semerikov Valery Nikolaevich",
    "Semerikov V.N.", "Xie Xiaoyong", "António Guterres"); None when it is not a person name."""
    cleaned = _clean(text)
    tokens = _tokenize(cleaned) if cleaned else None
    if not tokens or len(tokens) > 6 or not any(t.kind == "W" for t in tokens):
        return None
    return _parse_tokens(tokens)


def _clean(text: str) -> str | None:
    """Normalize spacing and apostrophes, drop wrapping punctuation; None on digits or commas."""
    s = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("’", "'")
    s = re.sub(r"[‐‑‒–—]", "-", s).strip().strip("\"'“”«»()[]").strip(" ,;:")
    s = re.sub(r"\.(?=[^\W\d_])", ". ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s if _ALLOWED_RE.fullmatch(s) else None


def _tokenize(cleaned: str) -> list[_Tok] | None:
    """Classify each word; None when a word cannot be part of a name."""
    raw = cleaned.split(" ")
    while len(raw) > 1 and raw[0].rstrip(".").casefold() in _HONORIFICS:
        raw.pop(0)
    tokens: list[_Tok] = []
    for i, word in enumerate(raw):
        initial = _as_initial(word)
        last = i == len(raw) - 1
        tok = _Tok("I", initial) if initial else _classify(word)
        if tok is None or (tok.kind != "I" and word.endswith(".") and not last):
            return None
        tokens.append(tok)
    return _merge_turkic(tokens)


def _as_initial(word: str) -> str | None:
    """The initial in "V.", "V" or "Yu."; None for anything else."""
    body = word[:-1] if word.endswith(".") else word
    if len(body) == 1 and body.isalpha() and body.isupper():
        return body
    return body if word.endswith(".") and body in _DIGRAPH_INITIALS else None


def _classify(word: str) -> _Tok | None:
    """A word as particle, Turkic patronymic marker or name word; None if it is none of them."""
    if word.endswith("."):
        word = word[:-1]
    folded = word.casefold()
    if folded in _TURKIC_PATRONYMIC:
        return _Tok("T", word)
    if word in _PARTICLES:
        return _Tok("P", word)
    if folded in _STOPWORDS or not _WORD_CHARS_RE.match(word):
        return None
    if word.isupper() and len(word) > 1:
        return _caps_word(word)
    match = _WORD_RE.match(word)
    if match is None or not match.group(1)[0].isupper():
        return None
    return _Tok("W", word)


def _caps_word(word: str) -> _Tok | None:
    """An all-caps surname (SEMERIKOV) in title case; None for acronyms (CSTO, UN)."""
    letters = fold(word)
    if word in _ACRONYMS or len(letters) < 3 or not set(letters) & set("aeiouy"):
        return None
    return _Tok("W", "-".join(p.capitalize() for p in word.split("-")), caps=True)


def _merge_turkic(tokens: list[_Tok]) -> list[_Tok] | None:
    """Join "Heydar oglu" into one patronymic token; None when the marker follows no name."""
    merged: list[_Tok] = []
    for tok in tokens:
        if tok.kind == "T":
            if not merged or merged[-1].kind != "W":
                return None
            tok = _Tok("T", f"{merged.pop().text} {tok.text}")
        merged.append(tok)
    return _normalize_caps(merged)


def _normalize_caps(tokens: list[_Tok]) -> list[_Tok] | None:
    """A lone all-caps word is no name (UNESCO); an all-caps full name is an ordinary one."""
    words = [t for t in tokens if t.kind == "W"]
    if not all(t.caps for t in words):
        return tokens
    if len(words) < 2 and all(t.kind != "I" for t in tokens):
        return None
    return [t._replace(caps=False) for t in tokens]


def _parse_tokens(tokens: list[_Tok]) -> PersonName | None:
    """Dispatch on the token shape (I initial, W word, P particle, T patronymic)."""
    shape = "".join(t.kind for t in tokens)
    for pattern, build in _SHAPES:
        if pattern.fullmatch(shape):
            return build(tokens)
    return None


def _split_surname(tokens: Sequence[_Tok]) -> tuple[list[str], str]:
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


def _build_surname(tokens: list[_Tok]) -> PersonName:
    return _make((), " ".join(t.text for t in tokens))


def _build_initials_first(tokens: list[_Tok]) -> PersonName:
    initials = [t.text for t in tokens if t.kind == "I"]
    return _make((), " ".join(t.text for t in tokens if t.kind != "I"), middle=initials)


def _build_initials_last(tokens: list[_Tok]) -> PersonName:
    surname = " ".join(t.text for t in tokens if t.kind != "I")
    return _make((), surname, middle=[t.text for t in tokens if t.kind == "I"])


def _build_middle_initials(tokens: list[_Tok]) -> PersonName:
    """George W. Bush: given words, then initials, then the surname with its particles."""
    kinds = [t.kind for t in tokens]
    first, last = kinds.index("I"), len(kinds) - 1 - kinds[::-1].index("I")
    given = [t.text for t in tokens[:first]]
    middle = [t.text for t in tokens[first : last + 1]]
    return _make(given, " ".join(t.text for t in tokens[last + 1 :]), middle=middle)


def _build_turkic_western(tokens: list[_Tok]) -> PersonName:
    _, surname = _split_surname([tokens[0], *tokens[2:]])
    return _make([tokens[0].text], surname, patronymic=tokens[1].text)


def _build_turkic_surname_first(tokens: list[_Tok]) -> PersonName:
    return _make([tokens[1].text], tokens[0].text, patronymic=tokens[2].text)


def _build_words(tokens: list[_Tok]) -> PersonName:
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


_SHAPES: tuple[tuple[re.Pattern[str], Callable[[list[_Tok]], PersonName]], ...] = (
    # token shapes, tried in order: I initial, W word, P particle, T patronymic
    (re.compile(r"P*W"), _build_surname),  # Semerikov, von Leyen
    (re.compile(r"I+P*W"), _build_initials_first),  # V.N. Semerikov
    (re.compile(r"P*WI+"), _build_initials_last),  # Semerikov V.N.
    (re.compile(r"W+I+P*W"), _build_middle_initials),  # George W. Bush
    (re.compile(r"WTP*W"), _build_turkic_western),  # Ilham Heydar oglu Aliyev
    (re.compile(r"WWT"), _build_turkic_surname_first),  # Aliyev Ilham Heydar oglu
    (re.compile(r"W+P*W"), _build_words),  # everything else with two or more words
)


def _is_patronymic(word: str) -> bool:
    """Shaped like a Russian, Ukrainian or Turkic patronymic (Nikolaevich, Petrovna, Kemeluly)."""
    return len(word) >= 6 and _PATRONYMIC_RE.search(word) is not None


def _is_surname_first(tokens: Sequence[_Tok]) -> bool:
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
