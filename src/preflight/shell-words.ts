/**
 * The programs a command line runs, as a POSIX shell would find them: the first word of each
 * simple command (after `&&`, `||`, `;`, `|`, `&`), looking through `sudo -n` and `nohup`, which
 * run the word after them. Quoting is honoured, so a quoted pattern (`pgrep -f -x 'stress-ng …'`)
 * is never taken for a command. Only for the lines xdc's own fault builders write.
 */
export interface ProgramUse {
  readonly program: string;
  /** Run through `sudo -n`: it needs a sudo rule. */
  readonly sudo: boolean;
}

const SEPARATORS = new Set(["&&", "||", ";", "|", "&"]);
/** Words that run the word after them (their own options skipped). */
const WRAPPERS: Readonly<Record<string, RegExp>> = { sudo: /^-/, nohup: /^--$/ };

/** Shell words and separators of a line; quotes removed, redirections dropped. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  const end = () => {
    if (inWord && !/^\d*[<>]/.test(word)) words.push(word);
    word = "";
    inWord = false;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const close = line.indexOf("'", i + 1);
      word += line.slice(i + 1, close < 0 ? line.length : close);
      inWord = true;
      i = close < 0 ? line.length : close;
    } else if (c === '"') {
      const close = line.indexOf('"', i + 1);
      word += line.slice(i + 1, close < 0 ? line.length : close);
      inWord = true;
      i = close < 0 ? line.length : close;
    } else if (c === "\\" && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (c === " " || c === "\t" || c === "\n") {
      end();
    } else if ((c === "&" || c === "|" || c === ";") && !(c === "&" && /[<>]$/.test(word))) {
      end();
      const two = line.slice(i, i + 2);
      const sep = two === "&&" || two === "||" ? two : c;
      words.push(sep);
      i += sep.length - 1;
    } else {
      word += c;
      inWord = true;
    }
  }
  end();
  return words;
}

/** Every program a line runs, in order, with whether it runs under sudo. */
export function programsOf(line: string): ProgramUse[] {
  const uses: ProgramUse[] = [];
  let start = true;
  let sudo = false;
  let skip: RegExp | undefined;
  for (const w of shellWords(line)) {
    if (SEPARATORS.has(w)) {
      start = true;
      sudo = false;
      skip = undefined;
      continue;
    }
    if (!start) continue;
    if (skip?.test(w)) continue;
    const wrapper = WRAPPERS[w];
    if (wrapper) {
      if (w === "sudo") sudo = true;
      skip = wrapper;
      continue;
    }
    uses.push({ program: w, sudo });
    start = false;
  }
  return uses;
}
