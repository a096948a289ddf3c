#!/usr/bin/env python3
"""Golden figures for `margin agree`, computed by the reference packages.

Reads the fixture in tests/fixtures/agree (three reviewers, 48 units over three
articles, some marked by only one or two), forms units as margin does (the
fixture's units never overlap one another, so overlapping spans are one unit),
and computes every figure of `margin agree --json` with `krippendorff.alpha`
(nominal on verdict keys, interval on ratings) and scikit-learn's
`cohen_kappa_score` (plain, and weights="linear" with labels=[1..5]). Writes
tests/fixtures/agree/golden.json, which tests/agree.rs holds margin to (1e-9).

    scripts/agree-golden                 # installs the packages, writes golden.json
    scripts/agree-golden --make-fixture  # regenerates the fixture itself (seeded)
"""

import json
import math
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(ROOT, "tests", "fixtures", "agree")
ARTICLES = ["budget.txt", "summit.txt", "troops.txt"]
REVIEWERS = ["ana", "ben", "cy"]
# The default verdict scale: key and rating (None rates nothing).
SCALE = [("true", 5), ("mostly-true", 4), ("mixed", 3), ("mostly-false", 2),
         ("false", 1), ("misleading", 2), ("unverifiable", None)]
RATING = dict(SCALE)
WORDS = ("the minister said budget growth record troops meeting agreement claimed "
         "reported officials percent economy election border treaty summit data").split()


def make_fixture():
    rnd = random.Random(15)
    os.makedirs(os.path.join(FIXTURE, "annotations"), exist_ok=True)
    keys = [k for k, _ in SCALE]
    for a, name in enumerate(ARTICLES):
        sentences = []
        for n in range(16):
            words = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(8, 14)))
            sentences.append(f"{words.capitalize()} in {1990 + n + a} claim {n}.")
        text = "\n".join(sentences) + "\n"
        with open(os.path.join(FIXTURE, name), "w", encoding="utf-8") as f:
            f.write(text)
        annotations = []
        offset = 0
        for n, sentence in enumerate(sentences):
            start, end = offset, offset + len(sentence)
            offset = end + 1
            # Who marks the claim: mostly all three, sometimes two or one.
            who = rnd.choice([REVIEWERS] * 5 + [REVIEWERS[:2], REVIEWERS[1:], [REVIEWERS[0], REVIEWERS[2]],
                                                [rnd.choice(REVIEWERS)]])
            truth = rnd.choice(keys)
            for r in who:
                roll = rnd.random()
                verdict = truth if roll < 0.6 else None if roll < 0.68 else rnd.choice(keys)
                s = start + rnd.randint(0, 3)
                e = end - rnd.randint(0, 3)
                ann = {
                    "id": f"0190aaaa-{a:04x}-7000-8000-{n:04x}{REVIEWERS.index(r):08x}",
                    "target": {"start": s, "end": e, "exact": text[s:e],
                               "prefix": text[max(0, s - 32):s], "suffix": text[e:e + 32]},
                    "kind": "claim",
                }
                if verdict is not None:
                    ann["verdict"] = verdict
                ann["reviewer"] = r
                ann["created"] = "2026-11-22T10:00:00Z"
                ann["modified"] = "2026-11-22T10:00:00Z"
                annotations.append(ann)
        annotations.sort(key=lambda x: (x["target"]["start"], x["target"]["end"], x["id"]))
        doc = {"format": "margin/1",
               "article": {"path": f"../{name}", "title": sentences[0]},
               "annotations": annotations}
        with open(os.path.join(FIXTURE, "annotations", name + ".json"), "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=2, ensure_ascii=False)
            f.write("\n")


def load_units(name):
    """The article's units: overlapping spans (by different reviewers) joined."""
    with open(os.path.join(FIXTURE, "annotations", name + ".json"), encoding="utf-8") as f:
        anns = [a for a in json.load(f)["annotations"] if a.get("kind", "claim") == "claim"]
    anns.sort(key=lambda a: (a["target"]["start"], a["target"]["end"]))
    units, reach = [], -1
    for a in anns:
        t = a["target"]
        if units and t["start"] < reach:
            units[-1].append(a)
            reach = max(reach, t["end"])
        else:
            units.append([a])
            reach = t["end"]
    for u in units:
        assert len({a["reviewer"] for a in u}) == len(u), "a reviewer twice in a unit"
    return [{a["reviewer"]: a.get("verdict") for a in u} for u in units]


def undefined_to_none(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def figures(units):
    import krippendorff
    import numpy as np
    from sklearn.metrics import cohen_kappa_score

    reviewers = sorted({r for u in units for r in u})
    codes = {k: i for i, (k, _) in enumerate(SCALE)}

    def alpha(value, level):
        data = np.array([[np.nan if value(u.get(r)) is None else value(u.get(r)) for u in units]
                         for r in reviewers], dtype=float)
        try:
            return undefined_to_none(krippendorff.alpha(reliability_data=data,
                                                        level_of_measurement=level))
        except (ValueError, ZeroDivisionError):
            return None

    pairs = []
    for i, a in enumerate(reviewers):
        for b in reviewers[i + 1:]:
            judged = [(u[a], u[b]) for u in units
                      if u.get(a) is not None and u.get(b) is not None]
            rated = [(RATING[x], RATING[y]) for x, y in judged
                     if RATING[x] is not None and RATING[y] is not None]
            marked_a = sum(1 for u in units if a in u)
            marked_b = sum(1 for u in units if b in u)
            both = sum(1 for u in units if a in u and b in u)
            kappa = weighted = agreement = None
            if judged:
                agreement = sum(1 for x, y in judged if x == y) / len(judged)
                kappa = undefined_to_none(cohen_kappa_score([x for x, _ in judged],
                                                            [y for _, y in judged]))
            if rated:
                weighted = undefined_to_none(cohen_kappa_score(
                    [x for x, _ in rated], [y for _, y in rated],
                    weights="linear", labels=[1, 2, 3, 4, 5]))
            pairs.append({"a": a, "b": b, "both_judged": len(judged), "agreement": agreement,
                          "kappa": kappa, "weighted_kappa": weighted,
                          "span_f1": 2 * both / (marked_a + marked_b) if marked_a + marked_b else None})
    return {
        "reviewers": reviewers,
        "units": len(units),
        "alpha_nominal": alpha(lambda v: None if v is None else codes[v], "nominal"),
        "alpha_interval": alpha(lambda v: None if v is None else RATING[v], "interval"),
        "pairs": pairs,
    }


def main():
    if "--make-fixture" in sys.argv:
        make_fixture()
    per_article = {name: load_units(name) for name in ARTICLES}
    everything = [u for name in ARTICLES for u in per_article[name]]
    golden = figures(everything)
    golden["articles"] = [dict(article=name, **figures(per_article[name])) for name in ARTICLES]
    assert golden["units"] >= 40
    with open(os.path.join(FIXTURE, "golden.json"), "w", encoding="utf-8") as f:
        json.dump(golden, f, indent=2)
        f.write("\n")
    print(f"golden.json: {golden['units']} units, α nominal {golden['alpha_nominal']}, "
          f"α interval {golden['alpha_interval']}")


if __name__ == "__main__":
    main()
