"""On whose authority a figure is given: "according to the estimates of the Joint Staff",
"according to reports" earlier in the sentence, preferring a phrase that names an organization."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from pressgraph.extract.claims.policy import claim_words


@lru_cache(maxsize=1)
def _authority() -> re.Pattern[str]:
    nouns = claim_words().authority_nouns
    words = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(nouns, key=len)[::-1])
    return re.compile(
        rf"\b[Aa]ccording\s+to\s+(?:the\s+)?(?:{words})\b(?:\s+(?:of|from|by)\s+(?:the\s+)?"
        rf"[^,;.]{{1,80}})?"
    )


def paragraph_start(text: str, pos: int) -> int:
    """Where the paragraph holding character `pos` starts."""
    found = text.rfind("\n\n", 0, pos)
    return 0 if found < 0 else found + 2


def authority_for(
    doc: Doc, text: str, pos: int, orgs: list[Span]
) -> tuple[str | None, Span | None]:
    """The authority phrase of the sentence before `pos`; one naming an organization wins."""
    sentence = doc.char_span(pos, pos + 1, alignment_mode="expand")
    start = sentence.sent.start_char if sentence is not None else paragraph_start(text, pos)
    found: list[tuple[str, Span | None]] = []
    for m in _authority().finditer(text, start, pos):
        org = next((o for o in orgs if m.start() <= o.start_char and o.end_char <= m.end()), None)
        found.append((m.group().strip(), org))
    with_org = [f for f in found if f[1] is not None]
    chosen = with_org or found
    if not chosen:
        return None, None
    return chosen[-1]
