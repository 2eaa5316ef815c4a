"""Line-level recognisers: what one line of extracted text is, seen on its own.

Every pattern here is anchored and built from bounded or non-nested
quantifiers, so a 100k-character line is matched in linear time. Patterns that
describe short chrome lines are only tried on lines of at most
:data:`SHORT_LINE_WORDS` words, which also keeps them from ever eating a story
paragraph that happens to start with "Share" or "Related".

The recognisers take a :class:`~newsprov.clean.features.Line` (a bare string is
accepted and measured on the spot): its word count and lower-cased text are
computed once per line. A pattern that would scan the whole line is only tried
when the line holds a word every match of it holds (lower-cased, avoiding the
letters a case-insensitive pattern matches to characters ``lower()`` keeps
apart), so story paragraphs cost a few substring searches; ``tests/test_clean.py``
checks each such test against the pattern run in full.

Example:
    >>> line_reason("Read Entire Article")
    'read-more'
    >>> line_reason("google8c874a0b684bfa11.html")
    'verification-token'
    >>> line_reason("North Korea confirmed the deployment on Monday.") is None
    True
"""

from __future__ import annotations

import re

from newsprov.clean.features import Line, line_of
from newsprov.clean.promos import promo_cues

__all__ = [
    "SHORT_LINE_WORDS",
    "is_heading",
    "is_section_time",
    "is_sentence",
    "is_separator",
    "is_title_like",
    "line_reason",
    "words",
]

SHORT_LINE_WORDS = 16
"""Chrome lines ("Sign up for our newsletter", "Read more: ...") are short; a
line longer than this is treated as prose by every chrome pattern below. 16
words covers the longest newsletter prompts seen in the benchmark pages while
staying under the length of a typical news sentence (20-25 words)."""

_TIME_UNITS = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)"

_VERIFICATION = re.compile(
    r"^(?:google[0-9a-f]{16}\.html"
    r"|verified by monsterinsights"
    r"|(?:yandex_|bing|msvalidate|pinterest-)[\w.-]{0,60}"
    r"|BingSiteAuth\.xml)$",
    re.IGNORECASE,
)

_READ_MORE = re.compile(
    r"^(?:read (?:more|entire article|full article|the full (?:article|story)|the rest|next)"
    r"|continue reading|keep reading|click here to read more|view full article"
    r"|(?:read|see) also|also read|read more (?:at|on|here)|more here)"
    r"(?:\s*[:.>»›…]|\s*\W*$|\s+.{0,200}$)",
    re.IGNORECASE,
)

_WIDGET = re.compile(
    r"^(?:\d{1,3}\s+" + _TIME_UNITS + r"\s+ago(?:\s+\d{1,6})?"
    r"|[\w.-]{1,30}(?:\s[\w.-]{1,30}){0,2}\s+icon"
    r"|share(?: this)?(?: article| story| post| on \w+)?|tweet|e-?mail|print|pin it"
    r"|facebook|twitter|x|whatsapp|linkedin|telegram|reddit|copy link|copied"
    r"|follow(?: us)?(?: on [\w ]{1,30})?|like us on facebook"
    r"|advertisement|advertisment|ad|sponsored(?: content)?|skip advert(?:isement)?"
    r"|story continues below(?: advertisement)?|scroll to continue(?: with content)?"
    r"|subscribe(?: now| today)?|sign up|sign in|log in|register|newsletter"
    r"|listen(?: to this article)?(?: \d{1,2}(?::\d\d)? min)?|\d{1,2} min read"
    r"|(?:share|comments?)\s*\d{0,6}|show (?:more|less)|load more|back to top"
    r"|image|photo|video|gallery|enlarge this image|toggle caption|hide caption"
    r"|sorry)\W*$",
    re.IGNORECASE,
)

_COMMENT = re.compile(
    r"(?:you must be logged in to (?:add|post|leave) a comment"
    r"|^(?:leave|post|add|write) a (?:comment|reply)"
    r"|^(?:\d{1,6}\s+)?comments?\W*$|^join the (?:conversation|discussion)"
    r"|^be the first to comment|^log in to comment|^view comments|^tell us what you think"
    r"|comments? (?:are|have been) (?:closed|disabled))",
    re.IGNORECASE,
)

_COPYRIGHT = re.compile(
    r"(?:^(?:©|\(c\)|copyright\b)|all rights reserved|^terms (?:of|and) (?:use|service)"
    r"|^privacy policy|this material may not be published, broadcast)",
    re.IGNORECASE,
)

