import {
  translateDiagram,
  translateDirectory,
  translateIndicators,
  translateManifest,
  translateRules,
  type Translate,
} from '../i18n/definition-text.js';
import type { Language } from '../i18n/messages.js';
import type { CaseBundle } from './case-data.js';
import { PROVINCES } from './catalog.js';

const named = <T extends { name?: string }>(item: T, translate: Translate): T =>
  item.name === undefined ? item : { ...item, name: translate(item.name) };

/**
 * A case as its page shows it, in the reader's language: what comes from its definitions — the
 * status, the reason its end recorded (the diagram's), the steps' names as drawn, the message forms' titles, the version's manifest, rules and
 * indicators, the regions' names — translated; what people wrote (names, comments, reasons) as they wrote it. The forms
 * of its submissions are translated as they are loaded (`loadSubmissionForm` reads `language`).
 */
export function translateBundle(bundle: CaseBundle, translate: Translate, language: Language): CaseBundle {
  const { view, version } = bundle;
  return {
    ...bundle,
    language,
    view: {
      ...view,
      ...(view.statusTitle !== undefined && { statusTitle: translate(view.statusTitle) }),
      ...(view.reason !== undefined && { reason: translate(view.reason) }),
      openTasks: view.openTasks.map((task) => named(task, translate)),
    },
    version: {
      ...version,
      manifest: translateManifest(version.manifest, translate),
      rules: translateRules(version.rules, translate),
      indicators: translateIndicators(version.indicators, translate),
    },
    tasks: bundle.tasks.map((task) => named(task, translate)),
    diagram: { ...bundle.diagram, xml: translateDiagram(bundle.diagram.xml, translate) },
    elements: new Map([...bundle.elements].map(([id, element]) => [id, named(element, translate)])),
    messageTitles: new Map([...bundle.messageTitles].map(([name, title]) => [name, translate(title)])),
    regions: translateDirectory(bundle.regions ?? PROVINCES, translate),
  };
}
