import { useAppState } from '../store/react';

/**
 * What the map leaves out at this zoom, said on the map: below the detail zoom a dense bundle draws only
 * its biggest flow routes as arcs and counts the smaller ones in a ring where they start
 * (src/map/flow-aggregates.ts). A reader who cannot trace a route to an arc is told where it went.
 */
export function RouteNote() {
  const folding = useAppState((s) => s.flowFolding);
  const zoom = useAppState((s) => s.view?.zoom ?? null);
  if (!folding || zoom === null) return null;
  // Tile zoom z is drawn from map zoom z to z + 1 (512-px tiles).
  const band = Math.floor(zoom);
  const folded = folding.folded[band] ?? 0;
  if (folded === 0) return null;
  const n = (x: number) => x.toLocaleString('en');
  return (
    <p className="route-note" data-testid="route-note">
      Arcs show the {n(folding.drawn[band] ?? 0)} routes with {n(folding.minClaims[band] ?? 1)}+ claims. {n(folded)} smaller{' '}
      {folded === 1 ? 'route is' : 'routes are'} counted in the ring where they start; zoom in to draw them.
    </p>
  );
}
