import type { IncomingMessage, ServerResponse } from "node:http";
import { GROUND_TRUTH_PREFIX } from "./ground-truth.js";
import { writeReply } from "./net/write-reply.js";
import { readSwitchChange, type SwitchChange } from "./switches.js";

export const SWITCHES_PATH = `${GROUND_TRUTH_PREFIX}/switches`;
/** A change is a few dozen bytes; anything much larger is not one. */
const MAX_BODY_BYTES = 16 * 1024;

export interface SwitchTarget {
  readonly dcs: readonly string[];
  dcOfHost(host: string): string | undefined;
  /** Applies the change in the datacenter's process; why not, if it could not. */
  apply(change: SwitchChange): Promise<string | undefined>;
}

/**
 * `POST /xdc-twin/switches` on the coordinator: sets failure switches (docs/twin.md). Twin-only,
 * on the ground truth's server, never in the REST root: only tests and people poke it.
 * Returns false for paths it does not own.
 */
export function switchHandler(target: SwitchTarget) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if ((req.url ?? "").split("?")[0] !== SWITCHES_PATH) return false;
    if (req.method !== "POST") {
      send(res, 405, { message: "set failure switches with POST and a JSON body" });
      return true;
    }
    void readBody(req).then(async (text) => {
      if (text === undefined) return send(res, 413, { message: `the body must be under ${MAX_BODY_BYTES} bytes` });
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return send(res, 400, { message: "the body is not JSON" });
      }
      const change = readSwitchChange(body, (h) => target.dcOfHost(h), target.dcs);
      if (typeof change === "string") return send(res, 400, { message: change });
      const problem = await target.apply(change);
      return problem === undefined ? send(res, 200, { ok: true, applied: change }) : send(res, 409, { message: problem });
    });
    return true;
  };
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => resolve(undefined));
  });
}

const send = (res: ServerResponse, status: number, body: unknown): void => writeReply(res, { status, json: body, headers: { "Cache-Control": "no-store" } });
