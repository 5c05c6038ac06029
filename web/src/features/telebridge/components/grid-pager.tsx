import { useI18n } from '../../../lib/i18n/i18n.tsx';

/** Previous / next page of a class-sized grid, with where the viewer is; nothing when one page holds everyone. */
export function GridPager({
  page,
  pageCount,
  setPage,
}: {
  page: number;
  pageCount: number;
  setPage: (page: number) => void;
}) {
  const { t } = useI18n();
  if (pageCount <= 1) return null;
  return (
    <nav className="grid-pager" aria-label={t('live.pages')} data-testid="grid-pager">
      <button
        type="button"
        className="button small secondary"
        disabled={page === 0}
        onClick={() => setPage(page - 1)}
        data-testid="grid-page-prev"
      >
        ← <span className="visually-hidden">{t('live.pagePrev')}</span>
      </button>
      <span aria-live="polite" data-testid="grid-page">
        {t('live.pageOf', { page: page + 1, count: pageCount })}
      </span>
      <button
        type="button"
        className="button small secondary"
        disabled={page >= pageCount - 1}
        onClick={() => setPage(page + 1)}
        data-testid="grid-page-next"
      >
        <span className="visually-hidden">{t('live.pageNext')}</span> →
      </button>
    </nav>
  );
}
