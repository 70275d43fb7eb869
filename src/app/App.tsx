import { useCallback } from 'react';
import type { ClaimMap } from '../map/claim-map';
import type { AppStore } from '../store/app-store';
import { StoreContext, useAppState, useAppStore } from '../store/react';
import { switchArticle } from './bootstrap';
import { ArticleReader } from '../components/ArticleReader';
import { ClaimList } from '../components/ClaimList';
import { ClaimPanel } from '../components/ClaimPanel';
import { Header } from '../components/Header';
import { LegendFilters } from '../components/LegendFilters';
import { MapView } from '../components/MapView';
import { Notices } from '../components/Notices';
import { Sheet } from '../components/Sheet';
import { Timeline } from '../components/Timeline';
import { useIsPhone } from '../components/use-media';
import { ShareMenu } from '../components/ShareMenu';
import { OpenArticle } from '../components/OpenArticle';
import { DraftBar } from '../components/DraftBar';
import { setSnapshotMap } from '../map/snapshot';
import { EMBED_MODE } from './embed';

interface Props {
  store: AppStore;
  onMap?: (map: ClaimMap | null) => void;
  /** Opens a view of the index: a slug or ALL_ARTICLES; with a claim id (of that view) to select there. */
  onArticle?: (slug: string, claimId?: string) => void;
  styleUrl?: string | undefined;
}

export function App({ store, onMap, onArticle, styleUrl }: Props) {
  return (
    <StoreContext.Provider value={store}>
      <Shell onMap={onMap} onArticle={onArticle} styleUrl={styleUrl} />
    </StoreContext.Provider>
  );
}

function Shell({ onMap, onArticle, styleUrl }: Omit<Props, 'store'>) {
  const store = useAppStore();
  const isPhone = useIsPhone();
  const pickArticle = useCallback(
    (slug: string, claimId?: string) => (onArticle ? onArticle(slug, claimId) : void switchArticle(store, slug, claimId)),
    [onArticle, store],
  );
  const status = useAppState((s) => s.loadStatus);
  const error = useAppState((s) => s.loadError);
  const mapCallback = useCallback(
    (m: ClaimMap | null) => {
      setSnapshotMap(m?.map ?? null, m ? (ctx, scale) => m.paintOverlay(ctx, scale) : null);
      onMap?.(m);
    },
    [onMap],
  );

  if (status === 'error' && error) {
    return (
      <main className="app-error-page">
        <div className="app-error" data-testid="app-error" role="alert">
          <h1>Claim Atlas could not load its data</h1>
          <p>
            <code>{error.file}</code>: {error.message}
          </p>
          <p className="hint">
            Run <code>npm run data</code> to compile the articles, then reload. If you followed a shared link, check
            its <code>data=</code> and <code>a=</code> values.
          </p>
          <button type="button" onClick={() => location.reload()}>
            Try again
          </button>
        </div>
      </main>
    );
  }

  return (
    <div className={`app ${isPhone ? 'is-phone' : 'is-desktop'}${EMBED_MODE ? ' is-embed' : ''}`}>
      <Header onArticle={pickArticle}>
        {!EMBED_MODE && <OpenArticle />}
        <ShareMenu embed={EMBED_MODE} />
      </Header>
      <DraftBar />
      <main className="layout">
        <MapView onMap={mapCallback} styleUrl={styleUrl}>
          <Notices />
          {!isPhone && <LegendFilters floating />}
          {!isPhone && <ClaimPanel onArticle={pickArticle} />}
          <LoadingStatus />
        </MapView>
        <Timeline />
        {isPhone ? (
          <Sheet
            panels={{
              article: <ArticleReader onArticle={pickArticle} />,
              claims: (
                <ClaimList>
                  <LegendFilters />
                </ClaimList>
              ),
              detail: <ClaimPanel emptyHint onArticle={pickArticle} />,
            }}
          />
        ) : EMBED_MODE ? null : (
          <aside className="side" aria-label="Article and claims">
            <ArticleReader onArticle={pickArticle} />
            <ClaimList />
          </aside>
        )}
      </main>
    </div>
  );
}

const COUNT = new Intl.NumberFormat('en-GB');

/** "Loading the article…", or with many articles "Loading articles… 340 of 1,000" and a bar. */
function LoadingStatus() {
  const status = useAppState((s) => s.loadStatus);
  const progress = useAppState((s) => s.loadProgress);
  if (!progress && status !== 'loading') return null;
  return (
    <div className="loading" role="status" data-testid="loading-status">
      {progress ? (
        <>
          <span>
            Loading articles… {COUNT.format(progress.done)} of {COUNT.format(progress.total)}
          </span>
          <progress max={progress.total} value={progress.done} aria-hidden="true" />
        </>
      ) : (
        'Loading the article…'
      )}
    </div>
  );
}
