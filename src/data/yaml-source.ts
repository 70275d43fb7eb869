/**
 * Reading hand-edited YAML with positions: every value is checked against its node so an error can
 * name the exact file:line:col. Browser-safe (no fs).
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';

export interface CompileError {
  file: string;
  line: number; // 1-based
  col: number; // 1-based
  field: string; // "claims[3].quote", "" for the whole file
  problem: string;
}

export function formatError(e: CompileError): string {
  return `${e.file}:${e.line}:${e.col} — ${e.field ? `${e.field}: ` : ''}${e.problem}`;
}

/** Errors sorted by file, then position, then field: stable output whatever order checks ran in. */
export function sortErrors(errors: CompileError[]): CompileError[] {
  return [...errors].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.col - b.col || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0),
  );
}

/** One YAML file being read: positions, and the errors found in it. */
export class YamlSource {
  readonly lineCounter = new LineCounter();
  readonly doc: Document.Parsed;
  readonly errors: CompileError[] = [];

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
    // Only the first syntax error is reported: the parser's later errors are nearly always knock-on
    // effects of it (one unclosed bracket yields three or four messages).
    const first = [...this.doc.errors].sort((a, b) => a.pos[0] - b.pos[0])[0];
    if (first) {
      const pos = this.lineCounter.linePos(first.pos[0]);
      this.errors.push({ file, line: pos.line, col: pos.col, field: '', problem: yamlProblem(first.code, first.message) });
    }
    // A file cut off mid-way often still parses (the last value simply ends early); the missing final
    // newline is the tell-tale sign every editor and our own writers leave.
    if (this.errors.length === 0 && text.length > 0 && !text.endsWith('\n')) {
      const pos = this.lineCounter.linePos(text.length);
      this.errors.push({ file, line: pos.line, col: pos.col, field: '', problem: 'file does not end with a newline: truncated?' });
    }
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }

  pos(node: Node | null | undefined): { line: number; col: number } {
    const offset = node?.range?.[0] ?? 0;
    return this.lineCounter.linePos(offset);
  }

  error(node: Node | null | undefined, field: string, problem: string): void {
    const { line, col } = this.pos(node);
    this.errors.push({ file: this.file, line, col, field, problem });
  }
}

function yamlProblem(code: string, message: string): string {
  // The yaml package's messages end with a code frame or position; keep the first sentence.
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
  return `invalid YAML (${code}): ${first}`;
}

export type FieldCheck<T> = { ok: true; value: T } | { ok: false };

/**
 * Typed, position-aware access to one YAML mapping. Each getter records an error (with the node's
 * position and the field path) and returns undefined when the value is missing or of the wrong type.
 */
export class MapReader {
  readonly seen = new Set<string>();

  constructor(
    readonly src: YamlSource,
    readonly node: YAMLMap,
    readonly path: string,
  ) {}

  static of(src: YamlSource, node: unknown, path: string): MapReader | null {
    if (!isMap(node)) {
      src.error(node as Node | null, path, `must be a mapping (key: value lines), got ${describe(node)}`);
      return null;
    }
    return new MapReader(src, node, path);
  }

  field(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  pair(key: string): Pair<unknown, unknown> | undefined {
    this.seen.add(key);
    return this.node.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<unknown, unknown> | undefined;
  }

  has(key: string): boolean {
    return this.pair(key) !== undefined;
  }

  /** The value node, or undefined when absent (records "missing" when required). */
  valueNode(key: string, required: boolean): Node | null | undefined {
    const p = this.pair(key);
    if (!p) {
      if (required) this.src.error(this.node, this.field(key), 'missing (required)');
      return undefined;
    }
    // "key:" with nothing after it parses as a null Scalar; a bare "? key" has no value node at all.
    return (p.value as Node | null) ?? null;
  }

  nodeFor(key: string): Node {
    const p = this.pair(key);
    return ((p?.value as Node | null) ?? (p?.key as Node | null) ?? this.node) as Node;
  }

  private scalar(key: string, required: boolean): { node: Node; value: unknown } | undefined {
    const n = this.valueNode(key, required);
    if (n === undefined) return undefined;
    if (n === null) return { node: this.node, value: null };
    if (isScalar(n)) return { node: n, value: n.value };
    return { node: n, value: n };
  }

  string(key: string, opts: { required?: boolean; nullable?: boolean; pattern?: RegExp; patternHint?: string } = {}): string | null | undefined {
    const s = this.scalar(key, opts.required ?? true);
    if (!s) return undefined;
    if (s.value === null) {
      if (opts.nullable) return null;
      this.src.error(s.node, this.field(key), 'must not be empty');
      return undefined;
    }
    if (typeof s.value !== 'string') {
      this.src.error(s.node, this.field(key), `must be text, got ${describe(s.value)}`);
      return undefined;
    }
    if (s.value.trim() === '') {
      this.src.error(s.node, this.field(key), 'must not be empty');
      return undefined;
    }
    if (opts.pattern && !opts.pattern.test(s.value)) {
      this.src.error(s.node, this.field(key), `${JSON.stringify(s.value)} ${opts.patternHint ?? `does not match ${String(opts.pattern)}`}`);
      return undefined;
    }
    return s.value;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], opts: { required?: boolean; nullable?: boolean } = {}): T | null | undefined {
    const s = this.scalar(key, opts.required ?? true);
    if (!s) return undefined;
    if (s.value === null && opts.nullable) return null;
    if (typeof s.value !== 'string' || !(allowed as readonly string[]).includes(s.value)) {
      this.src.error(s.node, this.field(key), `${describeValue(s.value)} is not one of: ${allowed.join(', ')}`);
      return undefined;
    }
    return s.value as T;
  }

