/**
 * Fenced ```xdc blocks of a Markdown page. The info string says what the block must do:
 *
 *     ```xdc                  checks clean
 *     ```xdc error=XDC4001    produces that code (several: error=XDC4001,XDC2001)
 *     ```xdc fragment         a piece of a file: it is only lexed
 */
export interface XdcBlock {
  /** 1-based line of the block's first line of code in the page. */
  readonly line: number;
  readonly text: string;
  readonly fragment: boolean;
  readonly errors: readonly string[];
}

const OPEN = /^ {0,3}(`{3,}|~{3,})\s*xdc(?:\s+(.*))?$/;

export function xdcBlocks(markdown: string): XdcBlock[] {
  const lines = markdown.split("\n");
  const blocks: XdcBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN.exec(lines[i]!.replace(/\r$/, ""));
    if (!open) continue;
    const fence = open[1]!;
    const info = (open[2] ?? "").trim().split(/\s+/).filter((w) => w !== "");
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !isClose(lines[j]!, fence); j++) body.push(lines[j]!);
    blocks.push({
      line: i + 2,
      text: body.join("\n") + "\n",
      fragment: info.includes("fragment"),
      errors: info.flatMap((w) => (w.startsWith("error=") ? w.slice("error=".length).split(",") : [])),
    });
    i = j;
  }
  return blocks;
}

const isClose = (line: string, fence: string) => {
  const t = line.replace(/\r$/, "").trim();
  return t.startsWith(fence) && t.replace(new RegExp(`^\\${fence[0]}+`), "") === "" && t.length >= fence.length;
};
