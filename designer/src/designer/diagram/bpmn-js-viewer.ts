// See bpmn-js.ts: the same cast for the viewer.
import NavigatedViewerModule from 'bpmn-js/lib/NavigatedViewer.js';

type ViewerClass = typeof import('bpmn-js/lib/NavigatedViewer.js').default;

export const NavigatedViewer = NavigatedViewerModule as unknown as ViewerClass;
export type NavigatedViewer = InstanceType<ViewerClass>;

// The viewer's minimap, loaded with it.
export { default as MinimapModule } from 'diagram-js-minimap';
