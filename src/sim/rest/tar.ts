import { gzipSync } from "node:zlib";

export interface TarFile {
  readonly name: string;
  readonly data: Buffer;
  readonly mtimeMs: number;
}

const BLOCK = 512;

/**
 * A gzipped ustar archive of regular files: what `…/applicationlogtrace` answers to a client
 * that asks for `application/x-compressed`, as a real instance sends its trace files.
 * Hand-written rather than tar-stream: routes answer synchronously, tar-stream only streams.
 * test/sim/codecs.test.ts pins the tar bytes and has GNU tar list and extract them.
 */
export function tarGz(files: readonly TarFile[]): Buffer {
  const parts: Buffer[] = [];
  for (const file of files) {
    parts.push(header(file));
    parts.push(file.data);
    const pad = (BLOCK - (file.data.length % BLOCK)) % BLOCK;
    if (pad > 0) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return gzipSync(Buffer.concat(parts));
}

function header(file: TarFile): Buffer {
  const h = Buffer.alloc(BLOCK);
  const put = (value: string, at: number, width: number) => h.write(value.slice(0, width), at, width, "utf8");
  const octal = (n: number, at: number, width: number) => put(`${Math.floor(n).toString(8).padStart(width - 1, "0")}\0`, at, width);
  put(file.name, 0, 100);
  octal(0o644, 100, 8);
  octal(0, 108, 8);
  octal(0, 116, 8);
  octal(file.data.length, 124, 12);
  octal(file.mtimeMs / 1000, 136, 12);
  h.fill(" ", 148, 156); // the checksum counts its own field as spaces
  put("0", 156, 1);
  put("ustar\0", 257, 6);
  put("00", 263, 2);
  put("streams", 265, 32);
  put("streams", 297, 32);
  let sum = 0;
  for (const byte of h) sum += byte;
  put(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8);
  return h;
}
