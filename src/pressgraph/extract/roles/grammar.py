"""The title grammar of posts held: a few regular expressions over the masked story text,
where every mention is a placeholder (`⟦P3⟧` a person, `⟦O1⟧` an organization, `⟦C2⟧` a
country). Post heads, modifiers, ranks and honorifics come from nlp/data/titles.yml; the
tidying of titles from extract/data/role_titles.yml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pressgraph import regexes
from pressgraph.datafiles import load_yaml
from pressgraph.nlp import gazetteer

CAP = r"[A-ZА-Я][\w’'-]*"
REF = r"⟦[OC]\d+⟧"
PERSON_REF = r"⟦P(?P<person>\d+)⟧"
PLACEHOLDER = regexes.compile(r"⟦([OCP])(\d+)⟧")
LETTER = {"PERSON": "P", "ORG": "O", "GPE": "C"}


@dataclass(frozen=True)
class TitleData:
    rewrite: dict[str, str]
    synonyms: dict[str, tuple[str, ...]]
    list_qualifiers: tuple[str, ...]
    group_nouns: tuple[str, ...]
    delegation_head: str
    headed_by: dict[str, str]
    possessives: dict[str, str]  # "its" -> the placeholder letters it may stand for
    plurals: dict[str, str]  # "secretaries" -> "Secretary"


@lru_cache(maxsize=1)
def title_data() -> TitleData:
    data = load_yaml("pressgraph.extract", "role_titles.yml")
    synonyms: dict[str, tuple[str, ...]] = {}
    for group in data["synonyms"]:
        for title in group:
            synonyms[title.casefold()] = tuple(group)
    return TitleData(
        rewrite={k.casefold(): v for k, v in data["rewrite"].items()},
        synonyms=synonyms,
        list_qualifiers=tuple(data["list_qualifiers"]),
        group_nouns=tuple(data["group_nouns"]),
        delegation_head=data["delegation_head"],
        headed_by=dict(data["headed_by"]),
        possessives={k.casefold(): v for k, v in data["possessives"].items()},
        plurals={k.casefold(): v for k, v in data["plurals"].items()},
    )


def _alternation(words: tuple[str, ...]) -> str:
    """One regex for many phrases, as a prefix tree (regexes.trie): longer phrases win."""
    return regexes.trie(words)


@dataclass(frozen=True)
class Grammar:
    before: re.Pattern[str]  # titles, then a person placeholder
    before_name: re.Pattern[str]  # titles, then a capitalized word (a name the model missed)
    name_before: re.Pattern[str]  # capitalized words, a comma, then a title
    after: re.Pattern[str]  # a person placeholder, then titles
    next_person: re.Pattern[str]  # what follows a title that belongs to the next person
    listed: re.Pattern[str]  # "the defense ministers of"
    delegation: re.Pattern[str]  # "the delegation of ⟦O⟧ was headed by ... ⟦P⟧"
    headed: re.Pattern[str]  # "⟦O⟧, headed by Colonel General ⟦P⟧"
    item: re.Pattern[str]  # "of ⟦C⟧ (Rank ⟦P⟧)", "⟦C⟧ ⟦P⟧"
    heading: re.Pattern[str]  # a line "Deputy Secretaries General:" over a list of names
    bullet: re.Pattern[str]  # a list line "- Rank ⟦P⟧ ..."
    title: re.Pattern[str]  # one title
    rank: re.Pattern[str]


# An acronym in brackets after what it stands for: "⟦O1⟧ (⟦O2⟧)", "⟦O1⟧ (RCTS)".
BRACKETS = rf"(?:\s*\(\s*(?:{REF}|[A-ZА-Я][\w-]*)\s*\))"
REF_ACRONYM = rf"{REF}{BRACKETS}?"
# Titles of one person are joined by commas, "and" or a slash.
JOIN = r"\s*(?:,|/|,?\s+and\b)\s*(?:the\s+)?"


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    titles = gazetteer.titles()
    head = rf"(?i:{_alternation(titles.post_heads)})"
    mod = rf"(?i:{_alternation(titles.post_modifiers)})"
    rank = _alternation(titles.ranks)
    hon = _alternation(titles.honorifics)

    # A capitalized word in a title is never a rank or an honorific: "of the ⟦C⟧ Army General
    # ⟦P⟧" is a country, then the person's rank.
    cap = rf"(?!(?:{rank}|{hon})\b){CAP}"
    nouns = rf"(?:{_alternation(title_data().group_nouns)})\b"
    group = rf"(?:{cap}|{nouns})"
    # "Russia's Foreign Minister", "the Kazakh Defense Minister", "the ⟦O⟧ Deputy ..."
    owner = rf"{REF_ACRONYM}(?:['’]s)?\s+"
    # "Finance Minister", "Justice Minister": a field before the head
    field = rf"(?:(?i:{_alternation(title_data().list_qualifiers)})\s+)?"
    # "and" inside a name, never before the next title: "Council of Foreign Ministers and
    # Foreign Minister of ⟦C⟧" is two titles. After an organization, a unit named with its
    # acronym may follow ("the ⟦O⟧ ⟦O⟧ (⟦O⟧)"); a bare second organization ends the title.
    also = rf"\s+(?:(?:and\s+)?the\s+|and\s+(?!(?:(?:{mod})\s+)*{field}(?:{head})\b))?"

    def title_re(lazy: str) -> str:
        of_part = (
            rf"\s+(?:of|for|on|in|to|at)\s+(?:the\s+)?"
            rf"(?:{REF_ACRONYM}(?:{also}(?:{nouns}|(?:{head})\b|{cap}|{REF}{BRACKETS}))*{lazy}"
            rf"|{group}(?:{also}(?:{group}|{REF_ACRONYM}))*{lazy}{BRACKETS}?)"
            rf"(?:\s*,\s*{REF})*(?:\s+and\s+{REF})?"
        )
        core = rf"(?:{owner})?(?:(?:{mod})\s+)*(?:{owner})?{field}(?:{head})\b(?:{of_part})*"
        return rf"{core}(?:\s*[-–—]\s*{core})?"

    title = title_re("")
    titles_re = rf"(?:[Tt]he\s+)?{title}(?:{JOIN}{title})*"
    # Before a name the model missed, words after an organization stay out of the title:
    # "of the ⟦C⟧ Suren Papikian" is a country and then a name.
    lazy_title = title_re("?")
    lazy_titles = rf"(?:[Tt]he\s+)?{lazy_title}(?:{JOIN}{lazy_title})*"
    pre = rf"(?:(?P<rank>{rank})\s+)?(?:(?:{hon})\s+)?(?:(?:{rank})\s+)?"
    bare_pre = rf"(?:(?:{rank})\s+)?(?:(?:{hon})\s+)?(?:(?:{rank})\s+)?"
    # between a title and its name: no line break ("... of Germany" ending a heading line)
    sep = r"(?P<sep>[^\S\n]*,[^\S\n]*|[^\S\n]*[-–—][^\S\n]*|[^\S\n]+)"
    # "the Minister of Foreign Affairs ⟦C⟧ ⟦P⟧": a country after the title, without "of"
    tail = r"(?:\s+(?P<tail>⟦C\d+⟧))?"
    plural = rf"(?:(?i:{_alternation(title_data().list_qualifiers)})\s+)?(?:{head})s"
    headed = "|".join(title_data().headed_by)
    return Grammar(
        # A title starts a word ("(?<!\w)"), which also spares the engine most positions.
        before=regexes.compile(rf"(?<!\w)(?P<titles>{titles_re}){tail}{sep}{pre}{PERSON_REF}"),
        before_name=regexes.compile(
            rf"(?<!\w)(?P<titles>{lazy_titles}){tail}{sep}{pre}(?P<name>{CAP})"
        ),
        name_before=regexes.compile(
            rf"(?<![\w⟧])(?P<name>{CAP}(?:\s+{CAP}){{1,3}})\s*,\s*(?:the\s+)?{title}"
        ),
        after=regexes.compile(
            rf"{PERSON_REF}[^\S\n]*,[^\S\n]*(?:the\s+)?(?P<titles>{title}(?:{JOIN}{title})*)"
            rf"(?:\s*,\s*(?:the\s+)?(?P<apposition>⟦O\d+⟧(?:\s*\(\s*⟦O\d+⟧\s*\))?))?"
        ),
        next_person=regexes.compile(
            rf"[^\S\n]*(?:[-–—][^\S\n]*)?(?:⟦C\d+⟧[^\S\n]+)?{bare_pre}⟦P\d+⟧"
        ),
        listed=regexes.compile(rf"\b(?:[Tt]he\s+)?(?P<head>{plural})(?=\s+(?:of|in)\s)"),
        delegation=regexes.compile(
            rf"\b[Tt]he\s+delegation\s+of\s+(?:the\s+)?(?P<ref>{REF})\s+(?:was|were)\s+"
            rf"(?:headed|led)\s+by\s+(?:[^.⟦]|⟦[OC]\d+⟧){{0,150}}?{PERSON_REF}"
        ),
        headed=regexes.compile(
            rf"(?P<ref>⟦O\d+⟧)\s*,\s*(?:which\s+is\s+)?(?P<verb>{headed})\s+by\s+"
            rf"{pre}{PERSON_REF}"
        ),
        item=regexes.compile(
            rf"\s*,?\s*(?:and\s+|as well as\s+)?(?:(?P<of>of|in)\s+)?(?:the\s+)?"
            rf"(?P<ref>{REF})\s*(?P<open>\(\s*)?(?:[-–—]\s*)?{pre}{PERSON_REF}"
            r"(?(open)\s*\))"
        ),
        heading=regexes.compile(r"^[^\S\n]*(?P<heading>[^\n:]{3,80}?)[^\S\n]*:[^\S\n]*$", re.M),
        bullet=regexes.compile(rf"(?:[^\S\n]*\n)+[^\S\n]*[-–—•*][^\S\n]*{pre}{PERSON_REF}[^\n]*"),
        title=regexes.compile(title),
        rank=regexes.compile(rank),
    )
