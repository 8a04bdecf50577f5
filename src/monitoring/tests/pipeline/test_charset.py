"""Charset decoding: BOM, header, declaration, detection, windows-1258, legacy TCVN3/VNI fonts."""

from __future__ import annotations

import codecs
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monitoring.pipeline.charset import decode_body, find_declared_charset, resolve_charset
from monitoring.pipeline.types import QuarantineError

TONES = "\u0300\u0301\u0303\u0309\u0323"
SENTENCE = "Ủy ban nhân dân tỉnh Sông Lam họp bàn kế hoạch phát triển kinh tế - xã hội năm 2026"


def cp1258(text: str) -> bytes:
    """Encode like Windows does for Vietnamese: base letter, then a combining tone mark."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out += base.encode("cp1258") + "".join(c for c in parts if c in TONES).encode("cp1258")
    return bytes(out)


def page(charset_meta: str, body: bytes) -> bytes:
    return (
        f'<html><head><meta charset="{charset_meta}"></head><body><p>'.encode()
        + body
        + (b"</p></body></html>")
    )


def test_utf8_with_header_charset() -> None:
    assert decode_body(SENTENCE.encode(), header_charset="utf-8", declared=None) == (
        SENTENCE,
        "utf-8",
    )


def test_empty_body_is_empty_text() -> None:
    assert decode_body(b"", header_charset=None, declared=None) == ("", "utf-8")


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_bom_wins_over_header(bom: bytes, codec: str) -> None:
    body = bom + SENTENCE.encode(codec)
    assert decode_body(body, header_charset="iso-8859-1", declared="windows-1258") == (
        SENTENCE,
        codec,
    )


def test_windows_1258_from_header_is_nfc() -> None:
    raw = cp1258(SENTENCE)
    assert b"\xcc" in cp1258("bình")  # the tone is a separate combining byte in windows-1258
    text, codec = decode_body(raw, header_charset="windows-1258", declared=None)
    assert codec == "cp1258"
    assert text == SENTENCE
    assert unicodedata.is_normalized("NFC", text)


def test_windows_1258_from_meta_declaration() -> None:
    body = page("windows-1258", cp1258(SENTENCE))
    declared = find_declared_charset(body)
    assert declared == "windows-1258"
    text, codec = decode_body(body, header_charset=None, declared=declared)
    assert codec == "cp1258"
    assert SENTENCE in text


def test_windows_1258_detected_without_any_declaration() -> None:
    body = b"<html><body>" + b"<p>" + cp1258(SENTENCE) + b"</p>" * 3 + b"</body></html>"
    text, codec = decode_body(body, header_charset=None, declared=None)
    assert codec == "cp1258"
    assert SENTENCE in text


def test_header_charset_beats_meta_declaration() -> None:
    body = page("iso-8859-1", cp1258(SENTENCE))
    text, codec = decode_body(body, header_charset="windows-1258", declared="iso-8859-1")
    assert (codec, SENTENCE in text) == ("cp1258", True)


def test_western_label_over_utf8_bytes_gives_utf8() -> None:
    body = page("iso-8859-1", SENTENCE.encode())
    text, codec = decode_body(body, header_charset="ISO-8859-1", declared="iso-8859-1")
    assert codec == "utf-8"
    assert SENTENCE in text


def test_nfd_utf8_text_comes_out_nfc() -> None:
    nfd = unicodedata.normalize("NFD", SENTENCE)
    text, _ = decode_body(nfd.encode(), header_charset="utf-8", declared=None)
    assert text == SENTENCE


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<?xml version="1.0" encoding="windows-1258"?><rss/>', "windows-1258"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">', "utf-8"),
        (b"<META CHARSET=tcvn>", "tcvn"),
        (b"<html><head><title>Kh\xc3\xb4ng</title></head>", None),
    ],
)
def test_find_declared_charset(head: bytes, expected: str | None) -> None:
    assert find_declared_charset(head) == expected


@pytest.mark.parametrize("label", ["utf-7", "unicode_escape", "x-no-such-charset", "base64"])
def test_refused_or_unknown_labels_fall_through(label: str) -> None:
    text, codec = decode_body(SENTENCE.encode(), header_charset=label, declared=label)
    assert (text, codec) == (SENTENCE, "utf-8")


def test_resolve_charset_maps_web_labels() -> None:
    assert resolve_charset("ISO-8859-1") == "cp1252"  # WHATWG: latin-1 means windows-1252
    assert resolve_charset("Windows-1258") == "cp1258"
    assert resolve_charset("utf-7") is None
    assert resolve_charset("x-no-such-charset") is None


def test_meta_claiming_utf16_is_read_as_utf8() -> None:
    body = page("utf-16", SENTENCE.encode())
    text, codec = decode_body(body, header_charset=None, declared="utf-16")
    assert codec == "utf-8"
    assert SENTENCE in text


# --- legacy font encodings ------------------------------------------------------------------------
# TCVN3 (ABC) bytes written by hand from the published VN3 table: "Việt Nam", "Sông Lam",
# "đường", "Hà Nội", "tỉnh", "ủy ban", "Đắk Lắk".
TCVN3_WORDS = [
    (b"Vi\xd6t Nam", "Việt Nam"),
    (b"S\xabng Lam", "Sông Lam"),
    (b"\xae\xad\xeang", "đường"),
    (b"H\xb5 N\xe9i", "Hà Nội"),
    (b"t\xd8nh", "tỉnh"),
    (b"\xf1y ban", "ủy ban"),
    (b"\xa7\xbek L\xbek", "Đắk Lắk"),
]


@pytest.mark.parametrize(("raw", "expected"), TCVN3_WORDS)
def test_tcvn3_font_page_is_converted(raw: bytes, expected: str) -> None:
    body = b'<html><body><font face=".VnTime">' + raw + b"</font></body></html>"
    text, codec = decode_body(body, header_charset="iso-8859-1", declared=None)
    assert codec == "tcvn3"
    assert f">{expected}<" in text
    assert unicodedata.is_normalized("NFC", text)


def test_tcvn3_css_font_family_without_charset() -> None:
    raw = b" ".join(word for word, _ in TCVN3_WORDS)
    body = b"<style>p { font-family: .VnArial, sans-serif }</style><p>" + raw + b"</p>"
    text, codec = decode_body(body, header_charset=None, declared=None)
    assert codec == "tcvn3"
    assert " ".join(word for _, word in TCVN3_WORDS) in text


def test_unicode_page_naming_an_old_font_stays_unicode() -> None:
    body = b"<style>p { font-family: .VnTime }</style><p>" + SENTENCE.encode() + b"</p>"
    text, codec = decode_body(body, header_charset="iso-8859-1", declared=None)
    assert codec == "utf-8"
    assert SENTENCE in text


def test_vni_font_page_is_quarantined() -> None:
    body = b'<font face="VNI-Times">Vi\xe6\xf5t Nam</font>'  # VNI spreads letters over 2-3 bytes
    with pytest.raises(QuarantineError, match="VNI"):
        decode_body(body, header_charset="windows-1252", declared=None)


# --- garbage --------------------------------------------------------------------------------------
def test_binary_body_is_quarantined() -> None:
    body = bytes(range(256)) * 40
    with pytest.raises(QuarantineError, match="undecodable"):
        decode_body(body, header_charset=None, declared=None)


def test_binary_body_with_a_text_label_is_quarantined() -> None:
    body = b"\x89PNG\r\n\x1a\n" + bytes(range(32)) * 200
    with pytest.raises(QuarantineError):
        decode_body(body, header_charset="utf-8", declared=None)


LABELS = st.sampled_from([None, "utf-8", "windows-1258", "iso-8859-1", "utf-16", "tcvn", "gbk"])


@settings(max_examples=300, deadline=None)
@given(body=st.binary(max_size=3000), header=LABELS, declared=LABELS)
def test_random_bytes_decode_or_quarantine(
    body: bytes, header: str | None, declared: str | None
) -> None:
    try:
        text, codec = decode_body(body, header_charset=header, declared=declared)
    except QuarantineError as error:
        assert error.reason
        return
    assert isinstance(text, str)
    assert codec
    assert unicodedata.is_normalized("NFC", text)


@settings(max_examples=100, deadline=None)
@given(
    text=st.text(
        st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffd"),
        max_size=500,
    )
)
def test_any_utf8_text_round_trips(text: str) -> None:
    decoded, _ = decode_body(text.encode(), header_charset="utf-8", declared=None)
    assert decoded == unicodedata.normalize("NFC", text.removeprefix("\ufeff"))
