import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * This project's `definitions/`: calendars and directory files for definitions kept elsewhere
 * (another programme, a scenario's revision) that do not carry their own.
 */
export const PROJECT_DEFINITIONS = resolve(fileURLToPath(new URL('../../definitions', import.meta.url)));
