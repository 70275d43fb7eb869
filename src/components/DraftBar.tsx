/**
 * Shown while a drafted article is on screen: says plainly that it is a draft nobody reviewed, offers its
 * files for download (the curated source format, so it can be reviewed and added to data/articles/), and
 * warns that Share links cannot carry it (it lives in this tab's memory only).
 */
import { downloadBlob } from '../export/download';
import { useAppState } from '../store/react';

export function DraftBar() {
  const draft = useAppState((s) => (s.showingDraft ? s.draft : null));
  if (!draft) return null;
  const dir = `data/articles/${draft.slug}/`;
  const save = (content: string, name: string, type: string) => downloadBlob(new Blob([content], { type }), name);
  return (
    <div className="draft-bar" data-testid="draft-bar" role="region" aria-label="Draft article">
      <strong className="draft-badge" data-testid="draft-badge">
        Draft — not reviewed
      </strong>
      <span className="draft-downloads">
        <span className="visually-hidden">Download the draft:</span>
        <button
          type="button"
          data-testid="draft-download-meta"
          title={`Save as ${dir}meta.yaml`}
          onClick={() => save(draft.metaYaml, 'meta.yaml', 'application/yaml')}
        >
          meta.yaml
        </button>
        <button
          type="button"
          data-testid="draft-download-claims"
          title={`Save as ${dir}claims.yaml`}
          onClick={() => save(draft.claimsYaml, 'claims.yaml', 'application/yaml')}
        >
          claims.yaml
        </button>
        <button
          type="button"
          data-testid="draft-download-article"
          title={`Save as ${dir}article.txt`}
          onClick={() => save(draft.bundle.article.text, 'article.txt', 'text/plain;charset=utf-8')}
        >
          article.txt
        </button>
        <button
          type="button"
          data-testid="draft-download-geojson"
          onClick={() => save(JSON.stringify(draft.geojson, null, 1), `${draft.slug}.draft.geojson`, 'application/geo+json')}
        >
          GeoJSON
        </button>
      </span>
      <span className="draft-note" data-testid="draft-share-note">
        Put the three files in <code>{dir}</code> and run <code>npm run data</code>. Not in Share links: the draft lives in this
        tab only.
        {draft.droppedCount > 0 && ` ${draft.droppedCount} drafted claim${draft.droppedCount === 1 ? ' was' : 's were'} left out (the compiler refused them).`}
      </span>
    </div>
  );
}
