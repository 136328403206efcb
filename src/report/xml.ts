/**
 * Just enough XML for the JUnit report: elements with attributes, CDATA text, indentation.
 * Everything from a journal passes through `attr` or `cdata`, so no name or message can end an
 * element early or carry a character XML 1.0 forbids.
 */

// XML 1.0 forbids most control characters even as references.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
export const xmlSafe = (text: string): string => text.replace(NOT_XML, "\uFFFD");

// Tabs and line ends as references: a parser would turn them into spaces in an attribute.
const ATTR: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;" };
const attr = (text: string): string => xmlSafe(text).replace(/[&<>"\t\n\r]/g, (c) => ATTR[c]!);

/** CDATA cannot hold its own terminator; split it so the text reads the same. */
const cdata = (text: string): string => `<![CDATA[${xmlSafe(text).replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;

export interface XmlElement {
  readonly name: string;
  readonly attrs?: Readonly<Record<string, string | number | undefined>>;
  readonly children?: readonly XmlElement[];
  /** Text content (written as CDATA); an element has children or text, not both. */
  readonly text?: string;
}

export const el = (name: string, attrs: XmlElement["attrs"] = {}, children: readonly XmlElement[] = [], text?: string): XmlElement => ({ name, attrs, children, ...(text !== undefined ? { text } : {}) });

function write(e: XmlElement, indent: string, lines: string[]): void {
  const attrs = Object.entries(e.attrs ?? {})
    .filter((a): a is [string, string | number] => a[1] !== undefined)
    .map(([k, v]) => ` ${k}="${attr(String(v))}"`)
    .join("");
  const children = e.children ?? [];
  if (e.text !== undefined && e.text !== "") lines.push(`${indent}<${e.name}${attrs}>${cdata(e.text)}</${e.name}>`);
  else if (children.length === 0) lines.push(`${indent}<${e.name}${attrs}/>`);
  else {
    lines.push(`${indent}<${e.name}${attrs}>`);
    for (const c of children) write(c, `${indent}  `, lines);
    lines.push(`${indent}</${e.name}>`);
  }
}

/** A whole document: the declaration, then the root element, indented two spaces a level. */
export function xmlDocument(root: XmlElement): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, "", lines);
  return `${lines.join("\n")}\n`;
}
