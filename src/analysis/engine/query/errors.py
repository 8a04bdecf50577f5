"""Query errors: a 0-based character position in the officer's text, a stable code, parameters.

``message`` is English; a user interface translates ``template`` (an English msgid with
``%(name)s`` placeholders, listed in :data:`MESSAGES`) and fills it with ``params``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

#: Stable error code → English message template (also the msgid to translate).
MESSAGES: Mapping[str, str] = MappingProxyType(
    {
        "empty_query": "The query is empty.",
        "query_too_long": "The query is longer than %(limit)s characters.",
        "unclosed_quote": "The quotation mark opened here is never closed.",
        "empty_phrase": "The phrase in quotation marks contains no word.",
        "phrase_too_long": "A phrase may have at most %(limit)s words.",
        "unclosed_parenthesis": "The parenthesis opened here is never closed.",
        "unexpected_parenthesis": "This closing parenthesis has no matching opening one.",
        "empty_group": "The parentheses contain nothing.",
        "missing_operand": "%(operator)s must be followed by a word, a phrase or a group.",
        "missing_left_operand": "%(operator)s must come after a word, a phrase or a group.",
        "too_deep": "Parentheses and NOT are nested more than %(limit)s levels deep.",
        "too_many_terms": "The query has more than %(limit)s words, phrases and prefixes.",
        "word_too_long": "This word is longer than %(limit)s characters.",
        "near_distance": "NEAR needs a distance from 1 to %(limit)s, as in NEAR/5.",
        "near_operand": (
            "NEAR can only join words, phrases, prefixes, or groups of them joined by OR or NEAR."
        ),
        "near_fields": "NEAR cannot join terms from two different fields (%(left)s and %(right)s).",
        "wildcard_position": "The wildcard * is only allowed at the end of a word.",
        "wildcard_too_short": "A word ending in * needs at least %(limit)s letters before the *.",
        "wildcard_compound": "A word ending in * must be a single word without punctuation.",
        "too_many_wildcards": "A query may contain at most %(limit)s words ending in *.",
        "unknown_field": "Unknown field %(field)s:. Use one of: %(fields)s.",
        "field_needs_operand": (
            "%(field)s: must be followed directly by a word, a phrase or a group."
        ),
        "nested_field": "A field cannot be given inside another field (%(outer)s: and %(inner)s:).",
        "source_type_value": (
            "source_type: takes a source type such as rss or social, not a phrase or a prefix."
        ),
        "no_positive_term": (
            "The query must require at least one word, phrase or field value; "
            "NOT alone would match almost every article."
        ),
    }
)


class QueryError(ValueError):
    """A malformed or over-limit query, with where the problem is.

    ``QueryError(position, message)`` works for ad-hoc errors; the parser raises
    :meth:`QueryError.of` so that ``code``, ``params`` and ``template`` are set.
    """

    def __init__(
        self,
        position: int,
        message: str,
        code: str = "invalid_query",
        params: Mapping[str, object] | None = None,
    ) -> None:
        self.position = position
        self.message = message
        self.code = code
        self.params: dict[str, object] = dict(params or {})
        self.template = MESSAGES.get(code, message)
        super().__init__(f"{message} (at character {position + 1})")

    @classmethod
    def of(cls, position: int, code: str, **params: object) -> QueryError:
        template = MESSAGES[code]
        return cls(position, template % params if params else template, code, params)

    def __reduce__(self) -> tuple[object, ...]:
        return (QueryError, (self.position, self.message, self.code, self.params))
