/**
 * GeoJSON data goes to MapLibre's worker in the task that sets it.
 *
 * `GeoJSONSource.setData` posts the data to MapLibre's worker only after two `await`s (the parameters, then
 * the actor), so the post is a microtask that runs after whatever microtasks the same task queued first.
 * When a bundle arrives, one store change reaches both the map and React, and React renders in a microtask
 * of its own: the new timeline, claim list and reader (~0.1 s at 10k claims, plus the layout it forces).
 * So MapLibre's worker waited for React before it could tile the claims, and the page waited for the worker.
 * Posting in the task lets the worker tile while React renders. In a traced 10k cold load the worker got the
 * claims ~0.3 s into the page's ~0.8 s bundle task instead of ~0.7 s in. The load's wall time moves by less
 * than this machine's noise: over two interleaved sets of 10k loads (6 and 4 each) the time from the last
 * article to the complete map went 2.53 → 2.33 s and 2.31 → 2.37 s (medians), 2.45 → 2.35 s on average.
 *
 * This replaces the source's private `_sendWorkerUpdate` for an update that carries a GeoJSON object (not
 * a URL, not a diff) once the source's actor is known, by the same steps done at once: the same
 * `dataloading` event, the same parameters (`_getLoadGeoJSONParameters`), the same message. Anything else,
 * or a MapLibre whose source lacks these members, goes the original way.
 */
import { Event } from 'maplibre-gl';

/** The members of MapLibre's GeoJSONSource (6.x) this relies on. */
interface SourceInternals {
  type: string;
  id: string;
  workerOptions?: object;
  actorPromise: Promise<{ sendAsync: (message: { type: string; data: object }) => Promise<unknown> }>;
  fire: (event: Event) => unknown;
  _getCRSParameters: () => object | undefined;
  _sendWorkerUpdate: (update: object) => Promise<unknown>;
  /** The resolved actor, set by this module. */
  _claimAtlasActor?: Awaited<SourceInternals['actorPromise']>;
}

/**
 * Installs the synchronous send on `proto` (GeoJSONSource.prototype). Returns false, changing nothing, when
 * the prototype does not have the members it needs.
 */
export function installSyncGeoJSONSend(proto: object): boolean {
  const p = proto as Partial<SourceInternals> & { _getLoadGeoJSONParameters?: unknown };
  const original = p._sendWorkerUpdate;
  if (typeof original !== 'function' || typeof p._getCRSParameters !== 'function' || typeof p._getLoadGeoJSONParameters !== 'function') return false;
  p._sendWorkerUpdate = function (this: SourceInternals, update: object): Promise<unknown> {
    const actor = this._claimAtlasActor;
    if (!actor) {
      // The first update of a source (its initial data) goes the original way; the actor is kept for the next.
      void this.actorPromise.then((a) => (this._claimAtlasActor = a));
    } else if ('data' in update && typeof update.data === 'object' && update.data !== null) {
      this.fire(new Event('dataloading', { dataType: 'source' }));
      const params: Record<string, unknown> = { type: this.type, source: this.id, ...this.workerOptions };
      const crs = this._getCRSParameters();
      if (crs) params['crs'] = crs;
      params['data'] = update.data;
      return actor.sendAsync({ type: 'LD', data: params });
    }
    return original.call(this, update);
  };
  return true;
}
