import type { ErrorReply } from "./errors.js";

/** What a route answers; the handler turns it into bytes. */
export interface Reply {
  readonly status: number;
  readonly json?: unknown;
  readonly text?: string;
  /** a binary body, sent with `contentType` */
  readonly bytes?: Buffer;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export const json = (body: unknown, status = 200, headers?: Record<string, string>): Reply => ({ status, json: body, ...(headers ? { headers } : {}) });
export const text = (body: string): Reply => ({ status: 200, text: body });
export const noContent = (): Reply => ({ status: 204 });

export const isErrorReply = (v: unknown): v is ErrorReply =>
  typeof v === "object" && v !== null && "status" in v && "json" in v && typeof (v as ErrorReply).status === "number" && (v as ErrorReply).status >= 400;
