import { expect } from "chai";
import { runPool } from "../../src/cli/exec-pool.js";

/** A task that finishes when the test says so, recording what ran when. */
function gated() {
  const log: string[] = [];
  const open = new Map<string, () => void>();
  const run = (task: { name: string }, slot: number) =>
    new Promise<string>((resolve) => {
      log.push(`start ${task.name} @${slot}`);
      open.set(task.name, () => {
        log.push(`end ${task.name}`);
        resolve(`${task.name} done`);
      });
    });
  const settle = () => new Promise((r) => setImmediate(r));
  const finish = async (name: string) => {
    open.get(name)!();
    open.delete(name);
    await settle();
  };
  return { log, open, run, finish, settle };
}

describe("xdc exec --jobs: the pool that runs scenarios side by side", () => {
  it("runs at most `jobs` at a time, each in a slot no running task holds, results in the order given", async () => {
    const g = gated();
    const tasks = ["a", "b", "c", "d"].map((name) => ({ name }));
    const done = runPool(tasks, { jobs: 2, keys: () => [], stop: new AbortController().signal, run: g.run });
    await g.settle();
    expect([...g.open.keys()]).to.deep.equal(["a", "b"]);
    await g.finish("b");
    expect([...g.open.keys()]).to.deep.equal(["a", "c"]);
    expect(g.log).to.include("start c @1");
    await g.finish("a");
    expect(g.log).to.include("start d @0");
    await g.finish("c");
    await g.finish("d");
    expect(await done).to.deep.equal(["a done", "b done", "c done", "d done"]);
  });

  it("never overlaps two tasks that share a key (a datacenter), and lets a later task without one go first", async () => {
    const g = gated();
    const keys: Record<string, string[]> = { a: ["dc1", "dc2"], b: ["dc2"], c: ["dc3"] };
    const done = runPool(["a", "b", "c"].map((name) => ({ name })), { jobs: 3, keys: (t) => keys[t.name]!, stop: new AbortController().signal, run: g.run });
    await g.settle();
    expect([...g.open.keys()]).to.deep.equal(["a", "c"]);
    await g.finish("c");
    expect([...g.open.keys()]).to.deep.equal(["a"]);
    await g.finish("a");
    expect([...g.open.keys()]).to.deep.equal(["b"]);
    await g.finish("b");
    expect(await done).to.have.length(3);
  });

  it("starts nothing more once stopped (Ctrl-C), and waits for the tasks under way", async () => {
    const g = gated();
    const stop = new AbortController();
    const done = runPool(["a", "b", "c"].map((name) => ({ name })), { jobs: 2, keys: () => [], stop: stop.signal, run: g.run });
    await g.settle();
    stop.abort();
    await g.finish("a");
    expect([...g.open.keys()]).to.deep.equal(["b"]);
    await g.finish("b");
    expect(await done).to.deep.equal(["a done", "b done", undefined]);
  });

  it("rethrows a task's exception only after the others under way have finished", async () => {
    const finished: string[] = [];
    const run = async (t: { name: string }) => {
      if (t.name === "bad") throw new Error("boom");
      await new Promise((r) => setTimeout(r, 30));
      finished.push(t.name);
      return t.name;
    };
    let caught: unknown;
    try {
      await runPool(["slow", "bad", "never"].map((name) => ({ name })), { jobs: 2, keys: () => [], stop: new AbortController().signal, run });
    } catch (e) {
      caught = e;
    }
    expect((caught as Error).message).to.equal("boom");
    expect(finished).to.deep.equal(["slow"]);
  });
});
