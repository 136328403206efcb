import { expect } from "chai";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import yauzl from "yauzl";
import { contentTypes, FILES, vsixManifest, writeVsix, type ExtensionManifest } from "../../editors/vscode/scripts/vsix.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const ext = join(root, "editors", "vscode");
const json = <T>(path: string) => JSON.parse(readFileSync(path, "utf8")) as T;

interface Contributes {
  contributes: { languages: { id: string; extensions: string[]; configuration: string }[]; grammars: { language: string; scopeName: string; path: string }[] };
}

function entries(zip: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(zip, { lazyEntries: true }, (err, file) => {
      if (err) return reject(err);
      const names: string[] = [];
      file.on("entry", (e: yauzl.Entry) => {
        names.push(e.fileName);
        file.readEntry();
      });
      file.on("end", () => resolve(names));
      file.on("error", reject);
      file.readEntry();
    });
  });
}

describe("VS Code extension", () => {
  it("contributes the language and the repository's TextMate grammar", () => {
    const pkg = json<Contributes & ExtensionManifest>(join(ext, "package.json"));
    const grammar = json<{ scopeName: string }>(join(root, "grammar", "xdc.tmLanguage.json"));
    expect(pkg.contributes.languages[0]).to.deep.include({ id: "xdc", extensions: [".xdc"] });
    expect(pkg.contributes.grammars[0]).to.deep.equal({ language: "xdc", scopeName: grammar.scopeName, path: "./syntaxes/xdc.tmLanguage.json" });
    const config = json<{ comments: { lineComment: string; blockComment: string[] } }>(join(ext, pkg.contributes.languages[0]!.configuration));
    expect(config.comments).to.deep.equal({ lineComment: "//", blockComment: ["/*", "*/"] });
    expect(FILES).to.include.members(["package.json", pkg.contributes.grammars[0]!.path.slice(2), pkg.contributes.languages[0]!.configuration.slice(2)]);
  });

  it("describes the package in its manifest and content types", () => {
    const pkg = json<ExtensionManifest>(join(ext, "package.json"));
    const manifest = vsixManifest(pkg);
    expect(manifest).to.contain(`<Identity Language="en-US" Id="xdc" Version="${pkg.version}" Publisher="${pkg.publisher}" />`);
    expect(manifest).to.contain(`Id="Microsoft.VisualStudio.Code.Engine" Value="${pkg.engines.vscode}"`);
    expect(contentTypes(FILES)).to.contain('<Default Extension=".js" ContentType="application/javascript"/>')
      .and.to.contain('<Default Extension=".vsixmanifest" ContentType="text/xml"/>');
    expect(vsixManifest({ ...pkg, description: "a <b> & c" })).to.contain("a &lt;b&gt; &amp; c");
  });

  it("writes a .vsix holding the manifest and every file under extension/", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xdc-vsix-"));
    try {
      for (const f of FILES) {
        mkdirSync(dirname(join(dir, f)), { recursive: true });
        writeFileSync(join(dir, f), f);
      }
      const out = join(dir, "x.vsix");
      await writeVsix(dir, json<ExtensionManifest>(join(ext, "package.json")), out);
      expect(await entries(out)).to.deep.equal(["[Content_Types].xml", "extension.vsixmanifest", ...FILES.map((f) => `extension/${f}`)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
