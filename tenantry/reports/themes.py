"""Themes in free text: comments in, groups of comments that say much the same thing out.

Plain functions, no database: `find_themes(texts)` embeds each comment with the sentence model
(`themes_embedding.embed`), groups them by agglomerative clustering (average linkage on cosine
distance, cut at `DISTANCE`), keeps the groups of at least `SMALLEST_THEME` comments as themes,
and labels each with the words that most mark it out from the other themes (class-based
TF-IDF). The same comments in the same order always give the same themes.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tenantry.core.privacy import SMALLEST_GROUP_SHOWN

if TYPE_CHECKING:  # numpy and the model load only when themes are worked out
    import numpy as np

# Groups are cut where comments are, on average, this far apart (1 - cosine similarity). Set on
# the hand-made corpus of tests/test_themes.py and the demo's comments (docs/themes.md).
DISTANCE = 0.78
# A theme is what several residents raise: smaller groups stay "other comments". The same
# number as the smallest group whose words are shown (core/privacy.py), so a theme's examples
# never come from fewer people than that.
SMALLEST_THEME = SMALLEST_GROUP_SHOWN
LABEL_WORDS = 3
# Comments too short to say anything: "none", "no", "n/a", "ok".
SHORTEST_COMMENT_WORDS = 2

_WORD = re.compile(r"[a-z][a-z']+")
_STOP_WORDS = """
    a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do does
    doesn't doing don't down during each even ever every few for from further get gets getting
    got had hadn't has hasn't have haven't having he he's her here hers herself him himself his
    how i i'd i'm i've if in into is isn't it it's its itself just keep keeps kept know let's
    like made make many me more most much must mustn't my myself need needs no nor not now of
    off on once one only or other our ours ourselves out over own please really said same say
    says see seems she should shouldn't since so some still such than that that's the their
    theirs them themselves then there there's these they they're this those though through to
    too under until up upon us very was wasn't way we we're were weren't what when where which
    while who whom why will with won't would wouldn't yet you your yours yourself
    always asked back come comes day days done going good great last lot lots months never new
    next tell told week weeks year years time times ago
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())


@dataclass(frozen=True)
class FoundTheme:
    """One theme: its members (indices into the texts given), closest to its centre first, and
    the words that label it."""

    members: tuple[int, ...]
    words: tuple[str, ...]
    closeness: tuple[float, ...] = field(default=())

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def label(self) -> str:
        return ", ".join(self.words)


@dataclass(frozen=True)
class Grouping:
    themes: tuple[FoundTheme, ...]
    # Comments in no theme: in a group smaller than SMALLEST_THEME, or too short to group.
    others: tuple[int, ...]


def worth_grouping(text: str) -> bool:
    """Whether a comment says enough to group: at least SHORTEST_COMMENT_WORDS words."""
    return len(text.split()) >= SHORTEST_COMMENT_WORDS


def words_of(text: str) -> list[str]:
    """The words of a comment that can label a theme: lower case, no stop words."""
    return [w.strip("'") for w in _WORD.findall(text.lower()) if w not in STOP_WORDS and len(w) > 2]


def group(vectors: np.ndarray, *, distance: float = DISTANCE) -> np.ndarray:
    """A group number for each row of unit-length `vectors`, by average-linkage clustering on
    cosine distance cut at `distance`. Deterministic: no random start."""
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering

    if len(vectors) < 2:
        return np.zeros(len(vectors), dtype=int)

    clustering = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=distance
    )
    return clustering.fit_predict(vectors.astype(np.float64))


def label_words(documents: Sequence[Sequence[str]], *, per_theme: int = LABEL_WORDS) -> list:
    """Class-based TF-IDF: for each theme (its comments' words), the words frequent in it and
    rare in the others. A word labels a theme only if at least two of its comments use it, so no
    single comment's words (a name, a street) become a label."""
    term_counts = [Counter(w for doc in docs for w in doc) for docs in documents]
    doc_counts = [Counter(w for doc in docs for w in set(doc)) for docs in documents]
    overall = Counter()
    for counts in term_counts:
        overall.update(counts)
    average = sum(overall.values()) / max(len(documents), 1)
    labels = []
    for counts, docs in zip(term_counts, doc_counts, strict=True):
        total = sum(counts.values()) or 1
        scored = sorted(
            (
                (-(n / total) * math.log(1 + average / overall[w]), w)
                for w, n in counts.items()
                if docs[w] >= 2
            ),
        )
        labels.append(tuple(w for _score, w in scored[:per_theme]))
    return labels


def find_themes(
    texts: Sequence[str],
    *,
    embed: Callable[[list[str]], np.ndarray] | None = None,
    distance: float = DISTANCE,
    smallest: int = SMALLEST_THEME,
) -> Grouping:
    """The themes of `texts`, largest first (equal sizes: the one whose first comment comes
    first). `embed` turns texts into unit vectors (the sentence model unless given)."""
    usable = [i for i, text in enumerate(texts) if worth_grouping(text)]
    too_short = [i for i, text in enumerate(texts) if not worth_grouping(text)]
    if len(usable) < smallest:
        return Grouping(themes=(), others=tuple(sorted(usable + too_short)))
    import numpy as np

    if embed is None:
        from .themes_embedding import embed
    vectors = embed([texts[i] for i in usable])
    numbers = group(vectors, distance=distance)
    groups: dict[int, list[int]] = {}
    for position, number in enumerate(numbers):
        groups.setdefault(int(number), []).append(position)
    kept = sorted(
        (positions for positions in groups.values() if len(positions) >= smallest),
        key=lambda positions: (-len(positions), positions[0]),
    )
    others = [
        usable[p] for positions in groups.values() if len(positions) < smallest for p in positions
    ]
    others += too_short
    words = label_words([[words_of(texts[usable[p]]) for p in positions] for positions in kept])
    themes = []
    for positions, labels in zip(kept, words, strict=True):
        centre = vectors[positions].mean(0)
        centre /= max(float(np.linalg.norm(centre)), 1e-12)
        close = vectors[positions] @ centre
        # Closest to the centre first, each wording once before any is repeated (examples are
        # taken from the top, and residents often send the same words); ties in the order given.
        ranked = sorted(range(len(positions)), key=lambda k: (-round(float(close[k]), 6), k))
        seen: set[str] = set()
        first_time = []
        for k in ranked:
            wording = " ".join(texts[usable[positions[k]]].lower().split()).strip(" .!")
            first_time.append(wording not in seen)
            seen.add(wording)
        ranked = [k for k, new in zip(ranked, first_time, strict=True) if new] + [
            k for k, new in zip(ranked, first_time, strict=True) if not new
        ]
        themes.append(
            FoundTheme(
                members=tuple(usable[positions[k]] for k in ranked),
                words=labels,
                closeness=tuple(round(float(close[k]), 4) for k in ranked),
            )
        )
    return Grouping(themes=tuple(themes), others=tuple(sorted(others)))


def purity(found: Grouping, truth: Sequence[str]) -> float:
    """The share of all comments that sit in a theme whose most common true topic is theirs
    (comments left in no theme count as wrong): 1.0 is a perfect grouping."""
    if not truth:
        return 1.0
    right = 0
    for theme in found.themes:
        right += Counter(truth[i] for i in theme.members).most_common(1)[0][1]
    return right / len(truth)
