// A light reStructuredText highlighter: enough to see the structure while writing.
// The engine in Rust is the authority; this only colors.
import { StreamLanguage, type StringStream } from "@codemirror/language";

interface State {
  /** Inside an indented block after `::` or a directive: colored as literal/meta. */
  block: "literal" | "directive" | null;
  blockIndent: number;
  /** The previous line ended with `::`. */
  literalNext: boolean;
}

const ADORNMENT = /^([!-/:-@[-`{-~])\1+\s*$/;

export const rst = StreamLanguage.define<State>({
  name: "rst",
  startState: () => ({ block: null, blockIndent: 0, literalNext: false }),
  token(stream: StringStream, state: State): string | null {
    if (stream.sol()) {
      const indent = stream.indentation();
      const blank = /^\s*$/.test(stream.string);
      if (state.block && !blank && indent <= state.blockIndent) state.block = null;
      if (state.literalNext && !blank && indent > 0) {
        state.block = "literal";
        state.blockIndent = 0;
      }
      if (!blank) state.literalNext = false;
      if (stream.string.trimEnd().endsWith("::")) state.literalNext = true;
      if (state.block === "literal") {
        stream.skipToEnd();
        return "string";
      }
      if (ADORNMENT.test(stream.string) && stream.string.trim().length >= 2) {
        stream.skipToEnd();
        return "heading";
      }
      if (stream.match(/^\s*\.\. [\w:+.-]+::/)) {
        state.block = "directive";
        state.blockIndent = indent;
        return "keyword";
      }
      if (stream.match(/^\s*\.\. _[^:]*:/) || stream.match(/^\s*\.\. \[[^\]]+\]/)) return "link";
      if (stream.match(/^\s*\.\.(\s|$)/)) {
        stream.skipToEnd();
        return "comment";
      }
      if (stream.match(/^\s*:[^:\s][^:]*:(\s|$)/)) return state.block === "directive" ? "meta" : "atom";
    }
    if (stream.match(/^``.+?``/)) return "string";
    if (stream.match(/^\*\*[^*\s][^*]*\*\*/)) return "strong";
    if (stream.match(/^\*[^*\s][^*]*\*/)) return "emphasis";
    if (stream.match(/^`[^`]+`__?/)) return "link";
    if (stream.match(/^:[\w-]+:`[^`]*`/)) return "keyword";
    if (stream.match(/^`[^`]+`/)) return "emphasis";
    if (stream.match(/^\|[^|\s][^|]*\|/)) return "atom";
    stream.next();
    stream.eatWhile(/[^`*:|]/);
    return null;
  },
});
