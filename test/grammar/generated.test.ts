import { expect } from "chai";
import { transformSync } from "esbuild";
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";
import { generatedFiles } from "../../scripts/grammar-files.js";
import { parserInstance } from "../../src/language/parser.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const files = generatedFiles();
const html = files["grammar/diagrams.html"]!;
const CHROMIUM = "/usr/bin/chromium";

/** XML namespace names are identifiers that happen to look like URLs; nothing fetches them. */
const NAMESPACES = new Set(["http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"]);
const URL_RE = /https?:\/\/[^\s"'`)<>]+/g;

const scripts = (page: string) => [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
const styles = (page: string) => [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);

describe("generated grammar files", () => {
  for (const [path, text] of Object.entries(files)) {
    it(`${path} is up to date (run \`npm run grammar\` after changing the parser or lexer)`, () => {
      const committed = existsSync(join(root, path)) ? readFileSync(join(root, path), "utf8") : "";
      expect(committed === text, `${path} is stale`).to.equal(true);
    });
  }

  describe("grammar/diagrams.html", () => {
    it("loads nothing from elsewhere: no external script, stylesheet or fetched URL", () => {
      expect(html).to.not.match(/<script[^>]*\ssrc=|<link\b|@import|url\(/i);
      const markup = html.replace(/<script>[\s\S]*?<\/script>|<style>[\s\S]*?<\/style>|<!--[\s\S]*?-->/g, "");
      expect(markup.match(URL_RE) ?? []).to.deep.equal([]);
      for (const css of styles(html)) expect(css.match(URL_RE) ?? []).to.deep.equal([]);
      // Comments in the inlined scripts may cite web pages; the code itself may only name namespaces.
      const inCode = scripts(html).flatMap((js) => transformSync(js, { minifyWhitespace: true, legalComments: "none" }).code.match(URL_RE) ?? []);
      expect(inCode.filter((u) => !NAMESPACES.has(u))).to.deep.equal([]);
    });

    it("tells the browser to refuse any fetch", () => {
      expect(html).to.include(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    });

    it("inlines scripts that parse, and the grammar of every parser rule", () => {
      for (const js of scripts(html)) expect(() => new Script(js)).to.not.throw();
      const names = parserInstance.getSerializedGastProductions().map((r) => (r as { name?: string }).name);
      for (const name of names) expect(html).to.include(`"name": "${name}"`);
    });

    it("labels tokens with their text, and the contextual `dc` as a word", () => {
      type Drawn = { name?: string; label?: string; definition?: Drawn[] };
      const grammar = JSON.parse(/window\.serializedGrammar = (\[[\s\S]*?\]);\n<\/script>/.exec(html)![1]!) as Drawn[];
      const labels = (n: Drawn): string[] => [...(n.label ? [n.label] : []), ...(n.definition ?? []).flatMap(labels)];
      const of = (rule: string) => labels(grammar.find((r) => r.name === rule)!);
      expect(of("scenarioDecl").slice(0, 3)).to.deep.equal(["scenario", "(", ","]);
      expect(of("scenarioDecl")).to.include("{");
      expect(of("forStmt").slice(0, 3)).to.deep.equal(["for", "Identifier", "in"]);
      expect(of("dcDecl").slice(0, 3)).to.deep.equal(["dc", "Identifier", "{"]);
    });

    it("draws one diagram per rule in a browser, offline", async function () {
      if (!existsSync(CHROMIUM)) this.skip();
      this.timeout(30_000);
      const dom = await dumpDom(join(root, "grammar/diagrams.html"));
      const drawn = dom.match(/<svg class="railroad-diagram"/g)?.length ?? 0;
      expect(drawn).to.equal(parserInstance.getSerializedGastProductions().length);
    });
  });
});

/** The page's DOM after its scripts ran, from headless chromium with every host unresolvable. */
function dumpDom(file: string): Promise<string> {
  const args = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND", "--dump-dom", `file://${file}`,
  ];
  return new Promise((resolve, reject) => {
    execFile(CHROMIUM, args, { timeout: 25_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}
