// Moments the window bench (tests/benches/window.rs) times. It listens by setting
// `window.__folioTrace`; without it a trace costs one property read.

/** Tells the window bench, when it listens, that `name` happened now. */
export function trace(name: string): void {
  (window as { __folioTrace?: (name: string) => void }).__folioTrace?.(name);
}
