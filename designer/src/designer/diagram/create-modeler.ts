import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'diagram-js-minimap/assets/diagram-js-minimap.css';
import MinimapModule from 'diagram-js-minimap';
import { Modeler } from './bpmn-js.js';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import { DIAGRAM_TEXT } from './diagram-text.js';
import { LegalTimeModule } from './legal-time/index.js';
import type { LegalTimeVocabulary } from './legal-time/vocabulary.js';
import { PanelTranslateModule } from './panel-translate.js';
import { translateFor } from './translate-zh.js';
import { minimapOpens } from './services.js';

export interface ModelerOptions {
  container: HTMLElement;
  /** Where the properties panel renders. */
  properties: HTMLElement;
  vocabulary: LegalTimeVocabulary;
  /** The UI language (the palette and panel speak Chinese when it is zh). */
  language?: () => 'zh' | 'en';
}

/**
 * The designer's modeler: bpmn-js with the properties panel, the Camunda Platform provider, moddle
 * extension and behaviours (formKey, candidate groups, extension properties, conditions, timers),
 * the legal-time group, the minimap, the designer's label font and Chinese (translate-zh.ts, also
 * for the panel's own buttons: panel-translate.ts). The MIWG test and the benchmark
 * build exactly this.
 */
export function createModeler({ container, properties, vocabulary, language = () => 'en' }: ModelerOptions): Modeler {
  return new Modeler({
    container,
    propertiesPanel: { parent: properties },
    textRenderer: DIAGRAM_TEXT,
    minimap: { open: minimapOpens(container) },
    additionalModules: [
      MinimapModule,
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      CamundaPlatformPropertiesProviderModule,
      CamundaBehaviorsModule,
      { legalTimeVocabulary: ['value', vocabulary], translate: ['value', translateFor(language)] },
      LegalTimeModule,
      PanelTranslateModule,
    ],
    moddleExtensions: { camunda: camundaModdle },
  });
}
