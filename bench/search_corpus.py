"""Synthetic Vietnamese news for the search benchmark: a vocabulary built here, place names with
their spelling variants (Đắk/Đăk/Dak, hòa/hoà), Zipf-like word frequencies. Deterministic."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from monitoring.search import SearchQuery

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
START = datetime(2025, 1, 1, tzinfo=TZ)
DAYS = 700

#: Common news words, roughly from most to least frequent.
WORDS = """
người dân, tỉnh, huyện, xã, phường, năm, ngày, tháng, cho biết, theo, các, những, được, đã, sẽ,
đang, trong, với, về, tại, của, và, là, có, không, một, hai, ba, nhiều, cùng, sau, trước,
ủy ban nhân dân, chủ tịch, phó chủ tịch, sở, ban, ngành, địa phương, cơ quan, chức năng,
triển khai, thực hiện, kế hoạch, chương trình, dự án, công trình, đầu tư, vốn, ngân sách,
giao thông, đường, cầu, tuyến, khởi công, hoàn thành, nghiệm thu, bàn giao, thi công, nhà thầu,
kinh tế, xã hội, phát triển, tăng trưởng, doanh nghiệp, sản xuất, kinh doanh, thị trường,
giá, tăng, giảm, ổn định, nông nghiệp, nông dân, nông sản, cà phê, hồ tiêu, sầu riêng, lúa,
cao su, điều, chăn nuôi, thủy sản, thuỷ sản, thủy lợi, thuỷ lợi, hồ chứa, thủy điện, thuỷ điện,
mưa lớn, lũ lụt, sạt lở, hạn hán, thiên tai, cứu hộ, cứu nạn, thiệt hại, khắc phục, hỗ trợ,
giáo dục, học sinh, giáo viên, trường học, năm học, thi, tuyển sinh, đại học, y tế, bệnh viện,
bác sĩ, bệnh nhân, dịch bệnh, tiêm chủng, sức khỏe, sức khoẻ, văn hóa, văn hoá, du lịch,
lễ hội, du khách, di tích, bảo tàng, thể thao, giải đấu, vận động viên, huy chương, bóng đá,
an ninh, trật tự, công an, cảnh sát, điều tra, vụ án, đối tượng, bắt giữ, khởi tố, tạm giam,
tai nạn, va chạm, xe máy, ô tô, xe tải, tài xế, vi phạm, xử phạt, nồng độ cồn, tốc độ,
môi trường, rác thải, ô nhiễm, rừng, phá rừng, khai thác, khoáng sản, đất đai, quy hoạch,
giải phóng mặt bằng, bồi thường, tái định cư, khiếu nại, tố cáo, thanh tra, kiểm tra, sai phạm,
chuyển đổi số, công nghệ, internet, mạng xã hội, dịch vụ công, trực tuyến, hành chính, cải cách,
hội nghị, hội thảo, tổng kết, sơ kết, phát biểu, chỉ đạo, yêu cầu, đề nghị, kiến nghị, giải pháp,
nhà ở, xây dựng, đô thị, nông thôn mới, điện, nước sạch, viễn thông, trạm, lưới điện,
lao động, việc làm, thu nhập, hộ nghèo, an sinh, bảo hiểm, trợ cấp, người cao tuổi, trẻ em,
đồng bào, dân tộc thiểu số, buôn, làng, bản, già làng, tôn giáo, biên giới, quốc phòng,
bộ đội, dân quân, huấn luyện, diễn tập, mùa khô, mùa mưa, thời tiết, nắng nóng, giá rét,
sáng nay, chiều qua, tối, đêm, tuần, quý, kế tiếp, tiếp tục, đồng thời, bên cạnh, ngoài ra,
""".replace("\n", " ")

#: Places: (spelling, weight). Variants of one place share the place's share of mentions.
PLACES = [
    ("Đắk Nông", 6),
    ("Đăk Nông", 2),
    ("Dak Nong", 1),
    ("Đắk Lắk", 6),
    ("Đăk Lăk", 1),
    ("Dak Lak", 1),
    ("Hòa Bình", 4),
    ("Hoà Bình", 3),
    ("Khánh Hòa", 4),
    ("Khánh Hoà", 2),
    ("Thanh Hóa", 4),
    ("Thanh Hoá", 2),
    ("Buôn Ma Thuột", 4),
    ("Buôn Mê Thuột", 1),
    ("Gia Nghĩa", 3),
    ("Krông Nô", 1),
    ("Cư Jút", 1),
    ("Đắk Mil", 2),
    ("Đắk R'lấp", 1),
    ("Tuy Đức", 1),
    ("Đắk Song", 1),
    ("Đắk Glong", 1),
    ("Thừa Thiên Huế", 2),
    ("Quảng Ngãi", 2),
    ("Lâm Đồng", 3),
    ("Gia Lai", 3),
    ("Kon Tum", 2),
    ("Bình Phước", 2),
    ("Thủy Nguyên", 1),
    ("Thuỷ Nguyên", 1),
    ("Hà Nội", 5),
    ("Thành phố Hồ Chí Minh", 5),
    ("Đà Nẵng", 3),
]
KINDS = ["feed", "feed", "feed", "sitemap", "sitemap", "listing", "page", "push"]
LEVELS = ["central", "provincial", "other_province"]


@dataclass(frozen=True, slots=True)
class SyntheticArticle:
    number: int
    source_index: int
    title: str
    text: str
    published_at: datetime


def _vocabulary() -> tuple[list[str], list[float]]:
    words = [w.strip() for w in WORDS.split(",") if w.strip()]
    weights = [1.0 / (rank + 8) for rank in range(len(words))]  # Zipf-like, flattened head
    return words, list(accumulate(weights))


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


class Generator:
    """Articles with titles of 8–14 words and bodies of 4–7 sentences (about 150 words)."""

    def __init__(self, seed: int = 20261126, sources: int = 40) -> None:
        self.random = random.Random(seed)
        self.words, self.cumulative = _vocabulary()
        self.places = [p for p, _ in PLACES]
        self.place_cumulative = list(accumulate(w for _, w in PLACES))
        self.sources = sources

    def _phrase(self, count: int) -> list[str]:
        return self.random.choices(self.words, cum_weights=self.cumulative, k=count)

    def _place(self) -> str:
        return self.random.choices(self.places, cum_weights=self.place_cumulative)[0]

    def _sentence(self) -> str:
        words = self._phrase(self.random.randint(8, 16))
        if self.random.random() < 0.35:
            words.insert(self.random.randrange(len(words) + 1), self._place())
        return _capitalize(" ".join(words)) + "."

    def article(self, number: int) -> SyntheticArticle:
        title_words = self._phrase(self.random.randint(6, 10))
        if self.random.random() < 0.4:
            title_words.insert(self.random.randrange(len(title_words) + 1), self._place())
        body = " ".join(self._sentence() for _ in range(self.random.randint(4, 7)))
        moment = START + timedelta(minutes=self.random.randrange(DAYS * 24 * 60))
        return SyntheticArticle(
            number=number,
            source_index=self.random.randrange(self.sources),
            title=_capitalize(" ".join(title_words)),
            text=body,
            published_at=moment,
        )

    def articles(self, count: int) -> Iterator[SyntheticArticle]:
        for number in range(count):
            yield self.article(number)


# --- loading into the (throwaway) database of a benchmark child process ----------------------


def load_synthetic(count: int, progress: Callable[[str], None]) -> tuple[float, list[int]]:
    """Create 30 press agencies, 40 sources and ``count`` articles; (seconds, article ids)."""
    from monitoring.models import Article, Source
    from registry.models import PressAgency

    start = time.perf_counter()
    agencies = [
        PressAgency.objects.create(name=f"Báo thử nghiệm số {i}", level=LEVELS[i % len(LEVELS)])
        for i in range(30)
    ]
    generator = Generator()
    sources = [
        Source.objects.create(
            name=f"Nguồn thử nghiệm {i}",
            kind=KINDS[i % len(KINDS)],
            url=f"https://nguon{i}.example.vn/",
            press_agency=agencies[i] if i < 30 else None,
        )
        for i in range(generator.sources)
    ]
    batch: list[Article] = []
    for item in generator.articles(count):
        url = f"https://nguon{item.source_index}.example.vn/bai-{item.number}.html"
        batch.append(
            Article(
                source=sources[item.source_index],
                url=url,
                url_key=url,
                title=item.title,
                text=item.text,
                published_at=item.published_at,
                status="extracted",
            )
        )
        if len(batch) == 5000:
            Article.objects.bulk_create(batch)
            batch = []
            if (item.number + 1) % 50000 == 0:
                progress(f"{item.number + 1:,} articles")
    Article.objects.bulk_create(batch)
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    return time.perf_counter() - start, ids


def typical_queries() -> list[tuple[str, SearchQuery]]:
    """What an officer types: places with and without accents, phrases, filters."""
    from monitoring.models import Source
    from monitoring.search import MatchMode, SearchQuery

    feeds = tuple(Source.objects.filter(kind="feed").order_by("pk").values_list("pk", flat=True))
    return [
        ("dak nong (no accents, 2 words)", SearchQuery("dak nong")),
        (
            '"Đắk Nông" phrase, last 3 months',
            SearchQuery('"Đắk Nông"', date_from=date(2026, 9, 1), date_to=date(2026, 11, 30)),
        ),
        (
            "hoà bình du lịch, provincial outlets",
            SearchQuery("hoà bình du lịch", outlet_levels=("provincial",)),
        ),
        ("giao thong (no accents), feeds only", SearchQuery("giao thong", source_kinds=("feed",))),
        (
            "thuỷ điện, year 2026",
            SearchQuery("thuỷ điện", date_from=date(2026, 1, 1), date_to=date(2026, 12, 31)),
        ),
        ("Krông Nô (rare place)", SearchQuery("Krông Nô")),
        ("người dân (very common)", SearchQuery("người dân")),
        ("cà phê, 3 sources", SearchQuery("cà phê", source_ids=feeds[:3])),
        ('"khởi công" dự án, page 3', SearchQuery('"khởi công" dự án', offset=40)),
        ("lũ lụt sạt lở (any word)", SearchQuery("lũ lụt sạt lở", match=MatchMode.ANY)),
    ]


def load_ktlab(folder: Path) -> tuple[list[tuple[int, str]], dict[int, set[int]]]:
    """Index the KTLab MDS-200 articles (read in place); (cluster id and name, relevant ids)."""
    from monitoring.models import Article, Source
    from monitoring.search import index_articles

    sources: dict[str, Source] = {}
    by_doc: dict[str, int] = {}
    with (folder / "articles.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            outlet = row.get("outlet") or "baomoi.com"
            if outlet not in sources:
                sources[outlet] = Source.objects.create(
                    name=outlet, kind="feed", url=f"https://{outlet}/"
                )
            article = Article.objects.create(
                source=sources[outlet],
                url=row["url"],
                url_key=f"ktlab:{row['doc_id']}",
                title=row["title"],
                text=f"{row.get('summary') or ''}\n\n{row['body']}",
                published_at=datetime.strptime(row["time"], "%d/%m/%Y %H:%M").replace(tzinfo=TZ),
            )
            by_doc[row["doc_id"]] = article.pk
    index_articles(by_doc.values())
    clusters: list[tuple[int, str]] = []
    relevant: dict[int, set[int]] = {}
    with (folder / "clusters.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            clusters.append((row["cluster_id"], row["cluster_name"]))
            relevant[row["cluster_id"]] = {by_doc[d] for d in row["doc_ids"] if d in by_doc}
    return clusters, relevant
