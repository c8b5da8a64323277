// bpmn-js ships ES modules without `"type": "module"`: TypeScript (NodeNext) types its default
// export as a CommonJS namespace while Vite loads the ES module. One cast per class, here and in
// bpmn-js-viewer.ts (apart, so that a viewer does not load the modeler).
import ModelerModule from 'bpmn-js/lib/Modeler.js';

type ModelerClass = typeof import('bpmn-js/lib/Modeler.js').default;

export const Modeler = ModelerModule as unknown as ModelerClass;
export type Modeler = InstanceType<ModelerClass>;
