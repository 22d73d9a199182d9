"""The model's attribute ruler, its rules matched by table look-up.

spaCy's `AttributeRuler` runs a `Matcher` holding every rule over every token of a story
(en_core_web_sm: 179 rules, a tenth of the model's own time on a page). Its rules are short
fixed sequences of token tests: a tag, a lowercase form, a dependency, a list of them, a list
to avoid, a regular expression ("TAG" "VBZ" and "LOWER" "'s" -> POS "AUX"). `TableMatch` looks
the first token's equality tests up in a dict, one look-up per token and rule shape, and checks
the rest of a rule only where that found it; a rule with anything else (an operator, an
extension attribute, a morphological test) stays with a `Matcher` of its own. It returns what
`AttributeRuler.match` returns, the same matches in the same order, and the ruler's own
`set_annotations` writes them, so the annotations are the model's, bit for bit
(tests/nlp/test_ruler.py compares them on the sample pages and on rules of every shape).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from spacy.attrs import DEP, IS_SPACE, LOWER, NORM, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# Token attributes a rule may test, as `Doc.to_array` reads them.
_COLUMNS = {"ORTH": ORTH, "LOWER": LOWER, "NORM": NORM, "TAG": TAG, "POS": POS, "DEP": DEP}
_FLAGS = {"IS_SPACE": IS_SPACE}
Match = tuple[int, int, int, int]  # (rule, match id, start, end), as AttributeRuler.match
Values = list[list[int]]  # a Doc's attributes: one list per attribute, one value per token


@dataclass(frozen=True)
class _Read:
    """What the rules read of a Doc: its attributes' values, its strings, its length."""

    values: Values
    strings: StringStore
    length: int


@dataclass(frozen=True)
class _Token:
    """The tests of one token of a rule: values to equal (the table key), values to avoid,
    regular expressions to find in the attribute's text."""

    equal: tuple[tuple[str, frozenset[int]], ...]
    avoid: tuple[tuple[str, frozenset[int]], ...]
    search: tuple[tuple[str, re.Pattern[str]], ...]

    def passes(self, read: _Read, at: int, where: Mapping[str, int]) -> bool:
        """Whether the token at `at` passes every test (the equality ones included)."""
        values = read.values
        return (
            all(values[where[n]][at] in accepted for n, accepted in self.equal)
            and all(values[where[n]][at] not in avoided for n, avoided in self.avoid)
            and all(p.search(read.strings[values[where[n]][at]]) for n, p in self.search)
        )


@dataclass(frozen=True, eq=False)
class _Rule:
    """One pattern of a rule: its number, its match id, its tokens' tests, and whether the
    table look-up is the whole test (one token tested for equality only)."""

    rule: int
    key: int
    tokens: tuple[_Token, ...]
    found_by_key: bool


class TableMatch:
    """`AttributeRuler.match` for `ruler`, its rules found from tables of first tokens."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.strings = ruler.vocab.strings
        self.rest = Matcher(ruler.vocab)
        self.tables: dict[tuple[str, ...], dict[tuple[int, ...], list[_Rule]]] = {}
        for rule in range(len(ruler.attrs)):
            key = self.strings.add(str(rule))
            _callback, patterns = ruler.matcher.get(key)
            for pattern in patterns:
                self._add(rule, key, pattern)
        names = sorted({n for r in self._rules() for t in r.tokens for n in _names(t)})
        self.columns = [{**_COLUMNS, **_FLAGS}[name] for name in names]
        self.where = {name: i for i, name in enumerate(names)}

    def _add(self, rule: int, key: int, pattern: Sequence[Mapping[str, Any]]) -> None:
        tokens = [_token(token, self.strings.add) for token in pattern]
        if not tokens or any(t is None for t in tokens):
            self.rest.add(key, [[dict(token) for token in pattern]])
            return
        tests = tuple(t for t in tokens if t is not None)
        first = tests[0]
        found = _Rule(rule, key, tests, len(tests) == 1 and not first.avoid and not first.search)
        shape = tuple(name for name, _values in first.equal)
        table = self.tables.setdefault(shape, {})
        rows: list[tuple[int, ...]] = [()]
        for _name, accepted in first.equal:
            rows = [(*row, v) for row in rows for v in sorted(accepted)]
        for row in rows:
            table.setdefault(row, []).append(found)

    def _rules(self) -> list[_Rule]:
        return [r for table in self.tables.values() for rs in table.values() for r in rs]

    def __call__(self, doc: Doc) -> list[Match]:
        found: set[Match] = set()
        if len(self.rest):
            found.update((int(self.strings[m]), m, s, e) for m, s, e in self._matched(doc))
        if self.tables and len(doc):
            array = doc.to_array(self.columns).reshape(len(doc), -1)
            values = cast(Values, array.T.tolist())  # uint64 values: Python ints
            read = _Read(values, doc.vocab.strings, len(doc))
            for shape, table in self.tables.items():
                if shape:
                    found.update(self._keyed(shape, table, read))
                else:  # rules whose first token tests no value for equality
                    found.update(self._unkeyed(table[()], read))
        return sorted(found)

    def _keyed(
        self, shape: tuple[str, ...], table: Mapping[tuple[int, ...], list[_Rule]], read: _Read
    ) -> Iterator[Match]:
        """Rules found by the values of their first token: one look-up per token."""
        columns = [read.values[self.where[name]] for name in shape]
        for at, row in enumerate(zip(*columns, strict=True)):
            for rule in table.get(row, ()):
                end = at + len(rule.tokens)
                if rule.found_by_key or (end <= read.length and self._passes(rule, read, at)):
                    yield rule.rule, rule.key, at, end

    def _passes(self, rule: _Rule, read: _Read, at: int) -> bool:
        return all(t.passes(read, at + i, self.where) for i, t in enumerate(rule.tokens))

    def _unkeyed(self, rules: Sequence[_Rule], read: _Read) -> list[Match]:
        """Rules whose first token has no value to equal: their starts are the tokens whose
        values pass the first token's other tests, each distinct value tested once."""
        found = []
        for rule in rules:
            starts = list(range(read.length - len(rule.tokens) + 1))
            first = rule.tokens[0]
            for name, pattern in first.search:
                column = read.values[self.where[name]]
                good = {v for v in set(column) if pattern.search(read.strings[v])}
                starts = [at for at in starts if column[at] in good]
            for name, avoided in first.avoid:
                column = read.values[self.where[name]]
                starts = [at for at in starts if column[at] not in avoided]
            size = len(rule.tokens)
            found += [
                (rule.rule, rule.key, at, at + size)
                for at in starts
                if self._passes(rule, read, at)
            ]
        return found

    def _matched(self, doc: Doc) -> list[tuple[int, int, int]]:
        matches: list[tuple[int, int, int]] = self.rest(doc, allow_missing=True, as_spans=False)
        return matches


