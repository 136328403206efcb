import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadChartLibraries } from "../src/report/assets.js";
import { renderHtml } from "../src/report/html.js";
import { buildRun } from "../src/report/model.js";
import { launchChromium, openReport } from "../test/support/chromium.js";
import { oneHourJournal } from "../test/support/journal-fixture.js";
const html = renderHtml(buildRun(oneHourJournal()), await loadChartLibraries());
const compiled = html.replace("script-src 'unsafe-inline'", "script-src 'unsafe-inline' 'unsafe-eval'").replace(', ast: true, expr: vegaInterpreter.expressionInterpreter', '');
if (compiled === html) throw new Error("no swap");
const dir = mkdtempSync(join(tmpdir(), "zz-"));
writeFileSync(join(dir, "i.html"), html); writeFileSync(join(dir, "c.html"), compiled);
const b = await launchChromium();
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const res: Record<string, number[]> = { i: [], c: [] };
for (let k = 0; k < 7; k++) for (const v of ["i", "c"]) {
  const t0 = performance.now(); const o = await openReport(b.context, join(dir, `${v}.html`), 60000); const ms = performance.now() - t0;
  if (await o.page.getAttribute("body", "data-charts") !== "drawn") throw new Error("not drawn"); await o.page.close(); if (k > 0) res[v]!.push(ms);
}
console.log(`interpreted median ${med(res.i!).toFixed(0)} ms; compiled median ${med(res.c!).toFixed(0)} ms; ratio ${(med(res.i!) / med(res.c!)).toFixed(2)}`);
await b.close();
