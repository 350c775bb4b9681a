import { defineConfig } from "vitest/config";

export default defineConfig({
  base: "./",
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2021",
    sourcemap: false,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    // No unit test is a timing test: vitest's 5 s default failed a long one when the
    // machine was loaded by another build (CI with both cores busy).
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
