"""Stories, story clusters, stored signatures, the false-claims register and the findings."""

from findings.models.claims import FalseClaim
from findings.models.clusters import ArticleSignature, ClusterMember, StoryCluster
from findings.models.findings import Finding, FindingItem
from findings.models.stories import GroupedAlert, Story, StoryMember

__all__ = [
    "ArticleSignature",
    "ClusterMember",
    "FalseClaim",
    "Finding",
    "FindingItem",
    "GroupedAlert",
    "Story",
    "StoryCluster",
    "StoryMember",
]
