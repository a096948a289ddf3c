// A re-anchoring matcher written the way the Hypothesis client anchors a
// TextQuoteSelector, for comparison with margin (scripts/bench-reanchor):
//
// 1. the position selector: the quote is still at its offsets → there;
// 2. otherwise every exact occurrence of the quote, or else every match with up
//    to len/2 errors (at most 256) found by the `approx-string-match` package
//    (the one Hypothesis's client uses), each scored 50 × quote similarity +
//    20 × prefix similarity + 20 × suffix similarity + 2 × closeness to the old
//    position; the best is taken, however low its score.
//
// Usage: node hypothesis-match.mjs NODE_MODULES_DIR < cases.json > ranges.json
// cases.json: {"texts": [...], "cases": [{"text": i, "exact", "prefix", "suffix",
// "start", "end"}]}, offsets in Unicode scalar values; prints one [start, end]
// or null per case, in the same unit.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const modules = process.argv[2];
if (!modules) {
  console.error("usage: node hypothesis-match.mjs NODE_MODULES_DIR < cases.json");
  process.exit(2);
}
const packageDir = join(modules, "approx-string-match");
const entry = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")).main;
const { default: approxSearch } = await import(pathToFileURL(join(packageDir, entry)).href);

/** Exact occurrences first (the library does not look for them itself), then approximate ones. */
function candidates(text, str, maxErrors) {
  const exact = [];
  for (let at = text.indexOf(str); at !== -1; at = text.indexOf(str, at + 1)) {
    exact.push({ start: at, end: at + str.length, errors: 0 });
  }
  return exact.length > 0 ? exact : approxSearch(text, str, maxErrors);
}

/** 1 − errors / length of the best match of `str` within `text`. */
function similarityWithin(text, str) {
  if (str.length === 0 || text.length === 0) {
    return 0;
  }
  const found = candidates(text, str, str.length);
  return found.length === 0 ? 0 : 1 - found[0].errors / str.length;
}

function matchQuote(text, quote, prefix, suffix, hint) {
  if (quote.length === 0) {
    return null;
  }
  const found = candidates(text, quote, Math.min(256, quote.length / 2));
  let best = null;
  for (const m of found) {
    const quoteScore = 1 - m.errors / quote.length;
    const prefixScore = prefix
      ? similarityWithin(text.slice(Math.max(0, m.start - prefix.length), m.start), prefix)
      : 1;
    const suffixScore = suffix
      ? similarityWithin(text.slice(m.end, m.end + suffix.length), suffix)
      : 1;
    const positionScore = 1 - Math.abs(m.start - hint) / text.length;
    const score = (50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * positionScore) / 92;
    if (best === null || score > best.score) {
      best = { start: m.start, end: m.end, score };
    }
  }
  return best;
}

/** Maps offsets between Unicode scalar values and UTF-16 code units for one text. */
function offsetMaps(text) {
  const toUnits = [];
  const toScalars = new Map();
  let unit = 0;
  let scalar = 0;
  for (const ch of text) {
    toUnits.push(unit);
    toScalars.set(unit, scalar);
    unit += ch.length;
    scalar += 1;
  }
  toUnits.push(unit);
  toScalars.set(unit, scalar);
  // A match may end inside a surrogate pair: round to the scalar it belongs to.
  const scalarAt = (u) => {
    for (let x = u; x >= 0; x -= 1) {
      if (toScalars.has(x)) {
        return toScalars.get(x);
      }
    }
    return 0;
  };
  return { unitAt: (s) => toUnits[Math.min(s, toUnits.length - 1)], scalarAt };
}

const input = JSON.parse(readFileSync(0, "utf8"));
const maps = input.texts.map(offsetMaps);
const out = input.cases.map((c) => {
  const text = input.texts[c.text];
  const map = maps[c.text];
  const start = map.unitAt(c.start);
  const end = map.unitAt(c.end);
  if (text.slice(start, end) === c.exact) {
    return [c.start, c.end];
  }
  const m = matchQuote(text, c.exact, c.prefix, c.suffix, start);
  return m === null ? null : [map.scalarAt(m.start), map.scalarAt(m.end)];
});
process.stdout.write(JSON.stringify(out));
