import { ApiError } from '../api/client.js';

/**
 * Whether a submission goes ahead when its preview failed. The server refused the data (422), the task
 * (409) or the sender (401, 403): the submission is refused alike and says why at the fields. The
 * preview was not answered — too many previews (429), the network, the server: nobody knows whether
 * the submission would end the case, so it is not sent unasked.
 */
export function submitsAfterFailedPreview(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429;
}
