"""Default alert rule and (for demos) watch topics. Idempotent: rows are matched by name."""

from __future__ import annotations

from accounts.models import User
from analysis.choices import Batching, Channel, RuleKind
from analysis.models import AlertRule, Topic
from core.bootstrap import BootstrapReport, step

DEFAULT_RULE = "Tin tiêu cực về tỉnh — chuyển đơn vị phụ trách"

#: (name, query, accent-insensitive, alert on match) — fiction-friendly topics for the demo sites.
DEMO_TOPICS = (
    ("Sạt lở, lũ quét", '"sạt lở" OR "lũ quét" OR "ngập lụt"', False, True),
    ("Sốt xuất huyết và dịch bệnh", '"sốt xuất huyết" OR "dịch bệnh" OR "ngộ độc"', False, True),
    (
        "Cà phê Lâm Đồng – Đắk Nông",
        '"cà phê" AND ("Lâm Đồng" OR "Đắk Nông" OR "Gia Nghĩa")',
        False,
        False,
    ),
    ("Tin giả, lừa đảo trên mạng", '"tin giả" OR "lừa đảo" OR "sai sự thật"', False, True),
    ("Tai nạn giao thông", '"tai nạn" NEAR/5 "giao thông"', False, False),
    ("Chuyển đổi số (không dấu)", '"chuyen doi so" OR "so hoa"', True, False),
)


@step(100)
def default_alert_rule(report: BootstrapReport) -> None:
    """Negative news about the province goes at once to the routed units' liaisons (inbox and
    e-mail). The office adds its own people to the rule in the rules page."""
    _rule, created = AlertRule.objects.get_or_create(
        kind=RuleKind.NEGATIVE_ABOUT_PROVINCE,
        name=DEFAULT_RULE,
        defaults={
            "channels": [Channel.INBOX, Channel.EMAIL],
            "batching": Batching.IMMEDIATE,
            "route_to_units": True,
            "active": True,
        },
    )
    report.count("alert rule", created=created)


@step(105, demo_only=True)
def demo_topics(report: BootstrapReport) -> None:
    from analysis import services

    owner = User.objects.filter(username="canbo").first()
    for name, query, accent_insensitive, alert in DEMO_TOPICS:
        topic, created = Topic.objects.update_or_create(
            name=name,
            defaults={
                "query": query,
                "accent_insensitive": accent_insensitive,
                "alert_on_match": alert,
                "active": True,
                "owner": owner,
            },
        )
        services.sync_topic_rule(topic)
        report.count("topic", created=created)
    rule = AlertRule.objects.filter(name=DEFAULT_RULE).first()
    if rule is not None and owner is not None:
        rule.users.add(owner)  # the demo officer sees every negative item too
