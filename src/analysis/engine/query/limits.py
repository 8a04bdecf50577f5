"""Limits of the topic query language (documented in docs/topic-queries.md).

They follow the caps commercial monitoring tools publish for the same reasons (query cost and
predictable results): Meltwater keeps NEAR ≤ 10 words and refuses huge booleans, Pulsar allows
NEAR ≤ 7 and at most 5 wildcard words of ≥ 4 letters, Talkwalker at most 50 operands per rule.
Distances here count syllables (one Vietnamese word is usually two), hence the larger NEAR cap.
"""

from __future__ import annotations

MAX_QUERY_LENGTH = 2000
#: Words, phrases and prefixes in one query (Talkwalker: 50 operands per rule).
MAX_TERMS = 50
MAX_PHRASE_WORDS = 20
#: NEAR/n: 1 ≤ n ≤ MAX_NEAR_DISTANCE syllables; plain NEAR means NEAR/DEFAULT_NEAR_DISTANCE.
MAX_NEAR_DISTANCE = 50
DEFAULT_NEAR_DISTANCE = 10
#: Letters before a trailing * and how many such words one query may have.
MIN_PREFIX_LENGTH = 3
MAX_PREFIXES = 10
#: Nesting of parentheses and NOT.
MAX_DEPTH = 20
#: Fields a term, phrase or group can be limited to.
TEXT_FIELDS = ("title", "lead", "body")
FIELDS = (*TEXT_FIELDS, "outlet", "source_type")
