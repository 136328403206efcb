/** Layer rules for src/ (see ARCHITECTURE.md); `npm run layers` checks them, `npm test` runs it. */
/** node modules that reach the disk, the network, other processes or the terminal. */
const io = "^(node:)?(fs|fs/promises|net|http|https|http2|tls|dgram|dns|child_process|cluster|worker_threads|os|readline|process|tty)$";
const framework = "^src/(builtins|cli|data|drivers|language|lsp|plan|preflight|report|runtime)/";
module.exports = {
  forbidden: [
    {
      name: "sim-is-apart",
      comment: "The twin (src/sim) stands in for Streams: it must not know the framework it is tested with.",
      severity: "error",
      from: { path: "^src/sim/" },
      to: { path: [framework, "^src/version\\.ts$"] },
    },
    {
      name: "language-does-no-io",
      comment: "language/ reads files only through a ModuleHost; fs-host.ts is the one host that touches the disk.",
      severity: "error",
      from: { path: "^src/language/", pathNot: "^src/language/fs-host\\.ts$" },
      to: { dependencyTypes: ["core"], path: io },
    },
    {
      name: "registry-data-and-plans-do-no-io",
      comment: "builtins/, data/ and plan/ are pure: the registry is data, tuples are computed, `xdc plan` contacts nothing.",
      severity: "error",
      from: { path: "^src/(builtins|data|plan)/" },
      to: { dependencyTypes: ["core"], path: io },
    },
    {
      name: "reports-read-the-journal",
      comment: "report/ renders journals and models: it never drives anything nor parses scenarios (it may use the Result type and the GitHub annotation escapes).",
      severity: "error",
      from: { path: "^src/report/" },
      to: { path: "^src/(builtins|cli|drivers|language|lsp|plan|preflight|sim|data)/", pathNot: "^src/drivers/result\\.ts$|^src/language/render/github\\.ts$" },
    },
    {
      name: "drivers-below-the-interpreter",
      comment: "Drivers talk to Streams; the interpreter, plans, checks and the CLI sit above them.",
      severity: "error",
      from: { path: "^src/drivers/" },
      to: { path: "^src/(builtins|cli|language|lsp|plan|preflight|report|sim)/|^src/runtime/(interpreter|live|world\\.ts)" },
    },
    {
      name: "only-cli-and-preflight-reach-the-twin",
      comment: "The twin is started by `xdc sim`/`exec --twin`; preflight reads its bundle format. Nothing else may import it.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(sim|cli|preflight)/" },
      to: { path: "^src/sim/" },
    },
    {
      name: "cli-is-the-top",
      comment: "cli/ wires everything together; nothing below may import it.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/cli/" },
      to: { path: "^src/cli/" },
    },
    {
      name: "cli-command-then-run",
      comment: "cli/X.ts declares a command and loads cli/X-run.ts when it runs; the run side owns its options type and never imports the declaration back.",
      severity: "error",
      from: { path: "^src/cli/(.+)-run\\.ts$" },
      to: { path: "^src/cli/$1\\.ts$" },
    },
    {
      name: "lsp-only-from-cli",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(cli|lsp)/" },
      to: { path: "^src/lsp/" },
    },
    {
      name: "no-test-code-in-src",
      comment: "src/ ships: it must not import tests, benches, scripts or devDependencies.",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^(test|bench|scripts)/" },
    },
    {
      name: "no-dev-dependencies-in-src",
      severity: "error",
      from: { path: "^src/" },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["type-only"] },
    },
    {
      name: "no-unresolvable",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  /**
   * The folders of src/ and what each may import besides itself, node's own modules and npm packages.
   * A new arrow between two folders has to be added here, where a reviewer sees it. The pairs marked
   * "cycle" go both ways today; ARCHITECTURE.md lists them as debt, and no new pair may join them.
   */
  allowed: [
    { from: { path: "^src/([^/]+)/" }, to: { path: "^src/$1/" } },
    { from: { path: "^(test|bench|scripts)/" }, to: {} },
    { from: {}, to: { dependencyTypes: ["core", "npm", "npm-no-pkg", "npm-unknown", "npm-dev", "npm-optional", "npm-peer"] } },
    { from: { path: "^src/", pathNot: "^src/sim/" }, to: { path: "^src/version\\.ts$" } },
    { from: { path: "^src/builtins/" }, to: { path: "^src/(language|drivers)/" } }, // language: cycle
    { from: { path: "^src/builtins/" }, to: { path: "^src/runtime/(value|world)\\.ts$" } }, // fault plans read runtime values and answer with the world's errors (types): cycle
    { from: { path: "^src/cli/" }, to: { path: "^src/" } },
    { from: { path: "^src/data/" }, to: { path: "^src/(drivers|runtime)/" } }, // both: cycle
    { from: { path: "^src/drivers/" }, to: { path: "^src/(data|runtime)/" } }, // both: cycle
    { from: { path: "^src/language/" }, to: { path: "^src/(builtins|data|drivers)/" } }, // builtins: cycle
    { from: { path: "^src/lsp/" }, to: { path: "^src/(builtins|language|runtime)/" } },
    { from: { path: "^src/plan/" }, to: { path: "^src/(builtins|drivers|language|runtime)/" } },
    { from: { path: "^src/preflight/" }, to: { path: "^src/(data|drivers|language|plan|runtime|sim)/" } },
    { from: { path: "^src/" }, to: { path: "^src/text/" } }, // how numbers read: a leaf every layer may use
    { from: { path: "^src/report/" }, to: { path: "^src/runtime/|^src/drivers/result\\.ts$|^src/language/render/github\\.ts$" } },
    { from: { path: "^src/runtime/" }, to: { path: "^src/(builtins|data|drivers|language)/" } }, // builtins (types), data, drivers, language: cycle
  ],
  allowedSeverity: "error",
  options: {
    parser: "swc",
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "node_modules" },
    exclude: { path: "\\.generated\\.ts$" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
    cache: false,
  },
};
