"""Documents signed by people: "a Protocol signed today by the Executive Director of UNODC,
A. Costa, and CSTO Secretary-General N. Bordyuzha" relates the organizations the signatories
speak for (named in their titles, or the organizations of their posts)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span

from pressgraph.extract.relations.lexicon import Cue
from pressgraph.extract.relations.organizations import related
from pressgraph.extract.relations.patterns import PLACEHOLDER
from pressgraph.extract.relations.reading import Candidate, Reader, hedged

_MAX_WORDS = 40  # the signatories are named within this many words after "by"


def read_signers(reader: Reader, cue: Cue, head: re.Match[str]) -> Iterator[Candidate]:
    """The edges between the organizations of a document's signatories, every two of them."""
    if cue.signed_by is None:
        return
    text = reader.sentence.text
    m = cue.signed_by.match(text, head.start())
    if m is None or hedged(text[: m.start("rest")], cue.kind, reader.data):
        return
    orgs = _signatory_orgs(reader, m.group("rest"))
    for i, source in enumerate(orgs):
        for target in orgs[i + 1 :]:
            yield Candidate(cue.kind, source, target, m.start("rest"))


def _signatory_orgs(reader: Reader, rest: str) -> list[Span]:
    """The organizations named in the signatories' titles, or of their posts, up to the last
    person named after "by"; one per organization (a body and its organization count once)."""
    words = rest.split()
    window = " ".join(words[:_MAX_WORDS])
    marks = [(m.group(), reader.sentence.item(m.group())) for m in PLACEHOLDER.finditer(window)]
    people = [i for i, (_, item) in enumerate(marks) if item.tag in "PH"]
    if len(people) < 2:
        return []
    found: list[Span] = []
    for _, item in marks[: people[-1] + 1]:
        org = reader.org_of(item, reader.data.kinds["agreement"])
        if org is not None and not any(related(org, f) for f in found):
            found.append(org)
    return found
