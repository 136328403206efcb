import type { HttpClient, HttpResponse } from "../http/client.js";
import { statusKind } from "../http/errors.js";
import { withRetries, type RetryContext } from "../http/retry.js";
import { err, ok, type Result } from "../result.js";
import type { Redactor } from "../../runtime/redact.js";
import type { JolokiaApi, JolokiaCallOptions, JolokiaError, JolokiaRead, JolokiaValue } from "./api.js";

/**
 * JolokiaApi over Jolokia's HTTP protocol (version 7, agents 1.x and 2.x): every read is a
 * POST of a JSON array of requests to the agent's URL, answered by an array of responses in
 * the same order, each `{request, value, timestamp, status}` or `{request, error_type, error,
 * status}`. Always POST, never GET: a bulk read is one exchange, and an ObjectName needs no URL
 * escaping in a body. Agents answer HTTP 200 whatever each request's status, and by default
 * with `text/plain` (for browsers), so the body is parsed whatever its type says.
 */
export class HttpJolokiaApi implements JolokiaApi {
  private readonly url: string;
  private readonly path: string;

  constructor(
    private readonly http: HttpClient,
    base: URL,
    private readonly authorization: string | undefined,
    private readonly retry: Omit<RetryContext, "signal">,
    private readonly redactor: Redactor,
  ) {
    // A servlet mapped at `/jolokia/*` may redirect `/jolokia` to `/jolokia/` (jolokia.js adds the slash too).
    this.path = `${base.pathname.replace(/\/+$/, "")}/`;
    this.url = `${base.origin}${this.path}`;
  }

  async read(r: JolokiaRead, o: JolokiaCallOptions = {}): Promise<Result<JolokiaValue, JolokiaError>> {
    const all = await this.readAll([r], o);
    return all.ok ? all.value[0]! : all;
  }

  async readAll(rs: readonly JolokiaRead[], o: JolokiaCallOptions = {}): Promise<Result<readonly Result<JolokiaValue, JolokiaError>[], JolokiaError>> {
    if (rs.length === 0) return ok([]);
    // No stack traces: they are long, and a scenario's error line needs only Jolokia's message.
    const body = rs.map((r) => ({ type: "read", mbean: r.mbean, attribute: r.attribute, ...(r.path ? { path: r.path } : {}), config: { includeStackTrace: "false", serializeException: "false" } }));
    const headers = this.authorization ? { Authorization: this.authorization } : undefined;
    // A read changes nothing, so sending it again after a reset or a 5xx is safe.
    const res = await withRetries(() => this.http.send({ method: "POST", url: this.url, json: body, ...(headers ? { headers } : {}), ...(o.signal ? { signal: o.signal } : {}) }), { ...this.retry, ...(o.signal ? { signal: o.signal } : {}) });
    if (!res.ok) return res;
    const answers = this.parse(res.value, rs.length);
    if (!answers.ok) return answers;
    return ok(answers.value.map((a, i) => this.one(rs[i]!, a)));
  }

  close(): void {
    this.http.close();
  }

  private parse(res: HttpResponse, expected: number): Result<readonly Record<string, unknown>[], JolokiaError> {
    let json: unknown;
    try {
      json = JSON.parse(res.text);
    } catch {
      return err(this.protocol(`the answer is not JSON (${res.headers["content-type"] ?? "no content type"}): is this a Jolokia agent's URL?`));
    }
    // An agent that cannot read the request at all answers one error object, not an array.
    if (isObject(json) && !Array.isArray(json) && typeof json["status"] === "number" && json["status"] !== 200) {
      const e = this.jolokiaError(undefined, json);
      return err({ ...e, message: `POST ${this.path}: the agent refused the request: ${e.message}` });
    }
    if (!Array.isArray(json) || json.length !== expected || !json.every(isObject)) {
      return err(this.protocol(`the answer is not an array of ${expected} Jolokia response${expected === 1 ? "" : "s"}`));
    }
    return ok(json as Record<string, unknown>[]);
  }

  private one(r: JolokiaRead, a: Record<string, unknown>): Result<JolokiaValue, JolokiaError> {
    const status = a["status"];
    if (status === 200 && "value" in a) {
      const ts = a["timestamp"];
      return ok({ value: a["value"], timestampMs: typeof ts === "number" ? ts * 1000 : NaN });
    }
    if (typeof status !== "number" || status === 200) return err(this.protocol(`the response to the read of ${what(r)} has ${status === 200 ? "no value" : "no status"}`));
    return err(this.jolokiaError(r, a));
  }

  private jolokiaError(r: JolokiaRead | undefined, a: Record<string, unknown>): JolokiaError {
    const status = a["status"] as number;
    const errorType = typeof a["error_type"] === "string" ? a["error_type"] : undefined;
    const text = typeof a["error"] === "string" ? a["error"].slice(0, 500) : "no error text";
    const message = this.redactor.redact(`${r ? `read of ${what(r)}: ` : ""}Jolokia answered ${status}${errorType ? ` (${errorType})` : ""}: ${text}`);
    return { kind: statusKind(status), message, method: "POST", path: this.path, status, ...(errorType ? { messageId: errorType } : {}) };
  }

  private protocol(why: string): JolokiaError {
    return { kind: "protocol", method: "POST", path: this.path, message: `POST ${this.path}: ${why}` };
  }
}

/** `java.lang:type=Memory HeapMemoryUsage/used`: how messages name a read. */
export const what = (r: JolokiaRead): string => `${r.mbean} ${r.attribute}${r.path ? `/${r.path}` : ""}`;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
