// A cheap fingerprint of the editor's text, to check the backend's copy against it.

/** FNV-1a (32 bits) over UTF-16 code units; `text_hash` in crates/blog computes the same. */
export function textHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash;
}
