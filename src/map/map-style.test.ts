import { describe, expect, it } from 'vitest';
import {
  CLAIM_LAYER_IDS,
  PICK_TIERS,
  basemapLabelLayers,
  basemapStyle,
  claimLayersAboveLabels,
  claimLayersBelowLabels,
} from './map-style';

describe('map style', () => {
  const style = basemapStyle('http://localhost:5180/app/');

  it('has no glyphs or sprite server: labels use local fonts, icons are drawn in the page', () => {
    expect('glyphs' in style).toBe(false);
    expect('sprite' in style).toBe(false);
  });

  it('loads every basemap file from the app’s own origin and base path', () => {
    const urls = Object.values(style.sources).map((s) => (s as { data: string }).data);
    expect(urls.length).toBeGreaterThan(2);
    for (const url of urls) expect(url).toMatch(/^http:\/\/localhost:5180\/app\/basemap\/[a-z-]+\.json$/);
    expect(JSON.stringify([style, basemapLabelLayers, claimLayersAboveLabels])).not.toMatch(/https?:\/\/(?!localhost:5180)/);
  });

  it('names every claim layer claims-* and only those (the test contract)', () => {
    const all = [...style.layers, ...basemapLabelLayers, ...claimLayersBelowLabels, ...claimLayersAboveLabels];
    const claimLayers = all.filter((l) => 'source' in l && l.source === 'claims');
    expect(claimLayers.map((l) => l.id)).toEqual([...CLAIM_LAYER_IDS]);
    expect(all.filter((l) => l.id.startsWith('claims-')).length).toBe(claimLayers.length);
    expect(new Set(CLAIM_LAYER_IDS).size).toBe(CLAIM_LAYER_IDS.length);
  });

  it('picks only from layers that exist', () => {
    for (const id of PICK_TIERS.flat()) expect(CLAIM_LAYER_IDS).toContain(id);
  });
});
