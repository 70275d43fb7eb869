/**
 * Argument parsing and file reading shared by scripts/geoparse.ts, scripts/ingest.ts and scripts/eval.ts.
 * Errors are thrown as IngestInputError with a message naming the file or flag; the entry points print
 * them and exit 1.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { IngestInputError, MAX_INPUT_BYTES, decodeArticle } from '../../src/ingest/text';

export interface ParsedArgs {
  flags: Map<string, string | true>;
  files: string[];
}

/** `--name value`, `--name=value`, boolean `--name`; everything else is a file. */
export function parseArgs(argv: readonly string[], valueFlags: readonly string[], boolFlags: readonly string[]): ParsedArgs {
  const flags = new Map<string, string | true>();
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--')) {
      files.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    if (valueFlags.includes(name)) {
      const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new IngestInputError(`--${name} needs a value`);
      flags.set(name, value);
    } else if (boolFlags.includes(name)) {
      if (eq >= 0) throw new IngestInputError(`--${name} takes no value`);
      flags.set(name, true);
    } else {
      throw new IngestInputError(`unknown flag --${name} (known: ${[...valueFlags, ...boolFlags].map((f) => `--${f}`).join(', ')})`);
    }
  }
  return { flags, files };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** Reads and decodes an article file, refusing a missing file, a directory, an oversized or non-UTF-8 file
 *  before reading more than the limit. */
export function readArticleFile(path: string): string {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new IngestInputError(`${path}: is a directory, not an article file`);
    size = st.size;
  } catch (e) {
    if (e instanceof IngestInputError) throw e;
    throw new IngestInputError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (size > MAX_INPUT_BYTES) {
    throw new IngestInputError(`${path}: ${(size / 1024 / 1024).toFixed(1)} MB is over the ${MAX_INPUT_BYTES / 1024 / 1024} MB limit for one article`);
  }
  const buf = Buffer.alloc(size);
  const fd = openSync(path, 'r');
  try {
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
  } finally {
    closeSync(fd);
  }
  return decodeArticle(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), path);
}

export function fail(err: unknown, script: string): never {
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`${script}: ${msg}\n`);
  process.exit(err instanceof IngestInputError ? 2 : 1);
}
