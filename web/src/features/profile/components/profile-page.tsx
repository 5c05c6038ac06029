import { useViewerZone } from '../../../hooks/use-viewer-zone.ts';
import { useUser } from '../../../lib/auth.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { TelegramBlock } from './telegram-block.tsx';
import '../profile.css';

/** The signed-in person's profile: who they are, and where their reminders go. */
export function ProfilePage() {
  const { t } = useI18n();
  const user = useUser();
  const viewerZone = useViewerZone();
  return (
    <div className="page profile-page">
      <div className="page-head">
        <h1>{t('profile.title')}</h1>
      </div>
      <section className="card" aria-labelledby="profile-who">
        <h2 id="profile-who">{user.name}</h2>
        <p>
          {t(`role.${user.role}`)} · {user.email}
        </p>
      </section>
      <TelegramBlock viewerZone={viewerZone} />
    </div>
  );
}
