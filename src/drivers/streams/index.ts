import { configurationError } from "../http/errors.js";
import { openHttp } from "../http/open.js";
import { DEFAULT_RETRY, type RetryPolicy } from "../http/retry.js";
import type { TlsOptions } from "../http/tls.js";
import type { DriverContext } from "../context.js";
import { err, ok, type Result } from "../result.js";
import type { StreamsApi, StreamsError } from "./api.js";
import { Authorizer, type Credentials } from "./auth.js";
import { RestStreamsApi } from "./client.js";
import { resourceRoot } from "./discovery.js";
import { readStreamsErrorBody } from "./error-body.js";
import { Session } from "./session.js";

export type { CallOptions, JobConfigOverlay, JobRef, PeRef, StreamsApi, StreamsError, StreamsResult, SubmitJobRequest } from "./api.js";
export type { Credentials } from "./auth.js";
export type { HttpErrorKind } from "../http/errors.js";
export type { RetryPolicy } from "../http/retry.js";
export type { TlsOptions } from "../http/tls.js";
export * from "./models.js";

/** Where one datacenter's REST API is and how to talk to it: what an environment file's `dc` block says. */
export interface StreamsConnection {
  /** The REST API: `https://host:8443/streams/rest` (its base), its `/resources` root, or an origin. */
  readonly url: string;
  /** The instance to use; default: the first one the API lists. */
  readonly instanceId?: string;
  readonly credentials: Credentials;
  readonly tls?: TlsOptions;
  /** A call fails when the server is silent this long; default 30 s. */
  readonly timeoutMs?: number;
  /** The same for bundle uploads; default 5 min. */
  readonly uploadTimeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Ask for collections this many elements at a time, following `next` links; default: whole lists. */
  readonly pageSize?: number;
  /** Use bearer tokens when the root lists `accessTokens`; default true. */
  readonly tokens?: boolean;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_UPLOAD_TIMEOUT_MS = 5 * 60_000;

/**
 * A StreamsApi for one datacenter. Nothing is sent yet: the resource root is read on the first
 * call. Fails only on a configuration mistake (a URL that is not one, an unreadable CA file).
 */
export async function connectStreams(c: StreamsConnection, ctx: DriverContext): Promise<Result<StreamsApi, StreamsError>> {
  const root = resourceRoot(c.url);
  if (!root.ok) return err(configurationError(root.error));
  const opened = await openHttp({ origin: new URL(root.value).origin, timeoutMs: c.timeoutMs ?? DEFAULT_TIMEOUT_MS, readErrorBody: readStreamsErrorBody, ...(c.tls ? { tls: c.tls } : {}) }, ctx);
  if (!opened.ok) return opened;
  const { http, logger } = opened.value;
  const auth = new Authorizer(c.credentials, ctx.clock, logger, ctx.redactor);
  const session = new Session({ http, auth, clock: ctx.clock, random: ctx.random, policy: { ...DEFAULT_RETRY, ...c.retry }, logger });
  const api = new RestStreamsApi(
    session,
    auth,
    {
      rootUrl: root.value,
      tokens: c.tokens ?? true,
      uploadTimeoutMs: c.uploadTimeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS,
      ...(c.instanceId !== undefined ? { instanceId: c.instanceId } : {}),
      ...(c.pageSize !== undefined ? { pageSize: c.pageSize } : {}),
    },
    () => http.close(),
  );
  return ok(api);
}
