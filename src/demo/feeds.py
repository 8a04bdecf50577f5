"""RSS 2.0 feeds, news sitemaps, sitemap indexes and robots.txt of the simulated outlets."""

from __future__ import annotations

import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape, quoteattr

from demo.content import Outlet
from demo.pages import Item

XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
#: A news sitemap lists only the articles of the last two days (Google's rule).
NEWS_WINDOW = datetime.timedelta(days=2)


def rss(
    outlet: Outlet,
    items: list[Item],
    *,
    title: str,
    feed_url: str,
    home_url: str,
    now: datetime.datetime,
) -> str:
    entries = []
    for item in items:
        v = item.version
        description = v.sapo or "\n".join(v.body)
        category = outlet.section_name(item.story.section)
        entries.append(
            f"<item><title>{escape(v.title)}</title><link>{escape(item.link)}</link>"
            f'<guid isPermaLink="true">{escape(item.link)}</guid>'
            f"<description>{escape(description)}</description>"
            f"<pubDate>{format_datetime(item.published)}</pubDate>"
            + (f"<category>{escape(category)}</category>" if category else "")
            + f"<dc:creator>{escape(item.story.author)}</dc:creator></item>\n"
        )
    return (
        XML_HEAD + '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
        f"<title>{escape(title)}</title>\n<link>{escape(home_url)}</link>\n"
        f"<description>{escape(outlet.tagline)}</description>\n<language>vi</language>\n"
        f"<lastBuildDate>{format_datetime(now)}</lastBuildDate>\n"
        f'<atom:link href={quoteattr(feed_url)} rel="self" type="application/rss+xml"/>\n'
        + "".join(entries)
        + "</channel>\n</rss>\n"
    )


def news_sitemap(outlet: Outlet, items: list[Item], *, now: datetime.datetime) -> str:
    rows = []
    for item in items:
        if now - item.published > NEWS_WINDOW:
            continue
        rows.append(
            f"<url><loc>{escape(item.url)}</loc><lastmod>{item.modified.isoformat()}</lastmod>"
            f"<news:news><news:publication><news:name>{escape(outlet.name)}</news:name>"
            "<news:language>vi</news:language></news:publication>"
            f"<news:publication_date>{item.published.isoformat()}</news:publication_date>"
            f"<news:title>{escape(item.version.title)}</news:title></news:news></url>\n"
        )
    return (
        XML_HEAD
        + f'<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">\n'
        + "".join(rows)
        + "</urlset>\n"
    )


def urlset(items: list[Item]) -> str:
    rows = [
        f"<url><loc>{escape(i.url)}</loc><lastmod>{i.modified.isoformat()}</lastmod></url>\n"
        for i in items
    ]
    return XML_HEAD + f'<urlset xmlns="{SITEMAP_NS}">\n' + "".join(rows) + "</urlset>\n"


def sitemap_index(entries: list[tuple[str, datetime.datetime]]) -> str:
    rows = [
        f"<sitemap><loc>{escape(url)}</loc><lastmod>{lastmod.isoformat()}</lastmod></sitemap>\n"
        for url, lastmod in entries
    ]
    return XML_HEAD + f'<sitemapindex xmlns="{SITEMAP_NS}">\n' + "".join(rows) + "</sitemapindex>\n"


def robots(base_url: str, outlets: list[Outlet]) -> str:
    """One robots.txt for the shared host: each outlet's ``private/`` is off limits."""
    lines = ["User-agent: *"]
    lines += [f"Disallow: /{o.slug}/private/" for o in outlets]
    lines.append("")
    for outlet in outlets:
        lines += [
            f"Sitemap: {base_url}/{outlet.slug}/{e.path}"
            for e in outlet.endpoints
            if e.format in {"news_sitemap", "sitemap_index"}
        ]
    return "\n".join(lines) + "\n"
