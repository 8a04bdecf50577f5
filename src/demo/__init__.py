"""The simulated local news ecosystem served by ``presswatch demo_sites`` (docs/demo.md).

A plain Python package (not a Django app, no framework imports): fictional outlets written by the
team (``content/*.json``), a scenario timeline relative to server start (:mod:`demo.clock`,
:mod:`demo.content`), HTML pages (:mod:`demo.pages`), feeds and sitemaps (:mod:`demo.feeds`), the
HTTP server (:mod:`demo.server`, standard library only) and the list of monitoring sources the
lead registers (:func:`demo.manifest.sources`).
"""
