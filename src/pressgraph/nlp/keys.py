"""What a story is read by besides its text, kept in `doc.user_data` under these keys. A
module of its own, without spaCy: the parent of the worker processes sets them on each story
it sends without importing the model's library."""

DATE_KEY = "pressgraph.date"  # the story's date
ANCHOR_KEY = "pressgraph.anchor"  # an undated story: the date of its nearest dated neighbour
HEADLINE_KEY = "pressgraph.headline"  # a headline stored apart from the story's text
