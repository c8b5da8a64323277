import type { Directory } from './types.js';

/** The files of one definition version as text, keyed by path inside the version directory. */
export interface VersionSource {
  /** How problems name the version directory, e.g. `definitions/quality-brand-zone/2024-03-14`. */
  dir: string;
  files: ReadonlyMap<string, string>;
}

/** What a version is checked against besides its own files. */
export interface DefinitionContext {
  /** Ids of the working-day calendars under `definitions/calendars/`. */
  calendars: ReadonlySet<string>;
  /** Directory files under `definitions/directory/`, by name. */
  directories: ReadonlyMap<string, Directory>;
}

export const VERSION_FILES = {
  manifest: 'manifest.json',
  rules: 'rules.json',
  indicators: 'indicators.json',
  process: 'process.bpmn',
} as const;

export const FORMS_DIR = 'forms/';
export const FORM_FILE_SUFFIX = '.schema.json';
