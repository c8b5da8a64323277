// Child process of durability.test.ts: works on an engine until it is killed with SIGKILL, printing
// each command only after the engine has answered it (i.e. after it was saved).
import { SimulatedClock } from '../../engine/clock.js';
import { LowdbStore } from '../../engine/store/index.js';
import { WorkflowEngine } from '../../engine/workflow-engine.js';
import { as, formExample } from '../support/engine-harness.js';

const [dataDir, mode] = process.argv.slice(2);
if (dataDir === undefined) throw new Error('usage: crash-child DATA_DIR complete|timers');

if (mode === 'complete') {
  const clock = new SimulatedClock(new Date('2024-04-01T09:00:00+08:00'));
  const engine = await WorkflowEngine.open({ definitions: 'definitions', store: new LowdbStore(dataDir), clock });
  const data = {
    submit: await formExample('submit-creation-application', { parkType: 'industry' }),
    review: await formExample('provincial-feasibility-review'),
  };
  for (let index = 0; ; index++) {
    const park = `P-${index}`;
    const view = await engine.startCase(
      { process: 'quality-brand-zone', park, province: '320000' },
      {
        ...as('park', park),
        region: '320000',
      },
    );
    process.stdout.write(`STARTED ${view.id}\n`);
    const submit = view.openTasks[0];
    if (submit === undefined) throw new Error('no task');
    const next = await engine.completeTask(submit.ref, as('park', park), data.submit);
    process.stdout.write(`ANSWERED ${view.id} ${submit.ref}\n`);
    const review = next.openTasks[0];
    if (review === undefined) throw new Error('no review');
    await engine.completeTask(review.ref, as('province', '320000'), data.review);
    process.stdout.write(`ANSWERED ${view.id} ${review.ref}\n`);
  }
}
