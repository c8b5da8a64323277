import { describe, expect, it } from 'vitest';
import { exampleFile, rememberAttachment } from '../../designer/src/forms/attachments.js';

// The designer's form preview, filled with the form's example, asked the details of each example
// file (placeholder ids, no stored file) and, refused, read 附件 a87b2530… (walk of the policy
// officer's path): in a preview such a file is an example file, not looked up.
describe('exampleFile', () => {
  it('is an example file in a preview, unless this browser uploaded it there; never outside a preview', () => {
    expect(exampleFile('a87b2530-0000-4000-8000-000000000001', true)).toBe(true);
    expect(exampleFile('a87b2530-0000-4000-8000-000000000001', false)).toBe(false);
    rememberAttachment({ id: 'b1c2d3e4-0000-4000-8000-000000000002', name: '创建方案.pdf' });
    expect(exampleFile('b1c2d3e4-0000-4000-8000-000000000002', true)).toBe(false);
  });
});
