/**
 * Whether to colour what goes to a stream: only on a terminal, and never when NO_COLOR is
 * set to anything but the empty string (https://no-color.org). Renderers receive the
 * answer; they never look at the environment themselves.
 */
export const useColour = (stream: { readonly isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>): boolean =>
  stream.isTTY === true && (env["NO_COLOR"] ?? "") === "";
