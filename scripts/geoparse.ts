/**
 * npm run -s geoparse -- --published YYYY-MM-DD FILE...
 * Prints one JSON object a line per file:
 *   {"file","toponyms":[{start,end,text,id,name,lat,lon}],"times":[{start,end,text,start_date,end_date,precision}]}
 * Offsets are UTF-16 code units into the file's text as decoded (a UTF-8 BOM is dropped).
 *   --bench   measure throughput (MB/s of text on this core) over the files, or the seed article, on stderr
 * Every file is read and checked before anything is printed: one bad file → a message naming it, exit 2.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { geoparse } from '../src/ingest/geoparse';
import { tagTimes } from '../src/ingest/times';
import { IngestInputError, checkPublished } from '../src/ingest/text';
import { fail, parseArgs, readArticleFile, stringFlag } from './ingest-lib/cli';
import { loadNodeGazetteer } from './ingest-lib/node-gazetteer';
import type { Gazetteer } from '../src/ingest/gazetteer';

export function geoparseRecord(file: string, text: string, published: string, gaz: Gazetteer): string {
  const toponyms = geoparse(text, gaz).map((t) => ({ start: t.start, end: t.end, text: t.text, id: t.id, name: t.name, lat: t.lat, lon: t.lon }));
  const times = tagTimes(text, published).map((t) => ({
    start: t.start,
    end: t.end,
    text: t.text,
    start_date: t.start_date,
    end_date: t.end_date,
    precision: t.precision,
  }));
  return JSON.stringify({ file, toponyms, times });
}

function bench(texts: string[], published: string, gaz: Gazetteer): void {
  const corpus = texts.join('\n\n');
  const bytes = Buffer.byteLength(corpus, 'utf8');
  const target = 20 * 1024 * 1024;
  // CPU time of this process, not wall time: the figure is per core and does not depend on what else the
  // machine is running.
  const run = (label: string, fn: (t: string) => void): void => {
    fn(corpus); // warm-up (JIT, regex compilation)
    let done = 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    while (done < target || performance.now() - t0 < 2000) {
      fn(corpus);
      done += bytes;
    }
    const c = process.cpuUsage(c0);
    const cpu = (c.user + c.system) / 1e6;
    const wall = (performance.now() - t0) / 1000;
    const mb = done / 1024 / 1024;
    process.stderr.write(
      `geoparse --bench: ${label}: ${mb.toFixed(1)} MB in ${cpu.toFixed(2)} s CPU = ${(mb / cpu).toFixed(2)} MB/s per core (wall ${wall.toFixed(2)} s = ${(mb / wall).toFixed(2)} MB/s)\n`,
    );
  };
  process.stderr.write(`geoparse --bench: corpus ${(bytes / 1024).toFixed(0)} KB (${texts.length} file(s)), one core\n`);
  run('toponyms', (t) => void geoparse(t, gaz));
  run('times', (t) => void tagTimes(t, published));
  run('toponyms + times', (t) => {
    geoparse(t, gaz);
    tagTimes(t, published);
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['published'], ['bench']);
  const published = checkPublished(stringFlag(args, 'published'));
  const isBench = args.flags.has('bench');
  let files = args.files;
  if (files.length === 0) {
    if (!isBench) throw new IngestInputError('no FILE given (usage: npm run -s geoparse -- --published YYYY-MM-DD FILE...)');
    files = [join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'articles', 'jihadists-syria-libya-afghanistan', 'article.txt')];
  }
  const texts = files.map((f) => readArticleFile(f));
  const gaz = await loadNodeGazetteer((m) => process.stderr.write(`geoparse: ${m}\n`));
  if (isBench) {
    bench(texts, published, gaz);
    return;
  }
  const lines = files.map((f, i) => geoparseRecord(f, texts[i]!, published, gaz));
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e: unknown) => fail(e, 'geoparse'));
}
