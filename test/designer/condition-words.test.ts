import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  conditionField,
  conditionWords,
  type ConditionTerms,
} from '../../designer/src/designer/diagram/condition-words.js';
import { REAL_VERSION_DIR } from '../definitions/helpers.js';

// A flow's condition in words where it is a simple choice (issue 12, item 1).

describe('conditions in words', () => {
  it('a choice of the review form by its titles; case.status by the manifest; a yes/no variable', async () => {
    const form = JSON.parse(
      await readFile(join(REAL_VERSION_DIR, 'forms/provincial-feasibility-review.schema.json'), 'utf8'),
    ) as {
      properties: Record<string, unknown>;
    };
    const terms: ConditionTerms = {
      field: (name) => conditionField(form.properties[name]),
      status: (name) => (name === 're-reviewing' ? '复审中' : undefined),
    };
    expect(conditionWords('decision = "approve"', terms)).toBe('审核结论为「同意（列入创建名单）」');
    expect(conditionWords('decision != "return"', terms)).toBe('审核结论不为「退回修改」');
    expect(conditionWords('case.status = "re-reviewing"', terms)).toBe('案件状态为「复审中」');
    expect(conditionWords('objectionUpheld = true', terms)).toBe('objectionUpheld：是');
  });

  it('leaves anything else as FEEL', () => {
    const terms: ConditionTerms = { field: () => undefined, status: () => undefined };
    expect(conditionWords('today() > case.due.demonstrationEnds', terms)).toBeUndefined();
    expect(conditionWords('count(vetoes) = 0 and sum(scores) >= 80', terms)).toBeUndefined();
    expect(conditionWords('unknownField = "x"', terms)).toBeUndefined();
  });
});
