import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Debian's libjolokia-core-java and the json-simple it depends on (.ci/run installs both, and the JDK). */
export const JOLOKIA_JARS = ["/usr/share/java/jolokia-core.jar", "/usr/share/java/json-simple.jar"];
const SOURCE = fileURLToPath(new URL("./JolokiaServer.java", import.meta.url));
const START_TIMEOUT_MS = 30_000;

/** Why the real agent cannot run here, or undefined when it can. */
export function realJolokiaMissing(): string | undefined {
  if (spawnSync("javac", ["-version"]).status !== 0) return "no JDK (javac) is installed: apt-get install openjdk-17-jdk-headless";
  const missing = JOLOKIA_JARS.filter((j) => !existsSync(j));
  if (missing.length > 0) return `${missing.join(", ")} missing: apt-get install libjolokia-core-java`;
  return undefined;
}

export interface RealJolokia {
  /** `http://127.0.0.1:PORT/jolokia` */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Compiles test/drivers/jolokia/JolokiaServer.java into a temporary directory and starts it on
 * 127.0.0.1, a free port: Jolokia 1.7.1's own request handler serving the JVM's MBeans. It
 * stops when its standard input closes, so it cannot outlive the test's process.
 */
export async function startRealJolokia(): Promise<RealJolokia> {
  const dir = mkdtempSync(join(tmpdir(), "xdc-jolokia-"));
  const classpath = [dir, ...JOLOKIA_JARS].join(":");
  const compiled = spawnSync("javac", ["-nowarn", "-cp", JOLOKIA_JARS.join(":"), "-d", dir, SOURCE], { encoding: "utf8", timeout: START_TIMEOUT_MS });
  if (compiled.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`javac failed: ${compiled.stderr || compiled.error?.message}`);
  }
  const child = spawn("java", ["-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", classpath, "JolokiaServer", "0"], { stdio: ["pipe", "pipe", "pipe"] });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.stdin?.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const port = await listeningPort(child);
    return { url: `http://127.0.0.1:${port}/jolokia`, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** The port the program prints (`listening PORT`), within START_TIMEOUT_MS. */
function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`the Jolokia program did not start within ${START_TIMEOUT_MS} ms: ${err}`)), START_TIMEOUT_MS);
    child.stderr?.on("data", (c: Buffer) => (err = (err + c.toString()).slice(-2000)));
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the Jolokia program exited (${code ?? signal}) before listening: ${err}`));
    });
  });
}
