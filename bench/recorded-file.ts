// The recorded file of the recorded-data benchmark: JSON lines of orders, written with the
// stream's back-pressure (never more than its buffer in memory), to any size.
import { createWriteStream } from "node:fs";
import { once } from "node:events";

export const ORDER_SCHEMA = { orderId: "rstring", customer: "rstring", qty: "int32", price: "float64", express: "boolean", placedAt: "timestamp" } as const;

const CUSTOMERS = ["acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "wonka"];
const BASE = Date.parse("2026-03-02T09:00:00.000Z");

/** Row `i` as a line: about 200 bytes with its note. */
export function orderLine(i: number): string {
  return `${JSON.stringify({
    orderId: `ORD-${String(i).padStart(10, "0")}`,
    customer: CUSTOMERS[i % CUSTOMERS.length],
    qty: 1 + (i % 12),
    price: Math.round(450 + (i % 20_000)) / 100,
    express: i % 5 === 0,
    placedAt: new Date(BASE + i).toISOString(),
    note: "recorded order, replayed by the xdc benchmark".padEnd(70, "."),
  })}\n`;
}

/** Writes rows until the file holds `bytes`; the number of rows. */
export async function writeOrders(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  let written = 0;
  let rows = 0;
  while (written < bytes) {
    // 1 000 rows per write: few calls, and a chunk the stream's buffer takes at once.
    let chunk = "";
    for (let k = 0; k < 1_000; k++) chunk += orderLine(rows++);
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return rows;
}
