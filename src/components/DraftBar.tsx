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
  // The three source files go to data/articles/<slug>/ (the title says where); the GeoJSON is for other tools.
  const files = [
    { id: 'meta', label: 'meta.yaml', name: 'meta.yaml', content: () => draft.metaYaml, type: 'application/yaml', hint: true },
    { id: 'claims', label: 'claims.yaml', name: 'claims.yaml', content: () => draft.claimsYaml, type: 'application/yaml', hint: true },
    { id: 'article', label: 'article.txt', name: 'article.txt', content: () => draft.bundle.article.text, type: 'text/plain;charset=utf-8', hint: true },
    {
      id: 'geojson',
      label: 'GeoJSON',
      name: `${draft.slug}.draft.geojson`,
      content: () => JSON.stringify(draft.geojson, null, 1),
      type: 'application/geo+json',
      hint: false,
    },
  ];
  return (
    <div className="draft-bar" data-testid="draft-bar" role="region" aria-label="Draft article">
      <strong className="draft-badge" data-testid="draft-badge">
        Draft — not reviewed
      </strong>
      <span className="draft-downloads">
        <span className="visually-hidden">Download the draft:</span>
        {files.map(({ id, label, name, content, type, hint }) => (
          <button
            key={id}
            type="button"
            data-testid={`draft-download-${id}`}
            title={hint ? `Save as ${dir}${name}` : undefined}
            onClick={() => downloadBlob(new Blob([content()], { type }), name)}
          >
            {label}
          </button>
        ))}
      </span>
      <span className="draft-note" data-testid="draft-share-note">
        Put the three files in <code>{dir}</code> and run <code>npm run data</code>. Not in Share links: the draft lives in this
        tab only.
        {draft.droppedCount > 0 && ` ${draft.droppedCount} drafted claim${draft.droppedCount === 1 ? ' was' : 's were'} left out (the compiler refused them).`}
      </span>
    </div>
  );
}
