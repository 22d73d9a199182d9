"""Pipeline component: typed relations between organizations, each with its sentence and date.

Importing the package registers the spaCy factory "pressgraph_relations" (see component.py).
"""

# How relations are read (the modules follow these steps):
#
# Cooperation, memoranda, agreements, appeals, membership, observer status and partnership, as
# one sentence states them. The sentence is masked (organizations, people, countries, places and
# pronouns become placeholders ``⟦O3⟧``, ``⟦P1⟧``, ``⟦C2⟧``, ``⟦H4⟧``, ``⟦X5⟧``; sentence.py)
# and the cues of ``data/relations.yml`` (lexicon.py, patterns.py) are read over words and
# placeholders (reading.py):
#
# - targets follow the cue: "cooperation with ⟦O⟧, ⟦O⟧ and ⟦O⟧", "member of ⟦O⟧", "appeal to
#   ⟦O⟧", "joined ⟦O⟧"; or both ends do: "memorandum between ⟦O⟧ and ⟦O⟧"; an organization
#   used as a modifier ("the ⟦O⟧ member states", "the ⟦O⟧'s partners") is not a target;
# - the source is "cooperation of ⟦O⟧ with ...", or else the nearest actor before the cue in the
#   same sentence, once speech tags are set aside ("The UN, emphasized Mr. J. Khan, intends to
#   strengthen cooperation with the CSTO"). An organization is a source; a person (or "he"/"she",
#   the one person named before in the paragraph) stands for the organization of his post
#   (`doc._.roles`; of several nested ones, the outermost) where the kind allows it. A country, an
#   unresolved pronoun, an organization used as a modifier or as an object ("in the CSTO",
#   "thanked the OSCE") means there is no source, and nothing is emitted;
# - "the Organization" stands for the last organization mentioned before it that is called
#   "... Organization": by its gazetteer name, so "CSTO" and "SCO" count, and for a body by its
#   organization, so "the CSTO Joint Staff" counts for the CSTO. Failing that, it stands for the
#   most-mentioned organization of the story. The relation holds the span of that organization
#   (its nearest mention before "the Organization", else its first one; organizations.py).
#
# Not relations, on purpose: organizations that attended the same event (co-participation comes
# from events), organizations in one sentence without a cue, a topic ("As regards cooperation
# with NATO, ..."), a negation or a hedge between source and cue ("has not signed", "should",
# "plans to join"), a call to act together ("the CIS, CSTO, OSCE, SCO ... should act together":
# no cue, and a pair for every two of six would be a guess), "Y granted X observer status" (the
# active form: left out rather than guessed), and a person's own membership.

from __future__ import annotations

from pressgraph.extract.relations.component import FoundRelation, RelationFinder, make_relations
from pressgraph.extract.relations.dating import DATE_KEY

__all__ = ["DATE_KEY", "FoundRelation", "RelationFinder", "make_relations"]
