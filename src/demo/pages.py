"""HTML of the simulated outlets: home/listing, article, about, social post and error pages.

Realistic furniture (header, navigation, footer), ``<link rel=canonical>``, ``og:*`` and
``article:*`` meta, JSON-LD ``NewsArticle`` and ``<time datetime>`` with the +07:00 offset. The
general site adds press-like furniture on purpose ("Tòa soạn", news sections, "Tin nóng", reader
comments, a "Nhà báo" responsible for content, no licence line).
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from html import escape

from demo.content import Outlet, Story, Version

WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")


@dataclass(frozen=True, slots=True)
class Item:
    """A story as shown at one moment."""

    story: Story
    version: Version
    url: str  # canonical, absolute
    link: str  # what feeds and listings point at (a redirecting short link for one story)
    published: datetime.datetime
    modified: datetime.datetime


def display_time(moment: datetime.datetime) -> str:
    return f"{WEEKDAYS[moment.weekday()]}, {moment:%d/%m/%Y, %H:%M} (GMT+7)"


def credit_time(moment: datetime.datetime | None) -> str:
    """The source time as a copy's source line writes it: ``08:15 26/11/2026``."""
    return f"{moment:%H:%M %d/%m/%Y}" if moment is not None else ""


def _time(moment: datetime.datetime, text: str = "") -> str:
    return f'<time datetime="{moment.isoformat()}">{escape(text or display_time(moment))}</time>'


def _header(outlet: Outlet, home: str) -> str:
    links = [f'<li><a href="{home}/">Trang chủ</a></li>']
    if outlet.profile == "portal":
        links.append(f'<li><a href="{home}/gioi-thieu.html">Giới thiệu</a></li>')
    links += [f'<li><a href="{home}/{s}/">{escape(n)}</a></li>' for s, n in outlet.sections]
    if outlet.profile == "general_site":
        links.append(f'<li class="hot"><a href="{home}/">Tin nóng</a></li>')
        links.append(f'<li><a href="{home}/gioi-thieu.html">Tòa soạn</a></li>')
    if outlet.profile == "portal":
        links.append('<li><a href="https://dichvucong.example.vn/">Dịch vụ công</a></li>')
    return (
        f'<header class="site-header"><div class="masthead"><a class="logo" href="{home}/">'
        f"{escape(outlet.masthead)}</a>"
        f'<p class="tagline">{escape(outlet.tagline)}</p></div>'
        f'<nav class="main-nav" aria-label="Chuyên mục"><ul>{"".join(links)}</ul></nav></header>'
    )


def _footer(outlet: Outlet, home: str) -> str:
    lines = "".join(f"<p>{escape(line)}</p>" for line in outlet.footer)
    return (
        f'<footer class="site-footer">{lines}<p class="footer-links">'
        f'<a href="{home}/gioi-thieu.html">Giới thiệu</a> · '
        f'<a href="{home}/private/dang-nhap.html" rel="nofollow">Quản trị</a></p></footer>'
    )


def document(
    outlet: Outlet, home: str, title: str, main: str, *, head: str = "", charset: str = "utf-8"
) -> str:
    """A whole page of ``outlet`` (``home`` = the outlet's absolute prefix, no trailing slash)."""
    return (
        f'<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="{charset}">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{escape(title)}</title>\n{head}</head>\n<body class="{outlet.profile}">\n'
        f"{_header(outlet, home)}\n<main>\n{main}\n</main>\n{_footer(outlet, home)}\n"
        "</body>\n</html>\n"
    )


def _meta(outlet: Outlet, item: Item) -> str:
    v, s = item.version, item.story
    pairs = [
        ("og:type", "article"),
        ("og:title", v.title),
        ("og:description", v.sapo or v.body[0]),
        ("og:url", item.url),
        ("og:site_name", outlet.name),
        ("og:locale", "vi_VN"),
        ("article:published_time", item.published.isoformat()),
        ("article:modified_time", item.modified.isoformat()),
        ("article:section", outlet.section_name(s.section)),
    ]
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": v.title,
        "description": v.sapo,
        "datePublished": item.published.isoformat(),
        "dateModified": item.modified.isoformat(),
        "mainEntityOfPage": item.url,
        "author": {"@type": "Person", "name": s.author},
        "publisher": {"@type": "Organization", "name": outlet.name},
    }
    ld_text = json.dumps(ld, ensure_ascii=False).replace("</", "<\\/")
    return (
        f'<meta name="description" content="{escape(v.sapo or v.body[0])}">\n'
        f'<meta name="author" content="{escape(s.author)}">\n'
        f'<link rel="canonical" href="{item.url}">\n'
        + "".join(f'<meta property="{k}" content="{escape(c)}">\n' for k, c in pairs)
        + f'<script type="application/ld+json">{ld_text}</script>\n'
    )


def _comments(comments: tuple[tuple[str, str], ...], seed: int, count: int = 3) -> str:
    if not comments:
        return ""
    chosen = [comments[(seed + 2 * i) % len(comments)] for i in range(count)]
    rows = "".join(
        f'<li class="comment"><strong class="comment__name">{escape(name)}</strong> '
        f'<span class="comment__time">{7 * (i + 1) + seed % 5} phút trước</span>'
        f"<p>{escape(text)}</p></li>"
        for i, (name, text) in enumerate(chosen)
    )
    return (
        f'<section class="comments"><h2>Bình luận ({count})</h2><ul>{rows}</ul>'
        '<form class="comment-form" method="post" action="#"><textarea name="noi_dung" '
        'placeholder="Ý kiến của bạn…"></textarea><input name="ho_ten" placeholder="Họ tên">'
        "<button>Gửi bình luận</button></form></section>"
    )


