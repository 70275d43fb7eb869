import { useMemo } from 'react';
import { formatDay, dayFromIso } from '../domain/time-window';
import { ALL_ARTICLES } from '../domain/corpus';
import type { DataIndex } from '../domain/types';
import { useAppState } from '../store/react';

const COUNT = new Intl.NumberFormat('en-GB');

function dateLabel(iso: string): string {
  const day = dayFromIso(iso);
  return day === null ? iso : formatDay(day);
}

/** The switcher's options: the all-articles view first (when the index has several), then each article. */
function SwitcherOptions({ index }: { index: DataIndex }) {
  const total = useMemo(() => index.articles.reduce((n, a) => n + a.claimCount, 0), [index]);
  return (
    <>
      {index.articles.length > 1 && (
        <option value={ALL_ARTICLES}>{`All articles (${COUNT.format(total)} claim${total === 1 ? '' : 's'})`}</option>
      )}
      {index.articles.map((a) => (
        <option key={a.slug} value={a.slug}>
          {`${a.title} — ${dateLabel(a.published)}`}
        </option>
      ))}
    </>
  );
}

/** Not a valid slug, so it can never collide with a published article's. */
const DRAFT_OPTION = '#draft';

const LANGUAGES: Record<string, string> = { cs: 'Czech', en: 'English', ru: 'Russian', fr: 'French', de: 'German', ar: 'Arabic', uk: 'Ukrainian' };

export function Header({ onArticle, children }: { onArticle?: (slug: string) => void; children?: React.ReactNode }) {
  const bundle = useAppState((s) => s.bundle);
  const index = useAppState((s) => s.index);
  const draft = useAppState((s) => s.draft);
  const showingDraft = useAppState((s) => s.showingDraft);
  const showDraft = useAppState((s) => s.showDraft);
  const requestCamera = useAppState((s) => s.requestCamera);
  const article = bundle?.article;
  const day = article ? dayFromIso(article.published) : null;
  const allView = !showingDraft && article?.slug === ALL_ARTICLES;
  const meta: string[] = [];
  if (article && allView && index) {
    const total = bundle.claims.length;
    meta.push(`${COUNT.format(index.articles.length)} articles · ${COUNT.format(total)} claims`);
    const dates = index.articles.map((a) => a.published).sort();
    if (dates.length > 0) meta.push(`published ${dateLabel(dates[0]!)} – ${dateLabel(dates[dates.length - 1]!)}`);
  } else if (article) {
    if (day !== null) meta.push(`Published ${formatDay(day)}`);
    if (article.outlet) meta.push(article.outlet);
    if (article.sources.length) meta.push(`cites ${article.sources.join(', ')}`);
    if (article.translation && article.originalLanguage) {
      meta.push(`${article.translation} translation from ${LANGUAGES[article.originalLanguage] ?? article.originalLanguage}`);
    }
  }
  return (
    <header className="app-header">
      <div className="brand">
        <svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true">
          <circle cx="11" cy="11" r="9.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="M4 14 Q11 3 18 9" fill="none" stroke="#D55E00" strokeWidth="2.2" strokeLinecap="round" />
          <circle cx="18" cy="9" r="2.2" fill="#D55E00" />
        </svg>
        <span>Claim Atlas</span>
      </div>
      <div className="article-head">
        {index && (index.articles.length > 1 || draft) && onArticle ? (
          <label className="article-picker">
            <span className="visually-hidden">Article</span>
            <select
              data-testid="article-switcher"
              value={showingDraft ? DRAFT_OPTION : (article?.slug ?? '')}
              onChange={(e) => {
                if (e.target.value !== DRAFT_OPTION) return onArticle(e.target.value);
                showDraft();
                requestCamera({ type: 'fit-all' });
              }}
            >
              <SwitcherOptions index={index} />
              {draft && <option value={DRAFT_OPTION}>{`Draft (not reviewed): ${draft.bundle.article.title}`}</option>}
            </select>
          </label>
        ) : (
          <h1 title={article?.title}>{article?.title ?? 'Loading…'}</h1>
        )}
        {meta.length > 0 && (
          <p className="article-meta" title={article?.provenanceNote ?? undefined}>
            {meta.join(' · ')}
          </p>
        )}
      </div>
      {children}
    </header>
  );
}
