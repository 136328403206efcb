/**
 * Everything in a report that came from a scenario or the system (names, messages, values)
 * passes through one of these before it reaches HTML: text and attributes through
 * `html`, data for scripts through `scriptJson`.
 */
const HTML: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const html = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML[c]!);

/**
 * JSON that can sit inside <script>: no `<`, `>` or `&` (so no `</script>` or `<!--` can end
 * or confuse the element) and no U+2028/U+2029 (line terminators to older JavaScript).
 * JSON.parse reads the escapes back to the same characters.
 */
const SCRIPT: Readonly<Record<string, string>> = { "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029" };
export const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => SCRIPT[c]!);

/**
 * A library's code inlined into <script>: `</script` would end the element early and `<!--`
 * would switch the parser into its escaped state. Both are rewritten to forms that mean the
 * same inside JavaScript strings, regular expressions and comments, where alone they occur.
 */
export const inlineScript = (code: string): string => code.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
