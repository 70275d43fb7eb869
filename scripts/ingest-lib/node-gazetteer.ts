/**
 * Node access to the gazetteer asset: reads public/gazetteer/gazetteer.json, building it first when it is
 * missing (a clean checkout that has not run `npm run assets`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { buildGazetteer } from '../../src/ingest/gazetteer';
import type { Gazetteer } from '../../src/ingest/gazetteer';
import { isGazetteerAsset } from '../../src/ingest/gazetteer-asset';
import { GAZETTEER_OUT, build } from '../assets/gazetteer';

let cached: Gazetteer | null = null;

export async function loadNodeGazetteer(onProgress?: (msg: string) => void): Promise<Gazetteer> {
  if (cached) return cached;
  if (!existsSync(GAZETTEER_OUT)) {
    onProgress?.('gazetteer asset missing: building it (npm run assets does this too)…');
    onProgress?.(await build());
  }
  const json = JSON.parse(readFileSync(GAZETTEER_OUT, 'utf8')) as unknown;
  if (!isGazetteerAsset(json)) {
    throw new Error(`${GAZETTEER_OUT}: not a gazetteer asset of this version; run npm run assets`);
  }
  cached = buildGazetteer(json);
  return cached;
}
