"""Story clusters, stored signatures, the false-claims register and the findings."""

from findings.models.claims import FalseClaim
from findings.models.clusters import ArticleSignature, ClusterMember, StoryCluster
from findings.models.findings import Finding, FindingItem

__all__ = [
    "ArticleSignature",
    "ClusterMember",
    "FalseClaim",
    "Finding",
    "FindingItem",
    "StoryCluster",
]