  number(key: string, opts: { required?: boolean; integer?: boolean; min?: number; max?: number } = {}): number | undefined {
    const s = this.scalar(key, opts.required ?? true);
    if (!s) return undefined;
    const v = s.value;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.src.error(s.node, this.field(key), `must be a number, got ${describe(v)}`);
      return undefined;
    }
    if (opts.integer && !Number.isInteger(v)) {
      this.src.error(s.node, this.field(key), `must be a whole number, got ${v}`);
      return undefined;
    }
    if ((opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max)) {
      this.src.error(s.node, this.field(key), `must be between ${opts.min ?? '-∞'} and ${opts.max ?? '∞'}, got ${v}`);
      return undefined;
    }
    return v;
  }

  boolean(key: string, opts: { required?: boolean } = {}): boolean | undefined {
    const s = this.scalar(key, opts.required ?? true);
    if (!s) return undefined;
    if (typeof s.value !== 'boolean') {
      this.src.error(s.node, this.field(key), `must be true or false, got ${describe(s.value)}`);
      return undefined;
    }
    return s.value;
  }

  /**
   * A calendar date. YAML 1.2 reads 2021-07-28 as text; a YAML 1.1 timestamp arrives as a Date and is
   * taken at its UTC calendar date.
   */
  date(key: string, opts: { required?: boolean } = {}): { value: string; node: Node } | undefined {
    const s = this.scalar(key, opts.required ?? true);
    if (!s) return undefined;
    let v = s.value;
    if (v instanceof Date && !Number.isNaN(v.getTime())) v = v.toISOString().slice(0, 10);
    if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) {
      this.src.error(s.node, this.field(key), `must be a date YYYY-MM-DD, got ${describeValue(s.value)}`);
      return undefined;
    }
    return { value: v, node: s.node };
  }

  stringList(key: string, opts: { required?: boolean } = {}): string[] | undefined {
    const n = this.valueNode(key, opts.required ?? true);
    if (n === undefined) return undefined;
    if (n === null || (isScalar(n) && n.value === null)) {
      this.src.error(n ?? this.node, this.field(key), 'must be a list (use [] for none)');
      return undefined;
    }
    if (!isSeq(n)) {
      this.src.error(n, this.field(key), `must be a list, got ${describe(isScalar(n) ? n.value : n)}`);
      return undefined;
    }
    const out: string[] = [];
    let ok = true;
    (n as YAMLSeq).items.forEach((item, i) => {
      const v = isScalar(item) ? item.value : item;
      if (typeof v !== 'string' || v.trim() === '') {
        this.src.error(item as Node, `${this.field(key)}[${i}]`, `must be non-empty text, got ${describe(v)}`);
        ok = false;
      } else out.push(v);
    });
    return ok ? out : undefined;
  }

  /** Records an error for every key not read by the checks so far (typos like "qoute"). */
  rejectUnknownKeys(): void {
    for (const p of this.node.items) {
      const k = isScalar(p.key) ? p.key.value : null;
      if (typeof k !== 'string' || !this.seen.has(k)) {
        this.src.error(p.key as Node, this.field(String(k)), `unknown field (allowed: ${[...this.seen].join(', ')})`);
      }
    }
  }
}

export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (isMap(v)) return 'a mapping';
  if (isSeq(v)) return 'a list';
  if (typeof v === 'string') return `text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return `${v}`;
  if (v instanceof Date) return 'a timestamp';
  return typeof v;
}

function describeValue(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : describe(v);
}
