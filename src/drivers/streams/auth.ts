import type { Clock } from "../../runtime/clock.js";
import { wallTime } from "../../runtime/clock.js";
import type { Logger } from "../../runtime/logger.js";
import type { Redactor } from "../../runtime/redact.js";
import type { HttpError, HttpErrorKind } from "../http/errors.js";
import { basicAuthorization, type Credentials } from "../http/basic.js";
import type { HttpRequest, HttpResponse } from "../http/client.js";
import { err, ok, type Result } from "../result.js";
import { parseToken } from "./parse.js";

export type { Credentials } from "../http/basic.js";

/** Sends a request (with retries) carrying exactly the headers given: the token request's own transport. */
export type RawSend = (req: HttpRequest) => Promise<Result<HttpResponse, HttpError>>;

/** When the server gives no expiry: the Python client renews every 4 minutes. */
const DEFAULT_TOKEN_LIFETIME_MS = 4 * 60_000;
/** A token is renewed when this share of its lifetime has passed. */
const RENEW_AT = 0.8;
/** A lifetime below this means the two clocks disagree; the default lifetime is used instead. */
const MIN_LIFETIME_MS = 10_000;

/** Token failures that mean "this server has no working token service", not "this call failed". */
const FALL_BACK_TO_BASIC: ReadonlySet<HttpErrorKind> = new Set(["not-found", "unsupported", "bad-request", "conflict", "protocol"]);

interface Token {
  readonly value: string;
  /** clock ms after which the token is renewed before use */
  readonly renewAt: number;
}

/**
 * The Authorization header of every request: Basic with the user and password, or, when the
 * root lists `accessTokens` (reference §1.4), a Bearer token obtained with Basic and renewed
 * before it expires. A token resource that is missing or broken makes the client keep Basic, as
 * the Python client does; a 401 on a token drops it, and the next header is a fresh one.
 * Every secret is registered with the redactor before it is used.
 */
export class Authorizer {
  private readonly basic: string;
  private tokenUrl: string | undefined;
  private token: Token | undefined;
  private renewal: Promise<Result<string, HttpError>> | undefined;

  constructor(
    credentials: Credentials,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly redactor: Redactor,
  ) {
    this.basic = basicAuthorization(credentials, redactor);
  }

  get basicHeader(): string {
    return this.basic;
  }

  /** Tokens are used from now on, obtained from this URL (the root's `accessTokens` resource). */
  offerTokens(url: string): void {
    this.tokenUrl = url;
  }

  get usesTokens(): boolean {
    return this.tokenUrl !== undefined;
  }

  async header(send: RawSend): Promise<Result<string, HttpError>> {
    if (this.tokenUrl === undefined) return ok(this.basic);
    if (this.token && this.clock.now() < this.token.renewAt) return ok(`Bearer ${this.token.value}`);
    // Concurrent calls share one renewal, which is why no one caller's signal can cancel it.
    this.renewal ??= this.renew(this.tokenUrl, send).finally(() => (this.renewal = undefined));
    return this.renewal;
  }

  /** The server refused this header: a token is dropped so the next call gets a new one. */
  rejected(header: string): boolean {
    if (!this.token || header !== `Bearer ${this.token.value}`) return false;
    this.token = undefined;
    return true;
  }

  private async renew(url: string, send: RawSend): Promise<Result<string, HttpError>> {
    const res = await send({ method: "POST", url, json: { audience: "streams" }, headers: { Authorization: this.basic } });
    if (!res.ok) {
      if (!FALL_BACK_TO_BASIC.has(res.error.kind)) return err(res.error);
      this.logger.log("warn", `the access-token resource did not give a token (${res.error.message}); using Basic authentication`, { path: res.error.path });
      this.tokenUrl = undefined;
      return ok(this.basic);
    }
    const parsed = parseToken(res.value.json);
    if (!parsed.ok) {
      this.logger.log("warn", `the access-token resource answered without a token (${parsed.error}); using Basic authentication`, {});
      this.tokenUrl = undefined;
      return ok(this.basic);
    }
    const { accessToken, expireTimeS } = parsed.value;
    this.redactor.add(accessToken);
    let lifetime = expireTimeS === undefined ? DEFAULT_TOKEN_LIFETIME_MS : expireTimeS * 1000 - wallTime(this.clock);
    if (lifetime < MIN_LIFETIME_MS) {
      this.logger.log("warn", `the access token expires ${Math.round(lifetime / 1000)} s from now by this machine's clock: the clocks disagree; renewing every ${DEFAULT_TOKEN_LIFETIME_MS / 60_000} minutes`, {});
      lifetime = DEFAULT_TOKEN_LIFETIME_MS;
    }
    this.token = { value: accessToken, renewAt: this.clock.now() + lifetime * RENEW_AT };
    this.logger.log("debug", `got an access token, renewed in ${Math.round((lifetime * RENEW_AT) / 1000)} s`, {});
    return ok(`Bearer ${accessToken}`);
  }
}
