"""Typed records passed between the stages of the flow; the store maps them to tables."""

from __future__ import annotations

from dataclasses import dataclass, field

# Stage names and versions stamped on every row a stage writes, so re-running one
# stage replaces only its own rows and a reader can tell which code made a fact.
CLEAN_STAGE = "clean@2"  # 0.7.0: issue 9
STORIES_STAGE = "stories@2"
ANNOTATE_STAGE = "annotate@2"
RESOLVE_STAGE = "resolve@2"


@dataclass(frozen=True)
class Page:
    """One input page as read from a source, before cleaning.

    `text` is the decoded page text (HTML already reduced to its main text);
    `raw` keeps what was read, so nothing of the input is lost.
    """

    source: str
    raw: str
    text: str
    format: str  # "text" | "html" | "markdown" | "jsonl"
    title: str | None = None
    published: str | None = None  # ISO date from metadata, when the source gives one
    url: str | None = None
    path: str | None = None  # a local file as shown: relative to what was ingested


@dataclass(frozen=True)
class Removed:
    """A piece of page furniture taken out by the cleaner, with where it stood in `Page.text`."""

    kind: str  # navigation | image | download | placeholder | signature | contact | repeated | ...
    text: str
    start: int
    end: int
    id: int | None = None  # set once stored


@dataclass(frozen=True)
class Segment:
    """Maps a run of the cleaned text back to the page text it came from."""

    clean_start: int
    clean_end: int
    raw_start: int
    raw_end: int


@dataclass(frozen=True)
class CleanedPage:
    """The page text with furniture removed: what every later offset points into."""

    text: str
    removed: tuple[Removed, ...]
    segments: tuple[Segment, ...]
    published: str | None = None  # ISO date of a metadata prefix the page text carried

    @property
    def images(self) -> tuple[str, ...]:
        """File names of the photos the page showed, in page order."""
        return tuple(r.text for r in self.removed if r.kind == "image")


@dataclass(frozen=True)
class Story:
    """One story of a page: the main story or a glued sidebar item.

    `start`/`end` delimit the story body in the cleaned page text; the headline
    (when there is one) has its own offsets and is not part of the body.
    """

    index: int
    start: int
    end: int
    headline: str | None
    headline_start: int | None
    headline_end: int | None
    date: str | None
    date_source: str | None  # dateline | headline | lead | metadata
    main: bool


@dataclass(frozen=True)
class Refusal:
    """An input that could not be ingested: a reason code and a message that says how to fix it."""

    source: str
    # unreadable | binary | undecodable | too_large | empty | unsupported | fetch | bad_record
    reason: str
    message: str
    size: int | None = None


@dataclass
class IngestSummary:
    """What one `ingest` run did, for the closing line of the command."""

    read: int = 0
    stored: int = 0
    versions: int = 0
    duplicates: int = 0
    refused: int = 0
    stories: int = 0
    refusals: list[Refusal] = field(default_factory=list)


@dataclass(frozen=True)
class StoredStory:
    """A story as read back from the store."""

    id: str
    document: str
    index: int
    headline: str | None
    date: str | None
    date_source: str | None
    main: bool
    start: int
    end: int
    text: str
    duplicate_of: str | None = None  # the first stored copy of the same story text


@dataclass(frozen=True)
class StoredDocument:
    """A document as read back from the store, with its stories and removed furniture."""

    id: str
    source: str
    version: int
    content_hash: str
    format: str
    url: str | None
    title: str | None
    published: str | None
    language: str | None
    fetched_at: str
    cleaned: str
    removed: tuple[Removed, ...]
    stories: tuple[StoredStory, ...]

    @property
    def images(self) -> tuple[str, ...]:
        """File names of the photos the page showed, in page order."""
        return tuple(r.text for r in self.removed if r.kind == "image")


@dataclass(frozen=True)
class Mention:
    """An actor named in a story, before resolution: offsets into the story text.

    `key` says what the mention names as far as the story alone can tell: a gazetteer id
    (`org:csto`), a country code (`country:RUS`), a new organization's normalized name
    (`org~federal assembly of russian federation`), a place (`place~moscow`), or for a person
    the name as written without honorifics and rank; resolution turns keys into entities.
    """

    story: str
    start: int
    end: int
    text: str
    kind: str  # person | organization | country | place
    key: str
    name: str
    source: str  # gazetteer | model | acronym | title | leftover | reference
    rank: str | None = None
    parent: str | None = None  # an organization's parent key ("org:csto" for its Secretariat)
    refers_to: int | None = None  # a reference ("the Acting Secretary General") -> its mention


@dataclass(frozen=True)
class Role:
    """A post held, as one sentence shows it: person mention, title, organization or country."""

    story: str
    person: int  # index of the person's mention among the story's mentions
    title: str
    organization: int | None  # index of the organization mention, if the post names one
    country: int | None  # index of the country mention, if the post names one
    date: str | None
    start: int  # evidence: the title-and-name phrase in the story text
    end: int
    text: str


@dataclass(frozen=True)
class StoryEvent:
    """An event as one story tells it; mention fields are indices among the story's mentions."""

    story: str
    index: int
    kind: str
    name: str | None
    start: str | None
    end: str | None
    place: int | None
    format: str | None
    chair: int | None
    parts: tuple[tuple[int, str], ...]  # (mention index, part); organizers have part "organizer"
    evidence_start: int
    evidence_end: int


@dataclass(frozen=True)
class Statement:
    """Who said what in a story, quoted or reported; offsets delimit what was said."""

    story: str
    index: int
    speaker: int
    verb: str
    quote: bool
    start: int
    end: int
    text: str
    event: int | None  # index of the story event it was said at


@dataclass(frozen=True)
class Claim:
    """A figure claimed in a story: range, hedge, unit, subject, speaker, authority."""

    story: str
    index: int
    low: float
    high: float
    approx: str  # exact | about | over | under | range
    unit: str | None
    subject: int | None
    subject_text: str | None
    speaker: int | None
    statement: int | None
    authority: str | None
    authority_org: int | None
    date: str | None
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Relation:
    """A typed edge between two organizations with its evidence."""

    story: str
    source: int
    target: int
    kind: str  # cooperation | agreement | memorandum | appeal | membership | observer | partnership
    date: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Annotated:
    """What the annotation stage found in one story (or one press signature)."""

    story: str
    mentions: tuple[Mention, ...]
    roles: tuple[Role, ...]
    events: tuple[StoryEvent, ...] = ()
    statements: tuple[Statement, ...] = ()
    claims: tuple[Claim, ...] = ()
    relations: tuple[Relation, ...] = ()


@dataclass(frozen=True)
class AnnotationFailure:
    """A story (or signature) the annotation stage could not annotate: the stage that failed
    (a pipeline component, "window" for a text the model cannot take, "store") and why."""

    story: str
    stage: str
    message: str


@dataclass(frozen=True)
class NotReturned:
    """A story a worker process took and never gave back (the process died): not stored, not
    a failure; the next run annotates it."""

    story: str
    message: str
