import type { Diagnostic } from "../bindings/Diagnostic";

/**
 * The status bar's count, worst kind first: "1 error, 2 warnings". Severe problems count as
 * errors (the editor marks them the same way); info messages are not problems.
 */
export function diagnosticCount(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error" || d.severity === "severe").length;
  const warnings = diagnostics.filter((d) => d.severity === "warning").length;
  const parts = [
    errors ? `${errors} error${errors === 1 ? "" : "s"}` : null,
    warnings ? `${warnings} warning${warnings === 1 ? "" : "s"}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "No problems";
}
