import { Alert } from 'antd';
import { Link } from 'react-router';
import { api } from '../api/client.js';
import { useSession } from '../auth/session.js';
import { useI18n } from '../i18n/i18n.js';
import { useAsync } from './use-async.js';

interface Health {
  calendarsMissing?: { calendar: string; year: number }[];
}

/**
 * For admins and policy staff: the calendar year still to be entered (from 1 November, next year's
 * arrangement; README "Calendars"), with a link to the editor. Nothing for anyone else.
 */
export function CalendarWarning() {
  const { t } = useI18n();
  const { me, hasGroup } = useSession();
  const editor = hasGroup('admin', 'policy-admin');
  const health = useAsync(
    () => (editor ? api<Health>('GET', '/api/health') : Promise.resolve<Health>({})),
    `${me?.username ?? ''}:${String(editor)}`,
  );
  return (health.data?.calendarsMissing ?? []).map((missing) => (
    <Alert
      key={`${missing.calendar}/${missing.year}`}
      type="warning"
      showIcon
      data-testid="calendar-missing"
      title={t('calendarMissing').replace('{year}', String(missing.year))}
      action={<Link to="/calendars">{t('enterCalendar')}</Link>}
    />
  ));
}
