"""The spaCy component "pressgraph_events": EventFinder reads a story's sentences into event
drafts, adds speakers and delegations, and freezes the drafts into FoundEvent records."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pressgraph.extract.events.codenames import ListIntro, add_code_names
from pressgraph.extract.events.draft import Draft, event_for, said_in_sentence
from pressgraph.extract.events.headline import name_from_headline
from pressgraph.extract.events.lexicon import Lexicon
from pressgraph.extract.events.nouns import event_noun
from pressgraph.extract.events.reading import read_facts
from pressgraph.extract.events.records import FoundEvent
from pressgraph.extract.events.repeats import merge_repeats
from pressgraph.extract.events.speakers import add_delegations, add_speakers
from pressgraph.extract.events.story import Story, read_story
from pressgraph.extract.events.verbs import Told, verb_event
from pressgraph.nlp.spans import positions, within

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)


def _format(lex: Lexicon, draft: Draft) -> str | None:
    cues = draft.formats
    if "mixed" in cues or {"video", "in_person"} <= cues:
        return "mixed"
    if "video" in cues:
        return "video"
    if "in_person" in cues or draft.place is not None or draft.kind in lex.in_person_kinds:
        return "in_person"
    return None


def _freeze(story: Story, draft: Draft) -> FoundEvent:
    return FoundEvent(
        kind=draft.kind,
        name=draft.label or draft.name,
        start=draft.start,
        end=draft.end,
        place=draft.place,
        format=_format(story.lex, draft),
        organizers=tuple(draft.organizers.values()),
        chair=draft.chair,
        participants=tuple(draft.parts.values()),
        start_char=draft.sentence[0],
        end_char=draft.sentence[1],
        mentions=tuple(sorted(draft.mentions)),
        body=draft.body,
    )


class EventFinder:
    """Finds the events of a story and sets `doc._.events`."""

    def __call__(self, doc: Doc) -> Doc:
        story = read_story(doc)
        drafts: list[Draft] = []
        intro = ListIntro()
        verbs = positions(doc, story.lex.verb_events)  # the tokens that can be an event verb
        for sent in doc.sents:
            told = self._nouns(story, drafts, sent, story.nouns_in(sent))
            add_code_names(story, drafts, sent, told, intro)
            for tok in within(doc, verbs, sent):
                met = verb_event(story, tok, sent, told)
                if met is not None:
                    drafts.append(met)
        name_from_headline(story, drafts)
        drafts = merge_repeats(story, drafts)
        add_speakers(story, drafts)
        add_delegations(story, drafts)
        doc._.events = [_freeze(story, d) for d in drafts]
        return doc

    @staticmethod
    def _nouns(story: Story, drafts: list[Draft], sent: Span, nouns: list[Token]) -> list[Told]:
        """Read the event nouns of a sentence (its `nouns`); the events it speaks of, in order."""
        told: list[Told] = []
        for tok in nouns:
            noun = event_noun(story, tok)
            said = None if noun is None else said_in_sentence(story, noun, sent)
            draft = None if said is None else event_for(story, drafts, said)
            if said is not None and draft is not None:
                read_facts(story, draft, said)
                told.append((said, draft))
        return told


@Language.factory(
    "pressgraph_events",
    requires=["doc.spans", "doc.sents", "doc._.roles"],
    assigns=["doc._.events"],
)
def make_events(nlp: Language, name: str) -> EventFinder:
    """Factory of the event finder."""
    return EventFinder()
