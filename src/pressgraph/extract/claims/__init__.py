"""Pipeline component: numeric claims — a figure, what it counts, about whom, said by whom,
on whose authority.

Importing the package registers the spaCy factory "pressgraph_claims" (see component.py).
"""

# How claims are read (the modules follow these steps): the figures come from
# `quantities.find_quantities`; policy.py drops those that are not claims (durations, ages and
# frequencies, definite counts that refer back, idioms); the speaker is the statement that
# contains the figure, or the last statement before it in the same paragraph (reported speech
# goes on until someone else speaks); the subject is the organization or country the quantity
# names ("11 thousand ISIS fighters"); authority.py finds "according to the estimates of X" or
# "according to reports" earlier in the sentence; restated.py keeps a figure stated twice in a
# story once.

from __future__ import annotations

from pressgraph.extract.claims.component import ClaimFinder, FoundClaim, make_claims

__all__ = ["ClaimFinder", "FoundClaim", "make_claims"]
