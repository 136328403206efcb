import { expect } from "chai";
import { useColour } from "../../src/cli/colour.js";
import { Progress } from "../../src/cli/exec-progress.js";
import { summaryLines } from "../../src/cli/exec-summary.js";
import { runPaint } from "../../src/cli/colour.js";
import type { JournalEvent } from "../../src/runtime/journal/events.js";
import type { Clock } from "../../src/runtime/clock.js";

const tty = { isTTY: true };
const pipe = { isTTY: false };
const ESC = /\u001b\[[0-9;]*m/;
const RED = "\u001b[1m\u001b[31m";
const GREEN = "\u001b[32m";

describe("colour: when", () => {
  const table: readonly [string, { isTTY: boolean }, Record<string, string>, "auto" | "always" | "never", boolean][] = [
    ["a terminal", tty, {}, "auto", true],
    ["a pipe", pipe, {}, "auto", false],
    ["a terminal with NO_COLOR", tty, { NO_COLOR: "1" }, "auto", false],
    ["a terminal with NO_COLOR empty", tty, { NO_COLOR: "" }, "auto", true],
    ["a pipe with FORCE_COLOR=1", pipe, { FORCE_COLOR: "1" }, "auto", true],
    ["a pipe with FORCE_COLOR empty", pipe, { FORCE_COLOR: "" }, "auto", true],
    ["a terminal with FORCE_COLOR=0", tty, { FORCE_COLOR: "0" }, "auto", false],
    ["a terminal with FORCE_COLOR=false", tty, { FORCE_COLOR: "false" }, "auto", false],
    ["FORCE_COLOR and NO_COLOR both", pipe, { FORCE_COLOR: "1", NO_COLOR: "1" }, "auto", true],
    ["a pipe with --color always", pipe, { NO_COLOR: "1" }, "always", true],
    ["a terminal with --color never", tty, { FORCE_COLOR: "1" }, "never", false],
  ];
  for (const [what, stream, env, choice, expected] of table) {
    it(`${expected ? "colours" : "does not colour"} ${what}`, () => {
      expect(useColour(stream, env, choice)).to.equal(expected);
    });
  }
});

const at = { t: 0, wall: "2026-01-01T00:00:00.000Z", scenario: "s" };
const events: JournalEvent[] = [
  { ...at, kind: "expect", ok: false, source: "lost == 0", expected: "0", actual: "3" } as JournalEvent,
  { ...at, kind: "scenario.end", verdict: "pass", figures: {} } as JournalEvent,
];
const neverTicks: Clock = { now: () => 0, sleep: () => new Promise(() => undefined) } as unknown as Clock;

describe("colour: exec's progress and summary", () => {
  it("paints a failed expectation red and a passing verdict green when colour is on", () => {
    const lines: string[] = [];
    const progress = new Progress(neverTicks, false, (l) => lines.push(l), runPaint(true));
    for (const e of events) progress.event(e);
    expect(lines[0]).to.contain(RED).and.contain("FAILED: lost == 0");
    expect(lines[1]).to.contain(GREEN).and.contain("=> pass");
  });

  it("writes the same text without escape codes when colour is off", () => {
    const plain: string[] = [];
    const coloured: string[] = [];
    for (const [lines, on] of [[plain, false], [coloured, true]] as const) {
      const progress = new Progress(neverTicks, false, (l) => lines.push(l), runPaint(on));
      for (const e of events) progress.event(e);
    }
    expect(plain.join("\n")).to.not.match(ESC);
    expect(coloured.map((l) => l.replace(/\u001b\[[0-9;]*m/g, ""))).to.deep.equal(plain);
  });

  it("paints the summary's verdict word only, after escaping the scenario's text", () => {
    const coloured = summaryLines(events, runPaint(true));
    const plain = summaryLines(events);
    expect(plain.join("\n")).to.not.match(ESC);
    const header = coloured.find((l) => l.includes("PASS"))!;
    expect(header.startsWith(`  ${GREEN}PASS`)).to.equal(true);
    expect(coloured.map((l) => l.replace(/\u001b\[[0-9;]*m/g, ""))).to.deep.equal(plain);
  });
});
