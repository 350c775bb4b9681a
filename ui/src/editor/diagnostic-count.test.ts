import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../bindings/Diagnostic";
import { diagnosticCount } from "./diagnostic-count";

const diag = (severity: Diagnostic["severity"]): Diagnostic => ({
  line: 1,
  startLine: 1,
  column: 1,
  endLine: 1,
  endColumn: 2,
  severity,
  message: "m",
});

describe("diagnosticCount", () => {
  it("says there are no problems when only info messages remain", () => {
    expect(diagnosticCount([])).toBe("No problems");
    expect(diagnosticCount([diag("info")])).toBe("No problems");
  });

  it("counts warnings and errors, singular and plural, errors first", () => {
    expect(diagnosticCount([diag("warning"), diag("warning")])).toBe("2 warnings");
    expect(diagnosticCount([diag("warning"), diag("error")])).toBe("1 error, 1 warning");
  });

  it("counts severe problems as errors", () => {
    expect(diagnosticCount([diag("severe"), diag("error")])).toBe("2 errors");
  });
});
