import type { ErrorBodyReader } from "../http/client.js";

const MESSAGE_ID = /\bCDIS[A-Z]{1,2}\d{4}[EWI]\b/;

/**
 * Streams' error bodies (reference §1.5): `{"id":"CDISW5000E","message":"CDISW5000E …"}`, or the
 * Java client's `{"messages":[{"id","message"}]}`, or text holding an id. Whatever the server
 * said is kept short: one line, at most 300 characters.
 */
export const readStreamsErrorBody: ErrorBodyReader = (res) => {
  const json = res.json;
  let id: unknown;
  let message: unknown;
  if (typeof json === "object" && json !== null) {
    const o = json as Record<string, unknown>;
    const first = Array.isArray(o["messages"]) ? (o["messages"][0] as Record<string, unknown> | undefined) : undefined;
    id = o["id"] ?? first?.["id"];
    message = o["message"] ?? first?.["message"];
  } else if (res.text.length > 0 && !/^\s*</.test(res.text)) {
    message = res.text;
  }
  const detail = typeof message === "string" ? oneLine(message) : undefined;
  const messageId = typeof id === "string" && MESSAGE_ID.test(id) ? id : detail?.match(MESSAGE_ID)?.[0];
  return { ...(messageId ? { messageId } : {}), ...(detail ? { detail } : {}) };
};

const oneLine = (s: string): string => {
  const line = s.replace(/\s+/g, " ").trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
};
