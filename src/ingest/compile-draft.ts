/**
 * Runs a draft through the data compiler (the same compileArticle as `npm run data`), dropping the claims
 * it refuses, so that what ingest writes or shows always compiles. Pure: the gazetteer is passed in.
 */
import { compileArticle } from '../data/compile';
import type { CompileError } from '../data/compile';
import type { Gazetteer as CompilerGazetteer } from '../data/gazetteer/types';
import type { ArticleBundle } from '../domain/types';
import { claimsToYaml } from './draft';
import type { Draft, DraftClaim } from './draft';

export interface CompiledDraft {
  /** null when not even one claim compiles (the compiler refuses a claims.yaml without claims). */
  bundle: ArticleBundle | null;
  claims: DraftClaim[];
  claimsYaml: string;
  dropped: { claim: DraftClaim; errors: CompileError[] }[];
  /** Errors that remain with the kept claims (meta.yaml problems): non-empty means nothing compiles. */
  errors: CompileError[];
}

export function compileDraft(slug: string, text: string, draft: Draft, gazetteer: CompilerGazetteer): CompiledDraft {
  const compile = (claims: DraftClaim[]) =>
    compileArticle({ slug, text, metaYamlText: draft.metaYaml, claimsYamlText: claimsToYaml(claims, slug), gazetteer });
  const all = compile(draft.claims);
  if ('bundle' in all) return { bundle: all.bundle, claims: draft.claims, claimsYaml: claimsToYaml(draft.claims, slug), dropped: [], errors: [] };
  // A problem outside claims.yaml (the metadata, the text) is not any claim's fault: report it as is.
  const claimsFile = all.errors.find((e) => /claims\.yaml$/.test(e.file))?.file;
  const other = all.errors.filter((e) => e.file !== claimsFile);
  if (other.length > 0) return { bundle: null, claims: [], claimsYaml: claimsToYaml([], slug), dropped: [], errors: other };

  // Find the guilty claims one by one (each with its counter-claim: a pair stands or falls together).
  const dropped: CompiledDraft['dropped'] = [];
  let kept: DraftClaim[] = [];
  for (const c of draft.claims) {
    const partner = c.counterClaim ? draft.claims.find((x) => x.id === c.counterClaim) : undefined;
    const r = compile(partner ? [c, partner] : [c]);
    if ('bundle' in r) kept.push(c);
    else dropped.push({ claim: c, errors: r.errors });
  }
  const ids = new Set(kept.map((c) => c.id));
  kept = kept.filter((c) => !c.counterClaim || ids.has(c.counterClaim));
  if (kept.length === 0) return { bundle: null, claims: [], claimsYaml: claimsToYaml([], slug), dropped, errors: [] };
  const final = compile(kept);
  return {
    bundle: 'bundle' in final ? final.bundle : null,
    claims: kept,
    claimsYaml: claimsToYaml(kept, slug),
    dropped,
    errors: 'errors' in final ? final.errors : [],
  };
}
