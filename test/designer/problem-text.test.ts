import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText, locationText, problemText } from '../../designer/src/designer/review/problem-text.js';
import { REPO_ROOT } from '../definitions/helpers.js';

/** Every check id the validator can report: `.error('id'`, `.warning('id'`, `check: 'id'`, and bpmnlint's rules. */
async function validatorCheckIds(): Promise<string[]> {
  const ids = new Set<string>(['limit']);
  const dir = join(REPO_ROOT, 'engine/definitions');
  const files = (await readdir(dir, { recursive: true })).filter((file) => file.endsWith('.ts'));
  for (const file of files) {
    const text = await readFile(join(dir, file), 'utf8');
    for (const match of text.matchAll(/\.(?:error|warning)\(\s*'([a-z-]+)'|check: '([a-z-]+)'/g))
      ids.add(match[1] ?? match[2] ?? '');
    if (file.endsWith('bpmn-lint.ts'))
      for (const match of text.matchAll(/^ {2}'?([a-z-]+)'?: [a-zA-Z]+,$/gm)) ids.add(`bpmnlint/${match[1] ?? ''}`);
  }
  ids.delete('');
  return [...ids].sort();
}

describe('the validator problems in Chinese', () => {
  it('every check the validator reports has a Chinese sentence', async () => {
    const ids = await validatorCheckIds();
    expect(ids).toContain('timer-rearmed');
    expect(ids).toContain('rule-title-number');
    expect(ids).toContain('bpmnlint/label-required');
    expect(ids.filter((id) => checkText(id) === undefined)).toEqual([]);
  });

  it('carries over the names the English message quotes, and falls back to English for an unknown check', () => {
    expect(
      problemText({ check: 'unknown-date', message: 'due "publicityEndz" is not declared in manifest.json dates' }),
    ).toBe('引用了版本说明中未声明的日期（涉及：publicityEndz）');
    expect(problemText({ check: 'no-such-check', message: 'something else' })).toBe('something else');
  });

  it('says where in words: the element by its name, a rule by its title, an indicator by variant and title', () => {
    const names = {
      element: (id: string) => ({ publicityEndsTimer_acceptance: '公示期满' })[id],
      rule: (name: string) => (name === 'publicityMinWorkingDays' ? '评估验收及复审结果公示期' : undefined),
      indicator: (variant: string, index: number) =>
        variant === 'agriculture' && index === 0 ? '创建工作领导小组与工作机制' : undefined,
      variant: (variant: string) => (variant === 'agriculture' ? '农业园区' : undefined),
    };
    const file = 'quality-brand-zone/2024-03-14/';
    expect(locationText({ file: `${file}process.bpmn`, element: 'publicityEndsTimer_acceptance' }, names)).toBe(
      '「公示期满」',
    );
    expect(locationText({ file: `${file}process.bpmn`, element: 'unnamed' }, names)).toBe('unnamed');
    expect(locationText({ file: `${file}rules.json`, pointer: '/publicityMinWorkingDays/title' }, names)).toBe(
      '期限「评估验收及复审结果公示期」的名称',
    );
    expect(locationText({ file: `${file}indicators.json`, pointer: '/variants/agriculture/0/guidance' }, names)).toBe(
      '指标（农业园区）「创建工作领导小组与工作机制」的评分指引',
    );
  });
});
