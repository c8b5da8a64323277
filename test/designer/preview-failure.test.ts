import { describe, expect, it } from 'vitest';
import { ApiError } from '../../designer/src/api/client.js';
import { submitsAfterFailedPreview } from '../../designer/src/forms/preview-failure.js';

/** The preview is what asks before a submission ends a case: one not answered must not skip the question. */
describe('a submission after its preview failed', () => {
  it('goes ahead when the server refused the data, task or sender (it is refused alike, at the fields)', () => {
    for (const status of [401, 403, 409, 422])
      expect(submitsAfterFailedPreview(new ApiError(status, 'x', '…')), String(status)).toBe(true);
  });

  it('is not sent when the preview was not answered: too many previews, the network, the server', () => {
    expect(submitsAfterFailedPreview(new ApiError(429, 'too-many-requests', '预览提交结果过于频繁'))).toBe(false);
    expect(submitsAfterFailedPreview(new ApiError(0, 'network', '网络错误'))).toBe(false);
    expect(submitsAfterFailedPreview(new ApiError(500, 'internal', '服务器内部错误'))).toBe(false);
    expect(submitsAfterFailedPreview(new TypeError('Failed to fetch'))).toBe(false);
  });
});
