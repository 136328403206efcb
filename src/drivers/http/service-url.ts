import { configurationError, type HttpError } from "./errors.js";
import { err, ok, type Result } from "../result.js";

/** How a service's URL is named in the errors about it. */
export interface ServiceNames {
  /** `the Prometheus server's address`: what the URL should have been. */
  readonly address: string;
  /** `http://127.0.0.1:9090`: a URL of the right form. */
  readonly example: string;
  /** `the Prometheus URL`: what must not carry credentials. */
  readonly url: string;
}

/**
 * A service's base URL as every HTTP driver takes it: a URL, http or https, with no user name
 * or password in it (those go as credentials, where the redactor knows them).
 */
export function serviceUrl(raw: string, names: ServiceNames): Result<URL, HttpError> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return err(configurationError(`${raw} is not a URL: expected ${names.address}, such as ${names.example}`));
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return err(configurationError(`${raw} is not an http:// or https:// URL`));
  if (url.username || url.password) return err(configurationError(`${names.url} must not carry a user name or password: give them as credentials`));
  return ok(url);
}
