from django.urls import URLPattern, URLResolver

from analysis.views import inbox, lexicon, overview, rules, tags, topics

app_name = "analysis"
urlpatterns: list[URLPattern | URLResolver] = [
    *inbox.urlpatterns,
    *topics.urlpatterns,
    *rules.urlpatterns,
    *tags.urlpatterns,
    *lexicon.urlpatterns,
    *overview.urlpatterns,
]
