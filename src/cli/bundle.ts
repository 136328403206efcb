import type { Command } from "commander";
import type { CliCommand } from "./command.js";
import { EXIT } from "./exit.js";

/** `xdc bundle MANIFEST.json [-o OUT.sab]`: builds a twin application bundle (docs/twin-rest.md). */
export const bundleCommand: CliCommand = {
  name: "bundle",
  register(program: Command) {
    program
      .command("bundle")
      .description("build an application bundle (.sab) for the twin from a manifest (JSON)")
      .argument("<manifest>", "the application manifest, e.g. examples/apps/FailoverDemo.json")
      .option("-o, --out <file>", "where to write the bundle (default: the manifest's name with .sab)")
      .addHelpText(
        "after",
        `
The manifest format is described in docs/twin-rest.md. The same manifest always gives the same bytes.

Exit codes:
  0  the bundle was written
  2  usage error, or a manifest that cannot be read or is not valid
  3  the bundle could not be written`,
      )
      .action(async (manifest: string, opts: { out?: string }) => {
        const { bundleFile } = await import("../sim/bundle/bundle-file.js");
        const result = await bundleFile(manifest, opts.out);
        if (!result.ok) {
          for (const message of result.error.messages) console.error(`error: ${message}`);
          process.exitCode = result.error.kind === "input" ? EXIT.usage : EXIT.error;
          return;
        }
        const { out, bytes, manifest: m } = result.value;
        const operators = m.pes.reduce((n, pe) => n + pe.operators.length, 0);
        console.log(`wrote ${out} (${bytes} bytes): ${m.application} ${m.version}, ${m.pes.length} PEs, ${operators} operators${m.views?.length ? `, ${m.views.length} views` : ""}`);
      });
  },
};
