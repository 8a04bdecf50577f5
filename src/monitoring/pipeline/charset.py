"""Decode fetched bytes to NFC text and say which encoding was used (pure, no I/O).

:func:`decode_body` tries, in order, keeping the first candidate that decodes strictly and looks
like text:

1. a byte-order mark (UTF-8, UTF-16, UTF-32): authoritative, as in browsers;
2. the HTTP ``Content-Type`` charset;
3. the document's own declaration (``<meta charset>``, ``<meta http-equiv>``, ``<?xml encoding?>``),
   found with :func:`find_declared_charset`;
4. charset-normalizer's guess;
5. UTF-8 with replacement characters, unless too much of it is replaced (then
   :class:`QuarantineError`).

Two corrections keep Vietnamese pages readable:

- **Wrong Western label.** When a single-byte charset (ISO-8859-1, windows-1252, windows-1258, …)
  is named but the bytes are valid UTF-8 containing multi-byte sequences, UTF-8 wins: non-ASCII text
  in a single-byte encoding is almost never valid UTF-8 by chance, while CMS templates that keep an
  old ``charset=iso-8859-1`` over UTF-8 output are common.
- **windows-1258** (Vietnamese ANSI) writes tone marks as separate combining characters
  (``e`` + U+0301), so every result is NFC-normalised: the text then compares equal to text typed
  with precomposed letters.

Legacy font encodings (pre-Unicode Vietnamese web pages)
-------------------------------------------------------
TCVN3 ("ABC", TCVN 5712:1993 VN3) and VNI are not character encodings that a page can declare:
the page is sent as windows-1252/ISO-8859-1 (or with no charset at all) and a special font
(``.VnTime``, ``.VnArial``…, or ``VNI-Times``…) draws Vietnamese glyphs in the places of Latin-1
letters. The bytes are therefore perfectly valid windows-1252, and no statistical detector
(charset-normalizer included) can tell them from French or German text: they are **not reliably
detectable from the bytes**. The only signal is the font-family name in the markup, so:

- a page that is not valid UTF-8, is labelled Western single-byte (or not at all) and names a TCVN3
  font (``.Vn…``) is decoded with the TCVN3 table below (encoding ``"tcvn3"``). Limitation: TCVN3
  draws capitals with separate fonts (``.VnTimeH``) over the *same* byte values, so text set in
  such a font comes out in lower case (the letters and tone marks are right);
- a page that names a VNI font (``VNI-Times``…) under the same conditions raises
  :class:`QuarantineError` ("legacy VNI font encoding"): VNI spreads one letter over two or three
  Latin-1 characters (``Vieät`` for ``Việt``) and is not converted here.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from monitoring.pipeline.types import QuarantineError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: WHATWG maps these labels to windows-1252; Python's latin-1 would lose the 0x80–0x9F letters.
_WESTERN = {
    "iso-8859-1",
    "iso8859-1",
    "latin1",
    "latin-1",
    "l1",
    "cp819",
    "us-ascii",
    "ascii",
    "iso_8859-1",
    "windows-1252",
    "x-cp1252",
    "cp1252",
}
#: Python codecs that are not web text encodings (or are attack vectors, such as UTF-7).
_REFUSED = {
    "unicode_escape",
    "raw_unicode_escape",
    "punycode",
    "idna",
    "undefined",
    "utf_7",
    "mbcs",
    "oem",
    "palmos",
    "unicode_internal",
}
_MIN_GUESS_BYTES = 32
_NEVER_GUESSED = ("iso2022", "hz")  # escape-based: swallow control bytes of binary data
_SINGLE_BYTE = ("cp125", "iso8859", "latin_1", "ascii", "cp874", "koi8", "mac_", "tis_620")
_SCAN_BYTES = 16_384
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_META = re.compile(
    rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE | re.DOTALL
)
_TCVN3_FONT = re.compile(rb"""(?:face|font-family|font)\s*[=:][^>;]{0,80}?\.vn[a-z]""", re.I)
_VNI_FONT = re.compile(rb"""(?:face|font-family|font)\s*[=:][^>;]{0,80}?\bvni[- ][a-z]""", re.I)
_MAX_BAD_RATIO = 0.02  # replacement or control characters tolerated in "text"
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")

# TCVN3 (VN3/"ABC"): byte value → letter, in the order a, ă, â, e, ê, i, o, ô, ơ, u, ư, y with
# their five tones (grave, hook, tilde, acute, dot below), then the bare capitals and đ/Đ.
_TCVN3_TONED = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_TCVN3_BARE = {
    0xA1: "Ă",
    0xA2: "Â",
    0xA3: "Ê",
    0xA4: "Ô",
    0xA5: "Ơ",
    0xA6: "Ư",
    0xA7: "Đ",
    0xA8: "ă",
    0xA9: "â",
    0xAA: "ê",
    0xAB: "ô",
    0xAC: "ơ",
    0xAD: "ư",
    0xAE: "đ",
}


def _tcvn3_table() -> dict[int, str]:
    table = dict(_TCVN3_BARE)
    for base, positions in _TCVN3_TONED.items():
        for byte, tone in zip(positions, _TONES, strict=True):
            table[byte] = unicodedata.normalize("NFC", base + tone)
    return table


TCVN3_TABLE = _tcvn3_table()


def decode_tcvn3(body: bytes) -> str:
    """Bytes written with a TCVN3 (ABC) font → Unicode NFC; other bytes read as windows-1252."""
    western = body.decode("cp1252", "replace")
    return "".join(
        TCVN3_TABLE.get(b, ch) if b >= 0xA1 else ch for b, ch in zip(body, western, strict=True)
    )


def find_declared_charset(body: bytes) -> str | None:
    """The charset the document declares in its first 16 KiB (XML declaration or ``<meta>``)."""
    head = body[:_SCAN_BYTES]
    found = _XML_DECL.search(head) or _META.search(head)
    return found.group(1).decode("ascii").lower() if found else None


def resolve_charset(label: str | None) -> str | None:
    """A web charset label → the name of a Python text codec, or None if unknown or refused."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _WESTERN:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except (LookupError, ValueError, TypeError):
        return None
    return None if name.replace("-", "_") in _REFUSED else name


