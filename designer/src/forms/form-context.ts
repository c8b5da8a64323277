import type { Indicator, Veto } from '../../../engine/definitions/types.js';

/** The indicator system a form's `x-indicators` fields are scored against (one variant of it, Art. 19). */
export interface IndicatorChoices {
  /** The indicators of the case's variant (its park type). */
  items: readonly Indicator[];
  dimensions: readonly { id: string; title: string }[];
  vetoes: readonly Veto[];
  passScore: number;
  illustrative: boolean;
}

/** What SchemaForm's own widgets need besides their props (rjsf `formContext`). */
export interface SchemaFormContext {
  /** Where files go: `/api/attachments`, or `/api/public/attachments` without an account. */
  uploadPath: string;
  indicators?: IndicatorChoices;
  /** A preview filled with an example: its files are placeholders, shown as example files (exampleFile). */
  preview?: boolean;
  /** Whether stored files may be downloaded here (not without an account). */
  downloads: boolean;
  /** Today as the server has it (YYYY-MM-DD; a sandbox's day), for date pickers; else the browser's. */
  today?: string;
  /** @rjsf/antd: read-only fields as text-like disabled inputs. */
  readonlyAsDisabled: boolean;
  /** @rjsf/antd: labels above their fields, without a colon. */
  labelAlign: 'left';
  colon: false;
}
