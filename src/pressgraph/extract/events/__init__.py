"""Pipeline component: events (what happened, when, where, in what format, who organized,
chaired and took part), one record per real event of a story.

An event noun (data/events.yml: conference, forum, meeting, session, exercise, visit,
briefing, course...) is a new event when a verb ties it to something happening ("Moscow
hosted the Conference", "a meeting ... will be held", "participated in the meeting", "had a
meeting with"), when the text gives it a quoted or code name ('"Combat Brotherhood-2019"
trainings', "Cyber-Antiterror - 2016"), or when something singles it out without a verb (a
number, a date of its own, "on the margins of", "during", a title line of its own); "X met
(with) Y", "will receive Y", "will visit Norway" are events by their verb. A later "the
conference", "the event", or the name again, adds its sentence to the event told last of
that kind, unless it names another body, number or date; "the next meeting" is another event.
A plural noun without a name ("five sessions", "such events") is never an event, nor is a
capitalized title without a verb (it may be a body: "the Conference on ..."). Every event
gets a descriptive name: its noun phrase as written.

Facts are read only from words that hang from the noun or its verb with no other verb or
possessor between them (the dependency parse): "In his video message to the forum
participants" says how one speaker took part, not how the forum was held.

- when:   a day or month under the noun or its verb, anchored on the story date ("On October
          30, 2019, Moscow hosted", "held ... on June 28-30, 2021", "From 25 to 27 July").
- where:  a place or country after "in"/"at" (a visit: "to"), possibly inside a venue ("at
          the training ground in Tajikistan"), or the subject of "hosted"; several different
          places ("held in Belarus, Russia, and Tajikistan") give none.
- format: cue words under the noun or under a verb saying the event happened (not under
          "took part": that is how one participant took part); an in-person and a video cue
          together make it mixed; with no cue, an event with a place, or a visit, is in person.
- who:    "under the chairmanship of" / "chaired by" (chair), "organized by" / "at the
          initiative of" (organizations organize; a person who initiates is the host),
          "participated in", "was attended by", "with the participation of", "held ... with",
          "between" (participants; an organization or country inside someone's title is not
          one). People the story reports speaking ("said", "pointed out", "according to") are
          speakers at its first conference, meeting, session or ceremony; a head of delegation
          (a role from extract/roles/) takes part as such, with the delegation's organization.

The rules live in one module each: lexicon (the word lists), story (what every rule reads,
dates included), nouns (event nouns, titles, numbers), naming (descriptive names), anchors
(what hangs from an event), draft (one event being read), reading (reading the facts), verbs
(events told by a verb), codenames (named exercises and lists of them), repeats (one event
told twice), headline (a headline kept apart names the story's event), speakers (speakers and
delegations), component (the spaCy component, registered as "pressgraph_events" on import),
records (the results).
"""

from __future__ import annotations

from pressgraph.extract.events.component import EventFinder, make_events
from pressgraph.extract.events.records import FoundEvent, Participant

__all__ = ["EventFinder", "FoundEvent", "Participant", "make_events"]
