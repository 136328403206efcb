import { StreamMessageReader, type DataCallback, type Disposable, type Message } from "vscode-languageserver/node";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * `initialize` as the protocol requires it. Hand-written clients and probes send `params: {}`
 * or no params at all; the library then fails on `capabilities.workspace`, so the missing
 * required fields are filled with their "unknown" values before it sees the request.
 */
export function completeInitialize(message: Message): Message {
  const m = message as Message & { method?: unknown; id?: unknown; params?: unknown };
  if (m.method !== "initialize" || m.id === undefined) return message;
  const params = isRecord(m.params) ? m.params : {};
  return {
    ...message,
    params: {
      processId: null,
      rootUri: null,
      ...params,
      capabilities: isRecord(params["capabilities"]) ? params["capabilities"] : {},
    },
  } as Message;
}

/** A stdio reader that passes every message through `completeInitialize`. */
export class TolerantMessageReader extends StreamMessageReader {
  override listen(callback: DataCallback): Disposable {
    return super.listen((message) => callback(completeInitialize(message)));
  }
}
