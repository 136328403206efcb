/**
 * A unified diff of two texts, line by line, as `diff -u` and `git diff` print it, for
 * `xdc fmt --check`. Lines are matched by Myers' algorithm (O((N+M)·D), D the number of lines
 * that differ), so a large file with a few changes costs little.
 */

type Op = { readonly kind: " " | "-" | "+"; readonly text: string };

const CONTEXT = 3;

/** The diff of `before` to `after`, with headers naming both; "" when they are equal. */
export function unifiedDiff(before: string, after: string, names: { readonly from: string; readonly to: string }): string {
  if (before === after) return "";
  const a = lines(before);
  const b = lines(after);
  const ops = myers(a, b);
  const hunks = group(ops);
  const out = [`--- ${names.from}`, `+++ ${names.to}`];
  for (const h of hunks) out.push(...h);
  return `${out.join("\n")}\n`;
}

/** Lines without their ends; a last line without a newline is marked as diff marks it. */
function lines(text: string): string[] {
  if (text === "") return [];
  const ls = text.split("\n");
  if (ls[ls.length - 1] === "") ls.pop();
  else ls[ls.length - 1] += "\n\\ No newline at end of file";
  return ls;
}

/** The shortest edit script from a to b. */
function myers(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
    v = next;
  }
  trace.push(v);
  // Walk back from the end through the saved frontiers.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0; d--) {
    const frontier = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && frontier[offset + k - 1]! < frontier[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : frontier[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY && x > 0 && y > 0 && a[x - 1] === b[y - 1]) {
      ops.push({ kind: " ", text: a[--x]! });
      y--;
    }
    if (d === 0) break;
    if (x === prevX) ops.push({ kind: "+", text: b[--y]! });
    else ops.push({ kind: "-", text: a[--x]! });
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: " ", text: a[--x]! });
    y--;
  }
  return ops.reverse();
}

/** The edit script cut into hunks of changes with three lines of context around each. */
function group(ops: readonly Op[]): string[][] {
  const hunks: string[][] = [];
  let i = 0;
  let lineA = 1;
  let lineB = 1;
  const changed = (j: number) => ops[j] !== undefined && ops[j]!.kind !== " ";
  while (i < ops.length) {
    if (!changed(i)) {
      i++;
      lineA++;
      lineB++;
      continue;
    }
    // A hunk: from CONTEXT lines before this change to CONTEXT after the last change within reach.
    const start = Math.max(0, i - CONTEXT);
    let end = i;
    for (let j = i; j < ops.length; j++) {
      if (changed(j)) end = j;
      else if (j - end > 2 * CONTEXT) break;
    }
    const stop = Math.min(ops.length, end + CONTEXT + 1);
    const before = i - start;
    const fromA = lineA - before;
    const fromB = lineB - before;
    const body: string[] = [];
    let countA = 0;
    let countB = 0;
    for (let j = start; j < stop; j++) {
      const op = ops[j]!;
      body.push(`${op.kind}${op.text}`);
      if (op.kind !== "+") countA++;
      if (op.kind !== "-") countB++;
    }
    const range = (from: number, count: number) => (count === 1 ? `${from}` : `${count === 0 ? from - 1 : from},${count}`);
    hunks.push([`@@ -${range(fromA, countA)} +${range(fromB, countB)} @@`, ...body]);
    for (let j = i; j < stop; j++) {
      if (ops[j]!.kind !== "+") lineA++;
      if (ops[j]!.kind !== "-") lineB++;
    }
    i = stop;
  }
  return hunks;
}
