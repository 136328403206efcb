import { fileSystemHost, resolveSpec, type ModuleHost } from "../language/index.js";
import { analyse, type Analysis } from "./analysis.js";
import type { Uris } from "./uris.js";

/** What the server knows of an open document. */
export interface OpenDocument {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

/** The open documents, as the server's document manager holds them. */
export interface DocumentSource {
  get(uri: string): OpenDocument | undefined;
  all(): readonly OpenDocument[];
}

/**
 * The open documents and their analyses. Imports read open documents first (so an unsaved
 * edit in an imported file counts), then the disk and the standard library. An analysis is
 * kept until its document changes or any other document does, since an import may have.
 */
export class Workspace {
  private readonly cache = new Map<string, { generation: number; analysis: Analysis }>();
  private generation = 0;
  readonly host: ModuleHost;

  constructor(
    readonly documents: DocumentSource,
    readonly uris: Uris,
    disk: ModuleHost = fileSystemHost(),
  ) {
    this.host = {
      read: (path) => this.documents.get(this.uris.uriOf(path))?.getText() ?? disk.read(path),
      resolve: resolveSpec,
      ...(disk.files ? { files: disk.files } : {}),
    };
  }

  /** Something changed: every analysis may be stale. */
  changed(uri: string): void {
    this.generation++;
    this.cache.delete(uri);
  }

  /** Files changed on disk: an import of any open document may have. */
  changedOnDisk(): void {
    this.generation++;
  }

  closed(uri: string): void {
    this.changed(uri);
  }

  /** The analysis of an open document's current text, or undefined when it is not open. */
  analysis(uri: string): Analysis | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const hit = this.cache.get(uri);
    if (hit && hit.generation === this.generation && hit.analysis.version === doc.version) return hit.analysis;
    const analysis = analyse(uri, this.uris.pathOf(uri), doc.version, doc.getText(), this.host);
    this.cache.set(uri, { generation: this.generation, analysis });
    return analysis;
  }

  /** Every open document's analysis. */
  all(): Analysis[] {
    return this.documents.all().flatMap((d) => this.analysis(d.uri) ?? []);
  }

  /** Open documents other than this one that import it, directly or not: their diagnostics may change with it. */
  dependents(uri: string): string[] {
    const path = this.uris.pathOf(uri);
    return this.documents.all().filter((d) => d.uri !== uri && this.cache.get(d.uri)?.analysis.program.modules.has(path)).map((d) => d.uri);
  }
}
