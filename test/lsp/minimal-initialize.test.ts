import { expect } from "chai";
import { spawn } from "node:child_process";
import { completeInitialize } from "../../src/lsp/tolerant-reader.js";

const frame = (body: object) => {
  const text = JSON.stringify(body);
  return `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`;
};

/** Sends one raw request to `xdc lsp --stdio` and returns the first answer's body. */
function firstAnswer(request: object): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/xdc.js", "lsp", "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const header = /Content-Length: (\d+)\r\n\r\n/.exec(out);
      if (!header) return;
      const start = header.index + header[0].length;
      const body = out.slice(start, start + Number(header[1]));
      if (Buffer.byteLength(body) < Number(header[1])) return;
      child.kill();
      resolve(JSON.parse(body) as Record<string, unknown>);
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`xdc lsp exited (${code}) before answering: ${out}`)));
    child.stdin.write(frame(request));
  });
}

describe("xdc lsp: a minimal initialize", () => {
  for (const params of [{}, undefined, { capabilities: null }]) {
    it(`answers with its capabilities when params are ${JSON.stringify(params)}`, async () => {
      const answer = await firstAnswer({ jsonrpc: "2.0", id: 1, method: "initialize", ...(params === undefined ? {} : { params }) });
      expect(answer["error"]).to.equal(undefined);
      const result = answer["result"] as { capabilities: Record<string, unknown>; serverInfo: { name: string } };
      expect(result.serverInfo.name).to.equal("xdc");
      expect(result.capabilities).to.include.keys("hoverProvider", "completionProvider", "definitionProvider", "documentFormattingProvider");
    });
  }

  it("keeps what a full initialize says", () => {
    const full = { jsonrpc: "2.0" as const, id: 1, method: "initialize", params: { processId: 7, rootUri: "file:///w", capabilities: { general: {} } } };
    expect(completeInitialize(full)).to.deep.equal(full);
    const note = { jsonrpc: "2.0" as const, method: "initialized", params: {} };
    expect(completeInitialize(note)).to.equal(note);
  });
});