_PHOTO_CREDIT = re.compile(
    r"^(?:\(?(?:photo|image|picture|file photo|photograph|credit|source)s?"
    r"(?: by| credit)?\s*[:/]\s*.{1,80}"
    r"|\(?(?:photo|picture|image) by .{1,80}"
    r"|.{0,60}/\s?(?:getty images|afp|reuters|ap|epa|shutterstock|alamy|ap photo)\)?"
    r"|(?:reuters|afp|ap|epa|yonhap|kcna|xinhua)\s?/\s?[\w .'-]{1,40}"
    r"|(?:[\w.-]+ ){0,4}via (?:getty images|reuters|ap|afp|epa|shutterstock)\)?"
    r"|getty images|shutterstock|ap photo)$",
    re.IGNORECASE,
)

_HEADING = re.compile(
    r"^(?:most (?:viewed|read|popular|shared|commented)(?: \w+){0,4}|related(?: \w+){0,2}"
    r"|trending(?: \w+)?|more"
    # the same headings in other languages, possibly after the outlet's name
    r"|(?:\S{1,30} ){0,2}(?:주요\s?뉴스|관련\s?기사|많이 본 뉴스|인기\s?기사|leia (?:também|mais)"
    r"|veja (?:também|mais)|lea también|ver más|lire aussi|à lire aussi|mehr zum thema"
    r"|читайте также|смотрите также|по теме|関連記事|相关新闻|相關新聞)"
    r"|(?:related|see more|more|also|also on [\w.]{1,30}|read also)\s?:\s?\S.{0,200}"
    r"|more (?:from|in|on) [\w .&'-]{1,40}|more (?:stories|news|articles|headlines)"
    r"|latest(?: \w+){0,2}|recommended(?: for you| stories| reading)?|you may also like"
    r"|you might also like|popular(?: \w+){0,3}|top stories|editor'?s picks|see also"
    r"|what to read next|further reading|in other news|don'?t miss|must read"
    r"|also on [\w .-]{1,30}|around the web|from (?:the web|our partners))\W*$",
    re.IGNORECASE,
)

_SECTION_TIME = re.compile(
    r"^[A-Z][\w&.' -]{0,30}?\s?\d{1,3}\s+" + _TIME_UNITS + r"\s+ago$", re.IGNORECASE
)

_STAMP = re.compile(
    r"^(?:last |first )?(?:updated|posted|published)\b[^.]{0,60}?(?:\d{1,2}:\d\d|\d{4})",
    re.IGNORECASE,
)

_CONTACT = re.compile(
    r"(?:\b(?:reached|contacted|write to|e-?mail)\b[^@]{0,80}@\w"
    r"|\bfollow (?:him|her|them|me) on (?:twitter|facebook|instagram|x)\b"
    r"|\breach (?:the )?(?:reporters?|writers?|authors?|him|her|them|me) (?:on|at|via)\b)",
    re.IGNORECASE,
)
_CONTACT_ONLY = re.compile(
    r"^(?:@\w{1,30}"
    r"|(?:https?://)?(?:www\.)?(?:twitter|x|instagram|facebook|linkedin|threads)\.(?:com|net)"
    r"/@?[\w.]{1,40}/?)\W{0,2}$",
    re.IGNORECASE,
)
"""A line that is only a handle or a social profile: the reporter's contact
printed under the story. (A bare e-mail address is left: outlets print the
reporter's address as the story's byline as often as a contact line.)"""
_CONTACT_WORDS = 45
"""A reporter's contact or bio line ("Follow him on Twitter @...") runs to two
sentences; longer paragraphs mentioning an address are story text."""

_READING_TIME = re.compile(
    r"^(?:(?:estimated )?reading time|tempo de leitura|tiempo de lectura|temps de lecture"
    r"|tempo di lettura|lesezeit|время чтения|leestijd)\s?:?\s?(?:\d{1,3}|less than|menos de)"
    r"|^\d{1,3}\s?(?:min|minutes?|minutos?|minuten|минут\w{0,2})\.? (?:read|de leitura"
    r"|de lectura|de lecture|lesezeit|чтения)\W*$",
    re.IGNORECASE,
)

_DATE_TIME = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)\D{0,12}(?<!\d)\d{1,2}[:h]\d\d(?!\d)")
_DATE_TIME_WORDS = 10
"""A date-and-time line in any language ("sexta-feira, 22 de outubro de 2010 às
20:13") is a handful of words: a year followed closely by a clock time."""

_TAGS = re.compile(
    r"^(?:filed under|tags?|tagged(?: with| in)?|categories|category|posted in|topics?)\s?:",
    re.IGNORECASE,
)

