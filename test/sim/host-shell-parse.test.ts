import { expect } from "chai";
import fc from "fast-check";
import type { Script, Word } from "../../src/sim/host/shell/ast.js";
import { parseScript } from "../../src/sim/host/shell/parse.js";
import { quoteWord } from "../../src/sim/host/shell/quote.js";
import { makeHost } from "./host-fixture.js";

/** The literal words of each simple command (parameters shown as `$NAME`, substitutions as `$(…)`). */
function words(script: Script): string[][] {
  const text = (w: Word) => w.map((p) => (p.kind === "text" ? p.text : p.kind === "param" ? `$${p.name}` : "$(…)")).join("");
  return script.items.flatMap((item) => [item.head, ...item.tail.map((t) => t.command)].map((c) => c.words.map(text)));
}

function parsed(text: string): Script {
  const r = parseScript(text);
  if (!r.ok) throw new Error(`unexpected syntax error ${JSON.stringify(r.error)}`);
  return r.script;
}

/** Any UTF-16 text, lone surrogates included (fast-check's "binary" unit is slow to sample). */
const anyText = () => fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((codes) => String.fromCharCode(...codes));

describe("sim host: shell parser", () => {
  const cases: readonly [string, string[][]][] = [
    [`echo a  b\tc`, [["echo", "a", "b", "c"]]],
    [`echo 'a b' "c d" e\\ f`, [["echo", "a b", "c d", "e f"]]],
    [`echo 'it'\\''s'`, [["echo", "it's"]]],
    [`echo "a\\"b" 'c\\d' "\\$x" "\\\\" "a\\b"`, [["echo", 'a"b', "c\\d", "$x", "\\", "a\\b"]]],
    [`echo a#b # comment`, [["echo", "a#b"]]],
    [`echo a; echo b && echo c || echo d`, [["echo", "a"], ["echo", "b"], ["echo", "c"], ["echo", "d"]]],
    [`echo "x;y" 'a&&b'`, [["echo", "x;y", "a&&b"]]],
    [`iptables -A INPUT -m comment --comment "xdc fault 7" -j DROP`, [["iptables", "-A", "INPUT", "-m", "comment", "--comment", "xdc fault 7", "-j", "DROP"]]],
    [`sh -c 'iptables -F; iptables -X'`, [["sh", "-c", "iptables -F; iptables -X"]]],
    [`echo a\\\nb`, [["echo", "ab"]]],
    [`echo $HOME "\${USER}x" $? $!`, [["echo", "$HOME", "$USERx", "$?", "$!"]]],
    [`echo ""`, [["echo", ""]]],
  ];
  for (const [text, expected] of cases) {
    it(`reads ${JSON.stringify(text)}`, () => expect(words(parsed(text))).to.deep.equal(expected));
  }

  it("reads redirections and the background marker", () => {
    const script = parsed("nohup stress-ng --cpu 2 --timeout 60s >/dev/null 2>&1 &\necho $!");
    const first = script.items[0]!;
    expect(first.background).to.equal(true);
    expect(first.head.redirects.map((r) => [r.fd, r.op])).to.deep.equal([[1, ">"], [2, ">&"]]);
    expect(script.items[1]!.background).to.equal(false);
    expect(script.items[1]!.head.line).to.equal(2);
  });

  const errors: readonly [string, object][] = [
    [`echo 'open`, { kind: "unterminated", quote: "'", line: 1 }],
    [`echo "open`, { kind: "unterminated", quote: '"', line: 1 }],
    [`echo $(true`, { kind: "unterminated", quote: ")", line: 2 }],
    [`echo a ;; b`, { kind: "token", token: ";;", line: 1 }],
    [`&& x`, { kind: "token", token: "&&", line: 1 }],
    [`echo a &&`, { kind: "eof", line: 2 }],
    [`echo a >`, { kind: "token", token: "newline", line: 1 }],
    [`echo a & ; echo b`, { kind: "token", token: ";", line: 1 }],
    [`ps aux | grep x`, { kind: "unsupported", what: "|", line: 1 }],
    [`if true; then echo; fi`, { kind: "unsupported", what: "if", line: 1 }],
    [`echo \`date\``, { kind: "unsupported", what: "`", line: 1 }],
    [`(echo a)`, { kind: "unsupported", what: "(", line: 1 }],
  ];
  for (const [text, error] of errors) {
    it(`refuses ${JSON.stringify(text)}`, () => {
      const r = parseScript(text);
      expect(r.ok).to.equal(false);
      if (!r.ok) expect(r.error).to.deep.equal(error);
    });
  }

  it("words syntax errors as bash -c does over sshd", async () => {
    const { run } = makeHost();
    expect(await run("echo a ;; b")).to.deep.equal({
      code: 2,
      stdout: "",
      stderr: "bash: -c: line 1: syntax error near unexpected token `;;'\nbash: -c: line 1: `echo a ;; b'\n",
    });
    expect(await run(`echo "open`)).to.deep.equal({ code: 2, stdout: "", stderr: "bash: -c: line 1: unexpected EOF while looking for matching `\"'\n" });
    expect(await run("echo a &&")).to.deep.equal({ code: 2, stdout: "", stderr: "bash: -c: line 2: syntax error: unexpected end of file\n" });
    expect(await run("sh -c 'echo a;;'")).to.deep.equal({ code: 2, stdout: "", stderr: 'sh: 1: Syntax error: ";;" unexpected\n' });
  });

  it("never throws, whatever the input", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."ab $'\"\\;&|()<>#{}`\n\t12!?=*") }), (text) => {
        const r = parseScript(text);
        expect(typeof r.ok).to.equal("boolean");
      }),
      { numRuns: 500 },
    );
    fc.assert(fc.property(anyText(), (text) => void parseScript(text)), { numRuns: 300 });
  });

  it("gives back any word quoted with single quotes", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: fc.constantFrom(..."'\"\\$`;&|()<> \t\n#*?!{}a") }), anyText()), (word) => {
        const script = parsed(`cmd ${quoteWord(word)}`);
        expect(words(script)).to.deep.equal([["cmd", word]]);
      }),
      { numRuns: 500 },
    );
  });

  it("runs a quoted word through the shell unchanged", async () => {
    const { run } = makeHost();
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: fc.constantFrom(..."a'\"\\$ ;&|()`*#\n") }), async (word) => {
        const r = await run(`echo -n ${quoteWord(word)}`);
        expect(r.stdout).to.equal(word);
      }),
      { numRuns: 100 },
    );
  });
});
