import { workspace, type ExtensionContext } from "vscode";
import { LanguageClient, type Executable, type LanguageClientOptions } from "vscode-languageclient/node";

/**
 * Starts `xdc lsp --stdio` for .xdc files. Everything the editor shows comes from the server:
 * the extension only says where the `xdc` command is. A path ending in `.js` is run with the
 * Node that runs VS Code's extensions, so a checkout's `bin/xdc.js` works without a global install.
 */
export async function activate(context: ExtensionContext): Promise<void> {
  const config = workspace.getConfiguration("xdc");
  const path = config.get<string>("server.path", "xdc");
  const args = ["lsp", "--stdio", ...config.get<string[]>("server.args", [])];
  // No transport given: the client talks to the process over its stdin and stdout.
  const server: Executable = path.endsWith(".js") ? { command: process.execPath, args: [path, ...args] } : { command: path, args };
  // Watching .xdc files tells the server when an imported file changes on disk.
  const watcher = workspace.createFileSystemWatcher("**/*.xdc");
  const options: LanguageClientOptions = { documentSelector: [{ language: "xdc" }], synchronize: { fileEvents: watcher } };
  const client = new LanguageClient("xdc", "xdc", { run: server, debug: server }, options);
  // VS Code disposes subscriptions on deactivation, which stops the server.
  context.subscriptions.push(
    { dispose: () => void client.stop() },
    watcher,
    workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration("xdc.server")) await client.restart();
    }),
  );
  await client.start();
}