def _teasers(items: list[Item], *, sapo: bool = True) -> str:
    rows = []
    for item in items:
        lead = f'<p class="sapo">{escape(item.version.sapo)}</p>' if sapo else ""
        rows.append(
            f'<article class="story"><h3><a href="{item.link}">{escape(item.version.title)}</a>'
            f"</h3>{_time(item.published)}{lead}</article>"
        )
    return "".join(rows)


def article_page(  # noqa: PLR0913 (keyword-only page options)
    outlet: Outlet,
    home: str,
    item: Item,
    related: list[Item],
    *,
    comments: tuple[tuple[str, str], ...] = (),
    charset: str = "utf-8",
    source_time: datetime.datetime | None = None,
) -> str:
    s, v = item.story, item.version
    section = outlet.section_name(s.section)
    updated = ""
    if item.modified != item.published:
        updated = f' · <span class="updated">Cập nhật: {_time(item.modified)}</span>'
    credit = ""
    if s.credit:
        line = s.credit.replace("{source_time}", credit_time(source_time))
        credit = f'<p class="article__source"><em>{escape(line)}</em></p>'
    body = "".join(f"<p>{escape(p)}</p>" for p in v.body)
    main = (
        f'<nav class="breadcrumb"><a href="{home}/">Trang chủ</a> › '
        f'<a href="{home}/{s.section}/">{escape(section)}</a></nav>\n'
        f'<article class="article-detail">\n<h1 class="article__title">{escape(v.title)}</h1>\n'
        f'<div class="article__meta"><span class="article__author">{escape(s.author)}</span> · '
        f"{_time(item.published)}{updated}</div>\n"
        f'<p class="article__sapo"><strong>{escape(v.sapo)}</strong></p>\n'
        f'<div class="article__body">{body}\n'
        f'<p class="article__byline" style="text-align:right"><strong>{escape(s.author)}</strong>'
        f"</p>{credit}</div>\n</article>\n"
        f'<aside class="related"><h2>Tin liên quan</h2>{_teasers(related, sapo=False)}</aside>\n'
    )
    if outlet.profile == "general_site":
        main += _comments(comments, s.number)
    title = f"{v.title} - {outlet.name}"
    return document(outlet, home, title, main, head=_meta(outlet, item), charset=charset)


def listing_page(
    outlet: Outlet,
    home: str,
    items: list[Item],
    *,
    heading: str = "",
    comments: tuple[tuple[str, str], ...] = (),
    hot: tuple[str, ...] = (),
) -> str:
    main = f'<section class="latest"><h2>{escape(heading or "Tin mới nhất")}</h2>'
    main += _teasers(items) + "</section>"
    if outlet.profile == "general_site":
        for name in hot:
            main += f'<aside class="box-hot"><h2>{escape(name)}</h2>{_teasers(items[:3])}</aside>'
        main += _comments(comments, len(items), count=4)
    head = f'<link rel="canonical" href="{home}/">\n'
    head += f'<meta property="og:site_name" content="{escape(outlet.name)}">\n'
    return document(outlet, home, f"{outlet.name} - {outlet.tagline}", main, head=head)


def about_page(outlet: Outlet, home: str) -> str:
    paragraphs = outlet.about or (outlet.tagline,)
    main = '<article class="about"><h1>Giới thiệu</h1>'
    main += "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    main += "".join(f"<p>{escape(line)}</p>" for line in outlet.footer) + "</article>"
    return document(outlet, home, f"Giới thiệu - {outlet.name}", main)


def post_page(outlet: Outlet, home: str, item: Item, shared: Item | None) -> str:
    s = item.story
    account = outlet.account(s.section)
    name = account.name if account else s.author
    card = ""
    if shared is not None:
        card = (
            f'<a class="post__shared" href="{shared.url}">{escape(shared.version.title)}'
            f"<br><small>{escape(shared.url)}</small></a>"
        )
    n = s.number
    main = (
        f'<div class="post" data-post-id="{n}"><a class="post__account" href="{home}/'
        f'{s.section}/">{escape(name)}</a> {_time(item.published)}'
        f'<div class="post__text"><p>{escape(item.version.body[0])}</p></div>{card}'
        f'<div class="post__stats">{n % 900 + 37} lượt thích · {n % 170 + 12} bình luận · '
        f"{n % 310 + 25} lượt chia sẻ</div></div>"
    )
    head = f'<link rel="canonical" href="{item.url}">\n'
    head += f'<meta property="og:title" content="{escape(name)}">\n'
    head += f'<meta property="og:description" content="{escape(item.version.body[0])}">\n'
    head += f'<meta property="og:url" content="{item.url}">\n'
    return document(outlet, home, f"{name} - {item.version.title}", main, head=head)


def message_page(outlet: Outlet | None, home: str, title: str, text: str) -> str:
    """404, 500 and private pages (a neutral shell when the outlet is unknown)."""
    main = f'<div class="message"><h1>{escape(title)}</h1><p>{escape(text)}</p></div>'
    if outlet is None:
        return (
            f'<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>'
            f"{escape(title)}</title></head><body>{main}</body></html>\n"
        )
    return document(outlet, home, f"{title} - {outlet.name}", main)
