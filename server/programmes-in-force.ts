import { chinaDateOf, isEngineError, type Manifest, type WorkflowEngine } from '../engine/index.js';

/**
 * The manifest of each programme's version in force today (China), one per programme; a programme
 * none of whose versions is in force yet is told by its first. What the web app is titled by.
 */
export function manifestsInForce(engine: WorkflowEngine): Manifest[] {
  const today = chinaDateOf(engine.clock.now());
  const { definitions } = engine;
  const processes = new Set(definitions.list().map(({ definition }) => definition.manifest.process));
  return [...processes].map((process): Manifest => {
    try {
      return definitions.inForce(process, today).definition.manifest;
    } catch (error) {
      const [first] = definitions.list(process);
      if (!isEngineError(error, 'not-found') || first === undefined) throw error;
      return first.definition.manifest;
    }
  });
}