_ERROR = re.compile(
    r"^(?:an error (?:has )?occurred|something went wrong|please try again)\b.{0,60}$",
    re.IGNORECASE,
)
"""A form's error message ("An error has occurred, please try again later.")."""

_COMMENT_POLICY = re.compile(
    r"\b(?:comments?|coment[aá]rios?|commentaires?|kommentare?)\b.{0,150}?"
    r"(?:\bmoderat(?:or|ed|ion)\b|\bmodera(?:dor|dores|ção|ción|dos)\b|\bmodérat"
    r"|(?:will|shall|may) not be (?:published|approved)|não serão (?:publicados|aprovados)"
    r"|no serán (?:publicados|aprobados))",
    re.IGNORECASE,
)
"""A comment policy ("Comments that ... will not be approved by the moderator"),
in English, Portuguese, Spanish, French or German."""
_NOTICE = re.compile(r"for (?:your )?personal,? non-?commercial use only", re.IGNORECASE)
"""A reprint notice, a sentence or two long."""
_DISCLOSURE = re.compile(
    r"^if you (?:buy|purchase) (?:something|anything|a product)\b.{0,120}?"
    r"\b(?:commission|share of the sale|may (?:earn|get|receive))",
    re.IGNORECASE,
)
"""An affiliate disclosure ("If you buy something through this post, we may get a
share of the sale")."""
_NOTICE_WORDS = 60
"""Comment policies and reprint notices run to a few sentences; a longer paragraph
quoting such words is story text."""
_NOTICE_CHARS = 600
"""The same bound in characters, so a line of a few huge "words" is never scanned."""

_SHORTCODE = re.compile(r"\[/[a-z_]{2,20}\]")
"""A closing CMS shortcode ("[/button]") leaked into the text: markup, never prose."""


def _as_line(line: str | Line) -> Line:
    """The features of ``line``: computed here for a bare string, else as given."""
    return line_of(line) if isinstance(line, str) else line


_SEPARATOR = re.compile(r"^[-–—•·|*_=~/\\>»«]{1,5}$")

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]{0,3}$|[.!?][\"'”’]{0,3}\s?\[\d{1,3}\]$")

_WORD = re.compile(r"\S+")


def words(line: str) -> int:
    """How many whitespace-separated words ``line`` has.

    Example:
        >>> words("Most  Viewed ")
        2
    """
    return len(line.split())


def is_sentence(line: str) -> bool:
    """True when ``line`` ends like prose (a full stop, question or quote close).

    Example:
        >>> is_sentence('He said "no."'), is_sentence("Most Viewed")
        (True, False)
    """
    return _SENTENCE_END.search(line[-12:]) is not None


def is_title_like(line: str | Line) -> bool:
    """True when ``line`` reads as a headline: 3-24 words, capitalised, no full stop.

    Example:
        >>> is_title_like("Death toll rises to 11 after driver crashes into festival crowd")
        True
        >>> is_title_like("The commission said it was a victory.")
        False
    """
    text, count, _ = _as_line(line)
    if not 3 <= count <= 24 or len(text) > 200:
        return False
    first = text.lstrip("-–•*· \"'“‘(")[:1]
    return (first.isupper() or first.isdigit()) and not is_sentence(text)


def is_heading(line: str | Line) -> bool:
    """True for the heading of a list of other stories ("Most Viewed", "Related").

    Example:
        >>> is_heading("Most Viewed"), is_heading("More from World:")
        (True, True)
    """
    text, count, _ = _as_line(line)
    return count <= 25 and _HEADING.match(text.lstrip("[")) is not None


def is_section_time(line: str | Line) -> bool:
    """True for a list item's section and age, e.g. "World20 hours ago".

    Example:
        >>> is_section_time("US News3 days ago"), is_section_time("Legal 1 week ago")
        (True, True)
    """
    text, count, low = _as_line(line)
    return count <= 8 and "ago" in low and _SECTION_TIME.match(text) is not None


def is_separator(line: str) -> bool:
    """True for a line of punctuation only ("-", "•", "|").

    Example:
        >>> is_separator("-"), is_separator("-5")
        (True, False)
    """
    return _SEPARATOR.match(line) is not None


