import { FOLD_TABLE } from "./fold-table";

/**
 * Comparing and matching titles, categories and tags as a writer reads them, without the
 * engine's ICU (whose collation and normalization data would cost the window megabytes):
 * accents and case are ignored, ligatures and compatibility forms read as their letters.
 * Covers Latin, Greek and Cyrillic; other scripts compare as written.
 */

const FOLDS = new Map<string, string>(
  FOLD_TABLE.split("|")
    .filter(Boolean)
    .map((entry) => [entry.slice(0, 1), entry.slice(1)]),
);

/** `s` without accents (precomposed or combining) and in lower case. */
export function fold(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
  let out = "";
  for (const ch of s) out += FOLDS.get(ch) ?? ch;
  return out.replace(/\p{M}/gu, "").toLowerCase();
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Orders `a` and `b` by their letters first, then accents, then case (lower case first),
 * as a dictionary does.
 */
export function compareText(a: string, b: string): number {
  return byCodePoint(fold(a), fold(b)) || byCodePoint(a.toLowerCase(), b.toLowerCase()) || byCodePoint(b, a);
}
