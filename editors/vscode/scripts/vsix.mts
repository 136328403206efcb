// A .vsix written without vsce: a zip holding [Content_Types].xml, extension.vsixmanifest
// and the extension's files under extension/. VS Code installs it with
// `code --install-extension xdc-0.1.0.vsix`. Pure functions build the two XML files, so a
// test can check them without packaging anything.
import { createWriteStream, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import yazl from "yazl";

export interface ExtensionManifest {
  readonly name: string;
  readonly displayName?: string;
  readonly description?: string;
  readonly version: string;
  readonly publisher: string;
  readonly engines: { readonly vscode: string };
  readonly categories?: readonly string[];
}

/** What goes into the package, relative to the extension's folder. */
export const FILES = ["package.json", "README.md", "language-configuration.json", "out/extension.js", "syntaxes/xdc.tmLanguage.json"] as const;

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".json": "application/json",
  ".js": "application/javascript",
  ".md": "text/markdown",
  ".vsixmanifest": "text/xml",
};

/** [Content_Types].xml: one default content type per file extension in the package. */
export function contentTypes(paths: readonly string[]): string {
  const exts = [...new Set([...paths, "extension.vsixmanifest"].map((p) => extname(p)))].sort();
  const defaults = exts.map((e) => `<Default Extension="${xml(e)}" ContentType="${CONTENT_TYPES[e] ?? "application/octet-stream"}"/>`);
  return `<?xml version="1.0" encoding="utf-8"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${defaults.join("")}</Types>\n`;
}

/** extension.vsixmanifest, as vsce writes it for an extension without icon or dependencies. */
export function vsixManifest(pkg: ExtensionManifest): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<PackageManifest Version="2.0.0" xmlns="http://schemas.microsoft.com/developer/vsx-schema/2011" xmlns:d="http://schemas.microsoft.com/developer/vsx-schema-design/2011">
  <Metadata>
    <Identity Language="en-US" Id="${xml(pkg.name)}" Version="${xml(pkg.version)}" Publisher="${xml(pkg.publisher)}" />
    <DisplayName>${xml(pkg.displayName ?? pkg.name)}</DisplayName>
    <Description xml:space="preserve">${xml(pkg.description ?? "")}</Description>
    <Tags>xdc,__ext_xdc</Tags>
    <Categories>${xml((pkg.categories ?? []).join(","))}</Categories>
    <GalleryFlags>Public</GalleryFlags>
    <Properties>
      <Property Id="Microsoft.VisualStudio.Code.Engine" Value="${xml(pkg.engines.vscode)}" />
      <Property Id="Microsoft.VisualStudio.Code.ExtensionDependencies" Value="" />
      <Property Id="Microsoft.VisualStudio.Code.ExtensionPack" Value="" />
      <Property Id="Microsoft.VisualStudio.Code.ExtensionKind" Value="workspace" />
      <Property Id="Microsoft.VisualStudio.Code.LocalizedLanguages" Value="" />
      <Property Id="Microsoft.VisualStudio.Code.ExecutesCode" Value="true" />
      <Property Id="Microsoft.VisualStudio.Services.GitHubFlavoredMarkdown" Value="true" />
      <Property Id="Microsoft.VisualStudio.Services.Content.Pricing" Value="Free" />
    </Properties>
  </Metadata>
  <Installation>
    <InstallationTarget Id="Microsoft.VisualStudio.Code" />
  </Installation>
  <Dependencies />
  <Assets>
    <Asset Type="Microsoft.VisualStudio.Code.Manifest" Path="extension/package.json" Addressable="true" />
    <Asset Type="Microsoft.VisualStudio.Services.Content.Details" Path="extension/README.md" Addressable="true" />
  </Assets>
</PackageManifest>
`;
}

/** Writes the .vsix of the extension in `dir` (its FILES must exist) to `out`. */
export function writeVsix(dir: string, pkg: ExtensionManifest, out: string): Promise<void> {
  const zip = new yazl.ZipFile();
  // A fixed date keeps the package the same byte for byte when nothing in it changed.
  const mtime = new Date("2020-01-01T00:00:00Z");
  zip.addBuffer(Buffer.from(contentTypes(FILES)), "[Content_Types].xml", { mtime });
  zip.addBuffer(Buffer.from(vsixManifest(pkg)), "extension.vsixmanifest", { mtime });
  for (const f of FILES) zip.addBuffer(readFileSync(join(dir, f)), `extension/${f}`, { mtime });
  zip.end();
  return new Promise((resolve, reject) => {
    zip.outputStream.pipe(createWriteStream(out)).on("close", () => resolve()).on("error", reject);
  });
}
