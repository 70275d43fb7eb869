import { describe, expect, it } from 'vitest';
import { GeoJSONSource } from 'maplibre-gl';
import { installSyncGeoJSONSend } from './sync-geojson-send';

interface Sent {
  type: string;
  data: Record<string, unknown>;
}

/** A source on MapLibre's own GeoJSONSource prototype (patched or not), with a recording actor. */
function fakeSource(proto: object) {
  const sent: Sent[] = [];
  const events: { type: string; dataType?: string }[] = [];
  const actor = {
    sendAsync: (message: Sent) => {
      sent.push(message);
      return Promise.resolve({});
    },
  };
  const source = Object.assign(Object.create(proto) as Record<string, unknown>, {
    type: 'geojson',
    id: 'claims',
    workerOptions: { source: 'claims', geojsonVtOptions: { buffer: 16, tolerance: 1 } },
    actorPromise: Promise.resolve(actor),
    fire: (e: { type: string; dataType?: string }) => events.push({ type: e.type, dataType: e.dataType }),
  });
  const send = (update: object) => (source['_sendWorkerUpdate'] as (u: object) => Promise<unknown>).call(source, update);
  return { sent, events, send };
}

const data = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [69, 37] }, properties: { n: 1 } }] };

describe('GeoJSON data sent to the worker in the task that sets it', () => {
  it('posts a GeoJSON object at once, with the message and event MapLibre itself sends', async () => {
    const patched = Object.create(GeoJSONSource.prototype) as object;
    expect(installSyncGeoJSONSend(patched)).toBe(true);

    const mine = fakeSource(patched);
    await mine.send({ data: { type: 'FeatureCollection', features: [] } }); // the first update learns the actor
    await Promise.resolve();
    mine.sent.length = 0;
    mine.events.length = 0;
    void mine.send({ data });
    // Posted before any microtask ran: React's render of the same store change cannot come first.
    expect(mine.sent).toHaveLength(1);

    const theirs = fakeSource(GeoJSONSource.prototype);
    await theirs.send({ data });
    expect(mine.sent).toEqual(theirs.sent);
    expect(mine.events).toEqual(theirs.events);
    expect(mine.events).toEqual([{ type: 'dataloading', dataType: 'source' }]);
  });

  it('leaves an update without GeoJSON data (here a diff) to MapLibre’s own, later send', async () => {
    const patched = Object.create(GeoJSONSource.prototype) as object;
    installSyncGeoJSONSend(patched);
    const mine = fakeSource(patched);
    await mine.send({ data });
    await Promise.resolve();
    mine.sent.length = 0;
    void mine.send({ diff: { removeAll: true } });
    expect(mine.sent).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 0));
    expect(mine.sent).toHaveLength(1);
    expect(mine.sent[0]!.data['dataDiff']).toEqual({ removeAll: true });
  });

  it('changes nothing on a source without the members it relies on', () => {
    const proto = { _sendWorkerUpdate: () => Promise.resolve() };
    expect(installSyncGeoJSONSend(proto)).toBe(false);
    expect(installSyncGeoJSONSend({})).toBe(false);
  });
});
