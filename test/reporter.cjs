// Mocha's dot reporter plus one plain closing line, "N passed, N failed, N skipped", that
// CI systems read without knowing mocha.
const Mocha = require("mocha");
const { Dot } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class XdcReporter extends Dot {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      process.stdout.write(`\ntests: ${s.passes} passed, ${s.failures} failed, ${s.pending} skipped\n`);
    });
  }
}
module.exports = XdcReporter;
