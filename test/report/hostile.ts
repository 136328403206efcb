import { buildRun } from "../../src/report/model.js";
import { errorScenario, failoverScenario, journalFixture } from "../support/journal-fixture.js";

export const XSS_NAME = "<script>alert(1)</script>";
export const XSS_OTHER = `<img src=x onerror=alert(2)>"'&\u2028`;

/** A run whose scenario names are markup, the way a hostile or careless scenario might name them. */
export const hostileRun = () => buildRun(journalFixture({ scenarios: [failoverScenario({ name: XSS_NAME, durationMs: 60_000 }), errorScenario(XSS_OTHER)] }));
