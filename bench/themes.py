"""Working out themes for 1,000 and 5,000 comments: embedding, grouping and labels timed apart,
with tokenizing alone as the baseline in the same run.

    .venv/bin/python bench/themes.py [--sizes 1000 5000] [--seed 7]

No database: the comments are made from the hand-made corpus of the themes tests (forty
comments in four topics), each with a few words from a list of openings and endings, so every
comment is different and about as long as a resident's (10 to 30 words). Prints, for each
size: seconds to load the model (first size only), to tokenize, to embed, to group and label,
the whole `find_themes`, the themes found and their purity against the known topics, and the
peak resident memory of the process.
"""

import argparse
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

OPENINGS = [
    "", "Honestly, ", "As I said before, ", "Again this year, ", "Please note: ",
    "I have lived here twelve years and ", "Same as last time, ", "My main concern is that ",
]  # fmt: skip
ENDINGS = [
    "", " Please sort it out.", " This has gone on far too long.", " Nobody seems to care.",
    " I have told the office several times.", " It is affecting my health.",
    " Other residents say the same.", " Thank you for asking.",
]  # fmt: skip


def comments(n: int, seed: int) -> tuple[list[str], list[str]]:
    from tenantry.reports.tests.themes_corpus import TEXTS, TOPICS

    rng = random.Random(seed)
    texts, topics = [], []
    for _ in range(n):
        k = rng.randrange(len(TEXTS))
        body = TEXTS[k]
        opening = rng.choice(OPENINGS)
        if opening:
            body = body[0].lower() + body[1:]
        texts.append(f"{opening}{body}{rng.choice(ENDINGS)}")
        topics.append(TOPICS[k])
    return texts, topics


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    from threadpoolctl import threadpool_info

    from tenantry.reports import themes, themes_embedding

    started = time.perf_counter()
    themes_embedding.load()
    print(f"model loaded in {time.perf_counter() - started:.2f} s")
    blas = {(i["internal_api"], i.get("architecture")) for i in threadpool_info()}
    print(f"BLAS: {sorted(blas)}")
    print("| comments | tokenize s | embed s | group s | find_themes s | themes | purity |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        texts, topics = comments(n, args.seed)
        t0 = time.perf_counter()
        themes_embedding.tokenize(texts)
        t1 = time.perf_counter()
        vectors = themes_embedding.embed(texts)
        t2 = time.perf_counter()
        themes.group(vectors)
        t3 = time.perf_counter()
        found = themes.find_themes(texts)
        t4 = time.perf_counter()
        print(
            f"| {n:,} | {t1 - t0:.2f} | {t2 - t1:.1f} | {t3 - t2:.2f} | {t4 - t3:.1f} "
            f"| {len(found.themes)} | {themes.purity(found, topics):.3f} |"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MB")


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tenantry.settings")
    import django

    django.setup()
    main()
