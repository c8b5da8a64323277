import { fileURLToPath } from 'node:url';

/** The committed China calendar, whatever the working directory. */
export const CN_CALENDAR_DIR = fileURLToPath(new URL('../../definitions/calendars/cn', import.meta.url));
