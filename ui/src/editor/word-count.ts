// The status bar's word count: the open post's words, the words written this session (in
// every post opened since the window started) and the post's goal, when it has one.

/** Words as the status bar counts them: runs of non-space characters. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** The words written in this window session: each post's count now less its count when first opened. */
export class SessionWords {
  private readonly first = new Map<string, number>();
  private readonly now = new Map<string, number>();

  /** Records `words` as the count of the post at `path` now (the first time, its start). */
  counted(path: string, words: number): void {
    if (!this.first.has(path)) this.first.set(path, words);
    this.now.set(path, words);
  }

  /** Words added this session over every post; a post shortened counts as none written. */
  written(): number {
    let total = 0;
    for (const [path, words] of this.now) total += Math.max(0, words - (this.first.get(path) ?? words));
    return total;
  }
}

/** The goal typed in the post details: a positive whole number, else no goal. */
export function parseGoal(value: string): number | null {
  const goal = Number(value.trim());
  return value.trim() !== "" && Number.isInteger(goal) && goal > 0 ? goal : null;
}

/**
 * The status bar's text: "840 words" alone, "840 words · 312 this session" once words are
 * written, and with a goal "312 words this session · 840/1000".
 */
export function wordStatus(words: number, session: number, goal: number | null, group: (n: number) => string = String): string {
  if (goal !== null) return `${group(session)} words this session · ${group(words)}/${group(goal)}`;
  return session > 0 ? `${group(words)} words · ${group(session)} this session` : `${group(words)} words`;
}
