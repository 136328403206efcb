import type { IncomingMessage } from "node:http";
import { err, ok, type Result } from "../model/result.js";
import { restError, type ErrorReply } from "./errors.js";

/**
 * Reads a request body up to `limit` bytes, whether it comes with Content-Length or chunked
 * (node's parser undoes the chunking). Over the limit: 413, and the rest is not read.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Result<Buffer, ErrorReply>> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(err(tooLarge(limit)));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: Result<Buffer, ErrorReply>) => {
      if (done) return;
      done = true;
      req.off("data", onData);
      resolve(r);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        finish(err(tooLarge(limit)));
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => finish(ok(Buffer.concat(chunks, size))));
    req.once("error", () => finish(err(restError("badInput", "the request body could not be read"))));
    req.once("aborted", () => finish(err(restError("badInput", "the client aborted the request"))));
  });
}

/** An empty body is `undefined` (clients send `Content-Type: application/json` with nothing on GET and DELETE). */
export function parseJson(bytes: Buffer): Result<unknown, ErrorReply> {
  const textBody = bytes.toString("utf8");
  if (textBody.trim().length === 0) return ok(undefined);
  try {
    return ok(JSON.parse(textBody) as unknown);
  } catch (e) {
    return err(restError("badInput", `body: not JSON: ${e instanceof Error ? e.message : String(e)}`));
  }
}

const tooLarge = (limit: number) => restError("tooLarge", `the request body is larger than the limit of ${limit} bytes`);
