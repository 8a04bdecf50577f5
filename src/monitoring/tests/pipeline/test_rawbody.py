"""Raw bodies at rest: zstandard from now on, gzip as stored before, anything else refused."""

from __future__ import annotations

import gzip

import pytest
from hypothesis import given
from hypothesis import strategies as st

from monitoring.pipeline import rawbody


@given(st.binary(max_size=5000))
def test_a_body_comes_back_byte_for_byte(body: bytes) -> None:
    stored = rawbody.compress(body)
    assert stored.startswith(rawbody.ZSTD_MAGIC)
    assert rawbody.decompress(stored) == body


def test_bodies_stored_as_gzip_still_read() -> None:
    body = "<html><body>Tỉnh Đắk Nông</body></html>".encode()
    assert rawbody.decompress(gzip.compress(body)) == body


def test_html_is_stored_smaller_than_gzip_level_1_did() -> None:
    html = "<div class='tin'><p>Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng</p></div>\n" * 400
    assert len(rawbody.compress(html.encode())) < len(gzip.compress(html.encode(), 1))


def test_unknown_data_is_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match="neither zstandard nor gzip"):
        rawbody.decompress(b"<html>not compressed</html>")
