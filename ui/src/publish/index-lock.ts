// A stale or busy `.git/index.lock`, explained: which file, how old, which git programs
// hold it, and whether Folio may remove it.
import type { IndexLock } from "../bindings/IndexLock";
import { el } from "../dom";

/** "4 seconds", "3 minutes", "2 hours", "5 days": how long ago, roughly. */
export function ageInWords(seconds: number): string {
  const units: [number, string][] = [
    [86400, "day"],
    [3600, "hour"],
    [60, "minute"],
  ];
  for (const [size, name] of units) {
    if (seconds >= size) {
      const n = Math.floor(seconds / size);
      return `${n} ${name}${n === 1 ? "" : "s"}`;
    }
  }
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}

/** Whether Folio may remove the lock: it could look, and no git program runs. */
export function isStale(lock: IndexLock): boolean {
  return lock.processesKnown && lock.gitProcesses.length === 0;
}

/** The lock for the publish dialog; `message` is the backend's explanation. */
export function lockView(lock: IndexLock, message: string): { element: HTMLElement; stale: boolean } {
  const element = el("div", "index-lock");
  element.dataset["testid"] = "index-lock";
  const stale = isStale(lock);
  const heading = stale
    ? "A git program that stopped before finishing left the repository locked."
    : lock.processesKnown
      ? "Another git program is working in this repository right now."
      : "The repository is locked, and Folio cannot tell whether a git program is working in it.";
  element.append(el("p", "dialog-text", heading));
  const facts = el("ul", "dialog-files");
  facts.append(el("li", "", `${lock.path}, written ${ageInWords(lock.ageSeconds)} ago`));
  for (const process of lock.gitProcesses) facts.append(el("li", "", `running: ${process.command} (pid ${process.pid})`));
  // The backend's words repeat the file and its age; where Folio looked, say only what to do.
  const advice = stale
    ? "No git program is running in this repository, so the lock holds no work: removing it is safe."
    : lock.processesKnown
      ? "Wait for it to finish, then try again."
      : message;
  element.append(facts, el("p", "dialog-text", advice));
  return { element, stale };
}
