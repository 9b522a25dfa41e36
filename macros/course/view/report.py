"""Course reports: per-track statistics, the audience × topic coverage matrix, reviews due, and similarity.

Plain data for the `course stats`/`coverage` commands, the coverage page and the quality tests.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from ..model import Course
from ..text_stats import ReadingCache, measure_for, pairwise_overlap
from .lesson import count_words, lesson_view

MAX_OVERLAP = 0.40


@dataclass
class LessonStats:
    module: str
    audience: str
    words: int
    minutes: int
    grade: float  # the reading score in the track language's measure (a grade for English, an ease for Spanish)
    questions: int
    activities: int


@dataclass
class TrackStats:
    audience: str
    name: str
    grade_max: float | None  # English tracks: the highest grade allowed
    lessons: list = field(default_factory=list)
    language: str = "en"
    ease_min: float | None = None  # reading-ease languages (Spanish): the lowest ease allowed

    @property
    def measure(self):
        return measure_for(self.language)

    @property
    def target(self) -> float | None:
        return self.ease_min if self.measure.higher_is_easier else self.grade_max

    def misses(self, score: float) -> bool:
        """Whether a score is on the wrong side of the track's target."""
        if self.target is None:
            return False
        return score < self.target if self.measure.higher_is_easier else score > self.target

    @property
    def words(self) -> int:
        return sum(s.words for s in self.lessons)

    @property
    def minutes(self) -> int:
        return sum(s.minutes for s in self.lessons)

    @property
    def grade(self) -> float:
        """Word-weighted mean grade of the track's lessons."""
        return round(sum(s.grade * s.words for s in self.lessons) / max(self.words, 1), 1)


@dataclass
class Report:
    tracks: list
    coverage: dict  # audience -> topic -> [module ids]
    overlaps: dict  # module -> {(a, b): share}
    due: list  # (module id, due date)
    clause2: list  # topic ids clause 2 names


def build_report(course: Course, today: datetime.date | None = None, progress=None,
                 with_overlaps: bool = True, views: dict | None = None) -> Report:
    """Statistics for every published track. `views` (audience id -> lesson views), when the caller has them
    already, saves building them again. Reading scores come from the project's cache when the text is unchanged."""
    today = today or datetime.date.today()
    cache = ReadingCache.for_project(course.root)
    tracks: list[TrackStats] = []
    coverage: dict[str, dict[str, list[str]]] = {}  # audience -> topic -> module ids
    texts: dict[str, dict[str, str]] = {}  # module -> audience -> the lesson's learner text
    audiences = course.published_audiences()
    for n, audience in enumerate(audiences, 1):
        if progress:
            progress(n, len(audiences), audience.id)
        t = TrackStats(audience.id, audience.name, audience.reading_grade_max, language=audience.language,
                       ease_min=audience.reading_ease_min)
        coverage[audience.id] = {topic: [] for topic in course.topics}
        track_views = (views or {}).get(audience.id) or [lesson_view(m, audience, course)
                                                         for m in course.modules_for(audience.id)]
        for view in track_views:
            module = view.module
            text = view.learner_text()
            texts.setdefault(module.id, {})[audience.id] = text
            t.lessons.append(LessonStats(module.id, audience.id, count_words(text), view.minutes,
                                         cache.score(text, audience.language),
                                         len(view.questions), len(view.activities)))
            for topic in module.topics:
                coverage[audience.id].setdefault(topic, []).append(module.id)
        tracks.append(t)
    cache.save()
    overlaps = {m: pairwise_overlap(v) for m, v in texts.items() if len(v) > 1} if with_overlaps else {}
    due = sorted((m.id, m.review_due()) for m in course.modules.values() if m.review_due() and m.review_due() <= today)
    return Report(tracks, coverage, overlaps, due, [t.id for t in course.topics.values() if t.clause2])


def quality_failures(course: Course, report: Report) -> list[str]:
    """What the curriculum's own rules forbid: reading grade above target, too-similar versions, a clause-2
    topic missing from a track."""
    out = []
    for t in report.tracks:
        what = ("reading ease {score} is below the target {target} (" + t.measure.name + "; higher is easier)"
                if t.measure.higher_is_easier else "reading grade {score} is above the target {target}")
        for s in t.lessons:
            if t.misses(s.grade):
                out.append(f"{s.module} for {t.audience}: " + what.format(score=s.grade, target=t.target))
        if t.lessons and t.misses(t.grade):
            out.append(f"track {t.audience}: " + what.format(score=t.grade, target=t.target))
        for topic in report.clause2:
            if t.lessons and not report.coverage[t.audience].get(topic):
                out.append(f"track {t.audience}: no lesson covers the clause-2 topic {topic}")
    for module, pairs in report.overlaps.items():
        for (a, b), share in pairs.items():
            if share > MAX_OVERLAP:
                out.append(f"{module}: {a} and {b} share {share:.0%} of their word 3-grams (at most {MAX_OVERLAP:.0%})")
    return out
