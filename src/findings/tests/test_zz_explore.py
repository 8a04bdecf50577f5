from __future__ import annotations
import pytest
from core import bootstrap, jobs
from demo.clock import ScenarioClock
from demo.server import serve_in_thread
from monitoring.demo_sources import register_demo_sources
from monitoring.models import Article, Source
from monitoring.tasks import POLL
from findings.models import Finding, StoryCluster, ClusterMember
from findings import neardup

pytestmark = pytest.mark.django_db(transaction=False)

def test_explore(django_capture_on_commit_callbacks) -> None:
    neardup.reset()
    bootstrap.run(demo=True)
    clock = ScenarioClock(monotonic=lambda: 0.0)
    server = serve_in_thread(clock=clock, slow_seconds=0.05)
    try:
        register_demo_sources(server.base_url)
        def poll(tag):
            for s in Source.objects.filter(active=True):
                with django_capture_on_commit_callbacks(execute=True):
                    jobs.enqueue(POLL, s.pk, dedup_key=f"poll-{s.pk}-{tag}")
        poll(0)
        print("articles", Article.objects.count())
        for a in Article.objects.all():
            if a.status != "extracted": print("NOT", a.url, a.status, a.status_reason)
        for c in StoryCluster.objects.all():
            print("CLUSTER", c.key, c.size, c.outlets, [ (m.outlet, m.similarity, m.lag_minutes, m.attributed) for m in c.members.all()])
        for f in Finding.objects.all():
            print("F", f.detector, f.rule_code, f.subject_label, f.score, f.explanation[:120])
    finally:
        server.stop()
