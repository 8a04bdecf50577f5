from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    """The same page parameters on every endpoint: ``page`` and ``page_size`` (≤ 500)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
