"""Retraining the tone model from the officers' corrections (every correction is a label)."""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

from django.db import transaction
from django.utils import timezone

from analysis import runtime
from analysis.choices import CorrectionField, ToneLabel
from analysis.engine.tone import ToneModel
from analysis.models import Correction, ToneModelFile
from core import jobs
from core.models import Job
from monitoring.models import Article

logger = logging.getLogger(__name__)

RETRAIN = "analysis.retrain_tone"
#: Retrain after this many tone corrections since the last model.
RETRAIN_AFTER = 20
#: Fewer labelled examples than this train no model (the lexicon alone is better).
MIN_EXAMPLES = 6


def request_retrain(*, reason: str) -> Job:
    """Enqueue one retraining for the current state of the labels (deduplicated)."""
    latest = Correction.objects.filter(field=CorrectionField.TONE).order_by("-pk").first()
    marker = latest.pk if latest is not None else 0
    return jobs.enqueue(
        RETRAIN, reason, dedup_key=f"{RETRAIN}:{reason}:{marker}:{ToneModel.FORMAT_VERSION}"
    )


def corrections_since_last_model() -> int:
    stored = ToneModelFile.objects.order_by("-trained_at", "-pk").first()
    tone = Correction.objects.filter(field=CorrectionField.TONE)
    if stored is not None:
        tone = tone.filter(at__gt=stored.trained_at)
    return tone.count()


def after_correction() -> None:
    """Called after each correction: retrain once enough new labels have come in."""
    if corrections_since_last_model() >= RETRAIN_AFTER:
        request_retrain(reason="corrections")


def training_examples() -> list[tuple[str, str]]:
    """(text, label): the latest tone correction of each article."""
    labels: dict[int, str] = {}
    for article_id, value in (
        Correction.objects.filter(field=CorrectionField.TONE)
        .order_by("at", "pk")
        .values_list("article_id", "new_value")
    ):
        if value in ToneLabel.values:
            labels[article_id] = str(value)
    texts = Article.objects.filter(pk__in=list(labels)).values_list("pk", "title", "text")
    return [(f"{title}\n{text}", labels[pk]) for pk, title, text in texts]


def retrain() -> ToneModelFile | None:
    """Train a model on every label; None when there are too few or only one label."""
    examples = training_examples()
    if len(examples) < MIN_EXAMPLES or len({label for _t, label in examples}) < 2:
        logger.info("tone retraining skipped: %s examples", len(examples))
        return None
    model = ToneModel.train(examples=examples, lexicon=runtime.TONE_LEXICON.get())
    metrics = training_metrics(model, examples)
    with transaction.atomic():
        stored = ToneModelFile.objects.create(
            format_version=ToneModel.FORMAT_VERSION,
            trained_at=timezone.now(),
            example_count=len(examples),
            metrics=metrics,
            blob=model.to_bytes(),
        )
        ToneModelFile.objects.exclude(pk=stored.pk).filter(
            format_version__lt=ToneModel.FORMAT_VERSION
        ).delete()
    return stored


def training_metrics(model: ToneModel, examples: list[tuple[str, str]]) -> dict[str, Any]:
    """Label counts and the accuracy on the training examples (an optimistic upper bound)."""
    counts = Counter(label for _text, label in examples)
    right = 0
    for text, label in examples:
        title, _sep, body = text.partition("\n")
        right += model.predict(title, "", body).label == label
    return {
        "labels": dict(sorted(counts.items())),
        "training_accuracy": round(right / len(examples), 4) if examples else None,
        "usable": model.usable,
    }


@jobs.handler(RETRAIN)
def retrain_tone(job: Job) -> None:
    retrain()


def check_stored_model() -> None:
    """At start-up (and hourly): an incompatible stored model is retrained."""
    stored = ToneModelFile.objects.order_by("-trained_at", "-pk").first()
    if stored is not None and stored.format_version != ToneModel.FORMAT_VERSION:
        request_retrain(reason="incompatible")
