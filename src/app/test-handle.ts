/**
 * `window.claimAtlas`: a small, documented handle for browser tests and the benchmark (see
 * README-test-handle.md). Read-only use is intended; it is installed in every build because the e2e suite
 * drives the production build.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { ClaimMap } from '../map/claim-map';
import type { AppStore } from '../store/app-store';
import { getVisibleClaimIds, getVisibleSignature } from '../store/selectors';

export interface ClaimAtlasHandle {
  readonly version: 1;
  /** The MapLibre map, or null when the browser cannot draw one (no WebGL). */
  readonly map: MapLibreMap | null;
  readonly store: AppStore;
  /** Ids of the claims passing the filters and the time window, in article order. */
  getVisibleClaimIds(): string[];
  /** The same set's count and first and last ids (`"count:first:last"`), without building a list of them. */
  visibleSignature(): string;
  /** Resolves once the map has drawn the current state (immediately when there is no map). */
  whenMapIdle(): Promise<void>;
}

declare global {
  interface Window {
    claimAtlas?: ClaimAtlasHandle;
  }
}

export function installTestHandle(store: AppStore): { setMap(map: ClaimMap | null): void } {
  let current: ClaimMap | null = null;
  const handle: ClaimAtlasHandle = {
    version: 1,
    get map() {
      return current?.map ?? null;
    },
    store,
    getVisibleClaimIds: () => [...getVisibleClaimIds(store.getState())],
    visibleSignature: () => getVisibleSignature(store.getState()),
    whenMapIdle: () => (current ? current.whenIdle() : Promise.resolve()),
  };
  window.claimAtlas = handle;
  return {
    setMap(map) {
      current = map;
    },
  };
}
