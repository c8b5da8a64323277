import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { notRunnable } from '../../designer/src/designer/diagram/runnability.js';
import { parseBpmn } from '../../engine/definitions/moddle.js';

const FIXTURE = 'test/designer/fixtures/camunda-modeler-constructs.bpmn';

describe('what an imported diagram uses that the engine does not run', () => {
  it('names each construct on its element, in Chinese, with what to use instead', async () => {
    const { definitions } = await parseBpmn(await readFile(FIXTURE, 'utf8'));
    const badges = notRunnable(definitions);
    const on = (element: string) => badges.filter((badge) => badge.element === element).map((badge) => badge.text);
    expect(on('computeScore')).toEqual([expect.stringContaining('本系统不能运行脚本任务')]);
    // An inclusive gateway is both an element and a gateway the engine refuses: said once.
    expect(on('whichReviews')).toEqual([expect.stringMatching(/^本系统不能运行包容网关：请改用排他网关.*或并行网关/)]);
    expect(on('reviewsDone')).toHaveLength(1);
    expect(on('remindEvery')).toEqual(['本系统不会触发事件子流程：请改用边界事件或事件网关']);
    expect(on('remindStart')).toEqual([expect.stringContaining('事件子流程的开始事件不会被触发')]);
    expect(badges.every((badge) => badge.severity === 'error')).toBe(true);
    expect(on('provinceReview')).toEqual([]);
    expect(on('start')).toEqual([]);
  });

  it('marks a second pool’s process on its pool: only one process runs (a diagram drawn one pool per authority)', async () => {
    const xml = (await readFile('definitions/quality-brand-zone/2024-03-14/process.bpmn', 'utf8'))
      .replace(
        '  </bpmn:collaboration>',
        '    <bpmn:participant id="Participant_other" processRef="other" />\n  </bpmn:collaboration>',
      )
      .replace(
        '  </bpmn:process>',
        '  </bpmn:process>\n  <bpmn:process id="other"><bpmn:scriptTask id="otherScript" /></bpmn:process>',
      );
    expect(notRunnable((await parseBpmn(xml)).definitions)).toEqual([
      {
        element: 'Participant_other',
        severity: 'error',
        text: '本系统每个版本只运行一个流程：此池中的步骤不会按图运行，请把它们画为主流程的泳道',
      },
    ]);
  });

  it('finds nothing in the 2024 process', async () => {
    const xml = await readFile('definitions/quality-brand-zone/2024-03-14/process.bpmn', 'utf8');
    expect(notRunnable((await parseBpmn(xml)).definitions)).toEqual([]);
  });
});