def _names(token: _Token) -> list[str]:
    return [n for n, _ in token.equal] + [n for n, _ in token.avoid] + [n for n, _ in token.search]


def _token(tests: Mapping[str, Any], add: Callable[[str], int]) -> _Token | None:
    """One pattern token's tests, or None when it holds any test but a value, "IN", "NOT_IN"
    or "REGEX" on a string attribute, or a boolean flag."""
    equal: dict[str, frozenset[int]] = {}
    avoid: dict[str, frozenset[int]] = {}
    search: dict[str, re.Pattern[str]] = {}
    for raw, value in tests.items():
        name = "ORTH" if str(raw).upper() == "TEXT" else str(raw).upper()
        if name in equal or name in avoid or name in search:
            return None  # "TEXT" and "ORTH" both: left to the Matcher
        if name in _FLAGS and isinstance(value, bool):
            equal[name] = frozenset({int(value)})
            continue
        if name not in _COLUMNS:
            return None
        operator, operand = _operator(value)
        if operand is None:
            return None
        if operator == "REGEX" and isinstance(operand, str):
            search[name] = re.compile(operand)
        elif operator in {"=", "IN", "NOT_IN"} and all(isinstance(v, str) for v in operand):
            (avoid if operator == "NOT_IN" else equal)[name] = frozenset(map(add, operand))
        else:
            return None
    return _Token(tuple(sorted(equal.items())), tuple(avoid.items()), tuple(search.items()))


def _operator(value: Any) -> tuple[str, Any]:
    """("=", [value]) for a plain value, (operator, operand) for a one-key dict."""
    if isinstance(value, dict):
        if len(value) != 1:
            return "", None
        ((operator, operand),) = value.items()
        listed = operator in {"IN", "NOT_IN"}
        return str(operator), operand if not listed or isinstance(operand, list) else None
    return "=", [value]


class TokenSetter:
    """`AttributeRuler.set_annotations` for `ruler`, without a Span per match: each match sets
    the attributes of its rule on the token at the rule's index, in the order given."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler

    def __call__(self, doc: Doc, matches: Sequence[Match]) -> None:
        ruler = self.ruler
        for match in matches:
            rule, _key, start, end = match
            index = ruler.indices[rule]
            if not -(end - start) <= index < end - start:
                # out of the match: the ruler's own code raises its error (E1001)
                AttributeRuler.set_annotations(ruler, doc, [match])  # type: ignore[no-untyped-call]
            set_token_attrs(doc[start + index if index >= 0 else end + index], ruler.attrs[rule])


def speed_up_rulers(nlp: Language) -> None:
    """Match every attribute ruler of `nlp` by table look-up and set what it found without a
    Span per match (its rules and what it writes unchanged)."""
    for _name, pipe in nlp.pipeline:
        if isinstance(pipe, AttributeRuler):
            pipe.match = TableMatch(pipe)  # type: ignore[method-assign]
            pipe.set_annotations = TokenSetter(pipe)  # type: ignore[method-assign]
