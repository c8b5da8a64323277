import { Router } from 'express';
import { regionDirectory, type WorkflowEngine } from '../../engine/index.js';
import { HttpError } from '../http-errors.js';
import { SAY } from '../messages.js';
import { sendPreparedJson } from '../prepared-json.js';
import { requireUser } from '../request-context.js';

/** The definition versions the engine runs: lists, files, forms (the workbench renders forms from them). */
export function definitionRoutes(engine: WorkflowEngine): Router {
  const router = Router();
  const version = (process: string, name: string) => engine.definitions.get(process, name);

  router.get('/api/definitions', (request, response) => {
    requireUser(request);
    response.json(
      engine.definitions.list().map(({ definition }) => ({
        process: definition.manifest.process,
        version: definition.manifest.version,
        title: definition.manifest.title,
        effectiveFrom: definition.manifest.effectiveFrom,
        basis: definition.manifest.basis,
      })),
    );
  });

  router.get('/api/definitions/:process/:version', (request, response) => {
    requireUser(request);
    const { definition } = version(request.params.process, request.params.version);
    // The region's directory comes along: the workbench names a case's region (杭州市, not 330100)
    // from the directory its programme declares, not from the one it carries itself.
    const directory = regionDirectory(definition.manifest);
    const regions = directory === undefined ? undefined : engine.definitions.directory(directory);
    response.json({
      manifest: definition.manifest,
      rules: definition.rules,
      indicators: definition.indicators,
      forms: [...definition.forms.keys()].sort(),
      ...(regions !== undefined && { regions }),
    });
  });

  router.get('/api/definitions/:process/:version/process.bpmn', (request, response) => {
    requireUser(request);
    response
      .type('application/xml')
      .send(version(request.params.process, request.params.version).definition.processXml);
  });

  // Forms are public: the objection form is filled in without an account.
  router.get('/api/definitions/:process/:version/forms/:formKey', (request, response) => {
    const schema = version(request.params.process, request.params.version).definition.forms.get(request.params.formKey);
    if (schema === undefined) throw new HttpError(404, 'not-found', SAY.noSuchForm(request.params.formKey));
    response.json(schema);
  });

  // Public like the forms: the notices page shows the objection form in the reader's language.
  router.get('/api/definitions/:process/translations/:language', (request, response) => {
    sendPreparedJson(
      request,
      response,
      engine.definitions.translations(request.params.process, request.params.language),
    );
  });

  return router;
}