def line_reason(line: str | Line) -> str | None:
    """Why ``line`` is boilerplate on its own, or None when it may be content.

    Example:
        >>> line_reason("You must be logged in to add a comment.")
        'comment-prompt'
        >>> line_reason("10 hours ago 8"), line_reason("Chattythat Icon")
        ('widget', 'widget')
    """
    ln = line_of(line) if isinstance(line, str) else line
    text, count, _ = ln
    # a verification token is one "word" (or "verified by monsterinsights")
    if count <= 3 and _VERIFICATION.match(text):
        return "verification-token"
    if count <= SHORT_LINE_WORDS and _may_comment(ln.low) and _COMMENT.search(text):
        return "comment-prompt"
    if count <= _CONTACT_WORDS and _may_contact(ln) and _CONTACT.search(text):
        return "contact"
    if count <= SHORT_LINE_WORDS * 2 and "[/" in text and _SHORTCODE.search(text):
        return "shortcode"
    if count > SHORT_LINE_WORDS:
        return _notice(ln)
    return _short_reason(ln)


def _may_comment(low: str) -> bool:
    """Cheap test before :data:`_COMMENT`: each of its alternatives holds one of these."""
    return (
        "comment" in low
        or "reply" in low
        or "n the c" in low
        or "n the d" in low
        or "tell u" in low
    )


def _may_copyright(low: str) -> bool:
    """Cheap test before :data:`_COPYRIGHT`: each of its alternatives holds one of these."""
    return (
        "©" in low
        or "(c)" in low
        or "copyr" in low
        or "erved" in low
        or "term" in low
        or "vacy pol" in low
        or "may not be publ" in low
    )


def _may_contact(ln: Line) -> bool:
    """Cheap test before :data:`_CONTACT`: an address, "follow" or "reach" must be there."""
    return "@" in ln.text or "follow" in ln.low or "reach" in ln.low


def _short_reason(ln: Line) -> str | None:
    """:func:`line_reason` for a line of at most :data:`SHORT_LINE_WORDS` words."""
    text, count, _ = ln
    if _CONTACT_ONLY.match(text):
        return "contact"
    if _READ_MORE.match(text):
        return "read-more"
    if _WIDGET.match(text) or _ERROR.match(text) or (promo_cues(ln) and not text.startswith("- ")):
        return "widget"
    if _STAMP.match(text):
        return "dateline-meta"
    dated = "19" in text or "20" in text  # the year the pattern needs
    if count <= _DATE_TIME_WORDS and dated and _DATE_TIME.search(text):
        return "dateline-meta"
    if _READING_TIME.match(text):
        return "reading-time"
    if _TAGS.match(text):
        return "tags"
    if _may_copyright(ln.low) and _COPYRIGHT.search(text):
        return "copyright"
    if _PHOTO_CREDIT.match(text):
        return "photo-credit"
    return _notice(ln)


# Every _COMMENT_POLICY match holds "comment", "coment" or "kommentar" lower-cased,
# every _NOTICE match "commerc". Such hints, tried on the lower-cased line before a
# case-insensitive pattern, avoid "i" and "s": the pattern matches them to "ı", "İ"
# and "ſ" too, which lower() keeps apart; every other character a pattern matches
# to an ASCII letter (the Kelvin sign for "k") lower-cases to that letter
# (tests/test_clean.py checks every code point).
_NOTICE_HINT = "commerc"
_I_FORMS = "iI\u0130\u0131"
"""The characters a case-insensitive "i" matches (tests/test_clean.py checks them all):
:data:`_DISCLOSURE` is only tried on a line opening with one."""


def _notice(ln: Line) -> str | None:
    """Why a line is a notice: a comment policy, a reprint notice, a disclosure."""
    text, count, low = ln
    if count > _NOTICE_WORDS or len(text) > _NOTICE_CHARS:
        return None
    # "omme" or "omen" is in each of "comment", "coment", "kommentar", "commerc"
    if ("omme" in low or "omen" in low) and (reason := _policy(text, low)):
        return reason
    if text[:1] in _I_FORMS and _DISCLOSURE.match(text):
        return "disclosure"
    return None


def _policy(text: str, low: str) -> str | None:
    """A comment policy or a reprint notice, tried only when their words are there."""
    policy_word = "comment" in low or "coment" in low or "kommentar" in low
    if policy_word and _COMMENT_POLICY.search(text):
        return "comment-prompt"
    if _NOTICE_HINT in low and _NOTICE.search(text):
        return "copyright"
    return None


def photo_credit_names(line: str) -> str:
    """The credited part of a photo-credit line ("Photo: Jane Doe/AFP" -> "Jane Doe/AFP").

    Example:
        >>> photo_credit_names("(Photo by Jane Doe/AFP)")
        'Jane Doe/AFP'
    """
    text = line.strip().strip("()[]")
    text = re.sub(
        r"^(?:file photo|photograph|photo|image|picture|credit|source)s?"
        r"(?: by| credit)?\s*[:/]?\s*",
        "",
        text,
        flags=re.IGNORECASE,
    )
    return text.strip()
