import { describe, expect, it } from 'vitest';
import type { Submission } from '../../engine/cases/case-record.js';
import { excerptOf } from '../../engine/cases/excerpt.js';
import { describeOrigin, freeTextField } from '../../engine/cases/task-origin.js';
import type { FormSchema } from '../../engine/definitions/types.js';

/** A message form as a programme might write it: who sent it (nested), a choice, a date, then free text. */
const FORM: FormSchema = {
  type: 'object',
  properties: {
    sender: { type: 'object', properties: { name: { type: 'string' } } },
    kind: { type: 'string', oneOf: [{ const: 'a' }, { const: 'b' }] },
    happenedOn: { type: 'string', format: 'date' },
    phone: { type: 'string', pattern: '^1\\d{10}$' },
    reason: { type: 'string' },
    note: { type: 'string' },
  },
};

const message = (seq: number, reason: string, redacted = false): Submission => ({
  seq,
  at: `2025-04-0${seq}T01:00:00.000Z`,
  actor: redacted ? '—' : `sender-${seq}`,
  kind: 'message',
  name: 'complaint',
  data: redacted ? null : { sender: { name: `某某${seq}` }, reason },
  ...(redacted && { redacted: true as const }),
});

describe('what tells tasks opened by one message apart', () => {
  it('reads the first top-level free-text field: not who sent it, not a choice, a date or a coded value', () => {
    expect(freeTextField(FORM)).toBe('reason');
    expect(freeTextField({ type: 'object', properties: { sender: FORM } })).toBeUndefined();
    expect(freeTextField(undefined)).toBeUndefined();
  });

  it('numbers the message among its kind on the case, with when it came and its opening words', () => {
    const submissions: Submission[] = [
      { seq: 1, at: '2025-04-01T01:00:00.000Z', actor: 'park', kind: 'task', name: 'apply', data: {} },
      message(2, '第一件：   产品质量\n事故'),
      message(3, '第二件：这一件的理由写得很长很长很长很长很长很长很长很长很长'),
    ];
    const schemaOf = () => FORM;
    expect(describeOrigin({ message: 'complaint', submission: 2 }, submissions, schemaOf)).toEqual({
      number: 1,
      receivedAt: '2025-04-02T01:00:00.000Z',
      excerpt: '第一件： 产品质量 事故',
    });
    expect(describeOrigin({ message: 'complaint', submission: 3 }, submissions, schemaOf)).toEqual({
      number: 2,
      receivedAt: '2025-04-03T01:00:00.000Z',
      excerpt: `${'第二件：这一件的理由写得很长很长很长很长很长很长很长很长很长'.slice(0, 24)}…`,
    });
    expect(describeOrigin({ message: 'complaint', submission: 9 }, submissions, schemaOf)).toBeUndefined();
  });

  it('gives no opening words from a submission the reader may not read (redacted), only its number and time', () => {
    const submissions = [message(1, '看得见的理由'), message(2, '不该被看到的理由', true)];
    expect(describeOrigin({ message: 'complaint', submission: 2 }, submissions, () => FORM)).toEqual({
      number: 2,
      receivedAt: '2025-04-02T01:00:00.000Z',
    });
  });

  it('shortens on characters, never inside one', () => {
    expect(excerptOf('😀'.repeat(30), 3)).toBe('😀😀😀…');
    expect(excerptOf('  短  ')).toBe('短');
  });
});
