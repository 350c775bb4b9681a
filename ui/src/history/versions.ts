// What the history panel lists: a post's commits as rows a person reads (when, who, what,
// published or not, where the post was renamed), and how much a version differs.
import type { DiffPiece } from "../bindings/DiffPiece";
import type { PostHistory } from "../bindings/PostHistory";
import type { PostVersion } from "../bindings/PostVersion";

/** One commit of the post, as the list shows it. */
export interface VersionRow {
  version: PostVersion;
  /** "1 March 2024, 12:00", in the author's own time, as the commit records it. */
  when: string;
  /** "Published" or "Not published yet". */
  state: string;
  /** "Renamed from content/old.rst" where this commit gave the post its name, else null. */
  renamed: string | null;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * An ISO 8601 date as `git log --date=iso-strict` prints it ("2024-03-01T12:00:00+01:00"),
 * in words, at the author's clock: where and when they wrote it. Anything else as it is.
 */
export function versionDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !month) return iso;
  return `${Number(m[3])} ${month} ${m[1]}, ${m[4]}:${m[5]}`;
}

/** The rows of `history`, newest first; a rename shows on the commit that made it. */
export function versionRows(history: PostHistory): VersionRow[] {
  return history.versions.map((version, i) => {
    const older = history.versions[i + 1];
    return {
      version,
      when: versionDate(version.date),
      state: version.published ? "Published" : "Not published yet",
      renamed: older && older.path !== version.path ? `Renamed from ${older.path}` : null,
    };
  });
}

/** How many words a version has that the current text has not, and the other way round. */
export function diffCounts(pieces: readonly DiffPiece[]): { removed: number; added: number } {
  const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
  let removed = 0;
  let added = 0;
  for (const piece of pieces) {
    if (piece.kind === "removed") removed += words(piece.text);
    else if (piece.kind === "added") added += words(piece.text);
  }
  return { removed, added };
}

/** The comparison in a sentence: what restoring the version would change. */
export function diffSummary(pieces: readonly DiffPiece[]): string {
  const { removed, added } = diffCounts(pieces);
  if (removed === 0 && added === 0) {
    return pieces.some((p) => p.kind !== "same")
      ? "Only spacing differs from the current text."
      : "This version is the same as the current text.";
  }
  const count = (n: number) => `${n} word${n === 1 ? "" : "s"}`;
  return `This version has ${count(removed)} the current text has not; the current text has ${count(added)} this version has not.`;
}
