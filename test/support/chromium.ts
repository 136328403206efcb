/**
 * Debian's chromium driven by playwright-core (which downloads nothing), for the report
 * tests and benchmark: a page opened from a file with every request aborted, and a record of
 * what the page tried to fetch, logged as errors, and opened as dialogs.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const haveChromium = (): boolean => existsSync(CHROMIUM);

export interface OpenedBrowser {
  /** A persistent context on a fresh, temporary profile directory (playwright's way to pass --user-data-dir). */
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<OpenedBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "xdc-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    viewport: { width: 1200, height: 900 },
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface OpenedReport {
  readonly page: Page;
  /** Every URL the page asked for, the report file itself included; all but that one were aborted. */
  readonly requests: string[];
  readonly consoleErrors: string[];
  readonly dialogs: string[];
  readonly url: string;
}

/** Opens an HTML file with the network cut off and waits until its charts are drawn (or failed). */
export async function openReport(context: BrowserContext, file: string, timeoutMs = 15_000): Promise<OpenedReport> {
  const url = pathToFileURL(file).href;
  const page = await context.newPage();
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  const dialogs: string[] = [];
  await page.route("**/*", (route) => {
    requests.push(route.request().url());
    return route.request().url() === url ? route.continue() : route.abort();
  });
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(e.message));
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector('body:not([data-charts="pending"])', { timeout: timeoutMs });
  return { page, requests, consoleErrors, dialogs, url };
}

/**
 * A suite's Chromium and scratch directory: launched before its tests (the suite is skipped
 * where Debian's chromium is missing; CI installs it, .ci/run) and closed and removed after.
 */
export function useChromium(prefix: string): { readonly context: BrowserContext; readonly dir: string } {
  const state: { browser?: OpenedBrowser; dir?: string } = {};
  before(async function () {
    if (!haveChromium()) this.skip();
    state.dir = mkdtempSync(join(tmpdir(), prefix));
    state.browser = await launchChromium();
  });
  after(async () => {
    await state.browser?.close();
    if (state.dir !== undefined) rmSync(state.dir, { recursive: true, force: true });
  });
  return {
    get context() {
      return state.browser!.context;
    },
    get dir() {
      return state.dir!;
    },
  };
}
