import { useEffect, useRef } from 'react';
import { ClaimMap } from '../map/claim-map';
import { useAppState, useAppStore } from '../store/react';
import { Chooser } from './Chooser';
import { RouteNote } from './RouteNote';

interface Props {
  /** Receives the map owner once created (null when the browser cannot draw it) and null on unmount. */
  onMap?: (map: ClaimMap | null) => void;
  styleUrl?: string | undefined;
  children?: React.ReactNode;
}

/** The map's place in the page. The map itself lives in src/map; this mounts it once and shows its state. */
export function MapView({ onMap, styleUrl, children }: Props) {
  const store = useAppStore();
  const container = useRef<HTMLDivElement>(null);
  const status = useAppState((s) => s.mapStatus);
  const message = useAppState((s) => s.mapMessage);
  const onMapRef = useRef(onMap);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const notify = onMapRef.current;
    const map = ClaimMap.create(el, store, { styleUrl, baseUrl: document.baseURI });
    notify?.(map);
    return () => {
      notify?.(null);
      map?.destroy();
    };
  }, [store, styleUrl]);

  return (
    <section className="map-area" aria-label="Map">
      <div ref={container} className="map-canvas" data-testid="map" />
      {status === 'unavailable' && (
        <div className="map-message-area">
          <div className="map-message" data-testid="map-message" role="status">
            <strong>The map cannot be drawn.</strong>
            <span>{message ?? 'This browser cannot draw the map.'}</span>
          </div>
        </div>
      )}
      <RouteNote />
      <Chooser />
      {children}
    </section>
  );
}