def _is_single_byte(codec: str) -> bool:
    return codec.replace("-", "_").startswith(_SINGLE_BYTE)


def _is_multibyte_utf8(body: bytes) -> bool:
    if body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    sample = text[:100_000]
    return len(_CONTROL.findall(sample)) <= _MAX_BAD_RATIO * len(sample)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _strict(body: bytes, codec: str) -> str | None:
    try:
        text = body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    return text if _looks_like_text(text) else None


def _legacy_font(body: bytes, codec: str | None) -> tuple[str, str] | None:
    """TCVN3 text for a Western-labelled page drawn with a ``.Vn…`` font; refuse VNI fonts."""
    if codec is not None and codec != "cp1252":
        return None
    head = body[:200_000]
    if _TCVN3_FONT.search(head):
        return _nfc(decode_tcvn3(body)), "tcvn3"
    if _VNI_FONT.search(head):
        raise QuarantineError("legacy VNI font encoding (not converted to Unicode)")
    return None


def _from_labels(body: bytes, labels: tuple[str | None, ...]) -> tuple[str, str] | None:
    for label in labels:
        codec = resolve_charset(label)
        if codec is None:
            continue
        if _is_single_byte(codec) and _is_multibyte_utf8(body):
            return _nfc(body.decode("utf-8")), "utf-8"
        legacy = None if body.isascii() else _legacy_font(body, codec)
        if legacy is not None:
            return legacy
        text = _strict(body, codec)
        if text is not None:
            return _nfc(text), codec
    return None


def _guess(body: bytes) -> tuple[str, str] | None:
    if len(body) < _MIN_GUESS_BYTES:  # too short for statistics (2 bytes "look like" UTF-16)
        return None
    best = from_bytes(body[:1_000_000]).best()
    codec = resolve_charset(best.encoding) if best is not None else None
    if codec is None or codec.startswith(_NEVER_GUESSED):
        return None
    text = _strict(body, codec)
    return None if text is None else (_nfc(text), codec)


def decode_body(
    body: bytes, *, header_charset: str | None, declared: str | None
) -> tuple[str, str]:
    """Decode ``body`` → ``(NFC text, codec name)``; see the module docstring for the order.

    ``declared`` is the document's own declaration (pass ``find_declared_charset(body)``).
    Raises :class:`QuarantineError` for bytes that are not text in any encoding tried.
    """
    if not body:
        return "", "utf-8"
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return _nfc(body[len(bom) :].decode(codec, "replace")), codec
    if (resolve_charset(declared) or "").startswith(("utf-16", "utf-32")):
        declared = "utf-8"  # a <meta> cannot be read in UTF-16, so it cannot be true (WHATWG)
    found = _from_labels(body, (header_charset, declared))
    if found is None and not _is_multibyte_utf8(body) and not body.isascii():
        found = _legacy_font(body, None)
    if found is None:
        found = _guess(body)
    if found is not None:
        return found
    text = body.decode("utf-8", "replace")
    if not _looks_like_text(text):
        raise QuarantineError("undecodable: not text in any known encoding")
    return _nfc(text), "utf-8"
