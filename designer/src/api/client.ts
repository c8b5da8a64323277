import type { Problem } from '../../../engine/definitions/problems.js';
import { fill } from '../i18n/fill.js';
import { MESSAGES, type Language } from '../i18n/messages.js';

/**
 * A failed API call: the server's `{ error: { code, message } }` (in the page's language where the
 * server has it), field errors, and the validator's problems when it refused a definition (a draft's
 * publication), so that the page can tell them as it tells a validation.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: { path: string; message: string }[] = [],
    readonly problems: readonly Problem[] = [],
    /** What the step was on was deleted since (a draft another tab deleted): by whom, where known. */
    readonly deleted?: { by?: string; at?: string },
    /** The request field the refusal is about (`password`), where the server names one. */
    readonly field?: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'qbz.token';

/** The page's language (i18n sets <html lang>), which may not be the browser's. */
const pageLanguage = (): Language => (document.documentElement.lang === 'en' ? 'en' : 'zh');

/** Asks for the server's refusals in the page's language. */
export const acceptLanguage = (): string => (pageLanguage() === 'en' ? 'en' : 'zh-CN');

export function storedToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function storeToken(token: string | null): void {
  if (token === null) sessionStorage.removeItem(TOKEN_KEY);
  else sessionStorage.setItem(TOKEN_KEY, token);
}

interface ErrorBody {
  error?: { code?: string; message?: string; field?: string };
  errors?: { path: string; message: string }[];
  problems?: Problem[];
  deleted?: { by?: string; at?: string };
}

/** GETs sent ahead (see `prefetch`), by path, with the token they were sent with: each is used once. */
const prefetched = new Map<string, { token: string | null; response: Promise<Response> }>();
/**
 * An answer sent ahead but not asked for within this long is stale: the page went elsewhere first.
 * (The page's first calls come within seconds of opening it, even on a loaded machine.)
 */
const PREFETCH_FRESH_MS = 30_000;

function send(method: string, path: string, body?: unknown, init: RequestInit = {}): Promise<Response> {
  const token = storedToken();
  const headers = new Headers(init.headers);
  if (token !== null) headers.set('Authorization', `Bearer ${token}`);
  headers.set('Accept-Language', acceptLanguage());
  if (body !== undefined && !(body instanceof Blob)) headers.set('Content-Type', 'application/json');
  return fetch(path, {
    ...init,
    method,
    headers,
    ...(body !== undefined && { body: body instanceof Blob ? body : JSON.stringify(body) }),
  });
}

/** An answer nobody will read is cancelled: an unread body would keep its connection open. */
function discard(response: Promise<Response>): void {
  void response.then(
    (answer) => answer.body?.cancel(),
    () => undefined,
  );
}

/**
 * Sends these GETs now, while the page's code still loads: the first `api('GET', path)` for each
 * takes its answer instead of asking again (boot.ts knows what the opened page will ask first).
 */
export function prefetch(paths: readonly string[]): void {
  const token = storedToken();
  for (const path of paths) {
    const early = { token, response: send('GET', path) };
    // Nobody may ever take it (e.g. the session had expired): an unused failure is not an error.
    early.response.catch(() => undefined);
    prefetched.set(path, early);
    setTimeout(() => {
      if (prefetched.get(path) !== early) return;
      prefetched.delete(path);
      discard(early.response);
    }, PREFETCH_FRESH_MS);
  }
}

function takePrefetched(method: string, path: string, body: unknown, init: RequestInit) {
  const early = prefetched.get(path);
  if (early === undefined || method !== 'GET' || body !== undefined || Object.keys(init).length > 0) return undefined;
  prefetched.delete(path);
  if (early.token === storedToken()) return early.response;
  discard(early.response);
  return undefined;
}

/**
 * The answer to a request, if it is a success; otherwise an ApiError in the page's language: the
 * server's refusal as it says it, no answer at all (offline, the server down: fetch said "Failed to
 * fetch") or another's error page (a proxy's 502: its status text) in the app's words. A 401 ends
 * the session.
 */
async function answered(pending: Promise<Response>, token: string | null): Promise<Response> {
  const says = MESSAGES[pageLanguage()];
  const response = await pending.catch((error: unknown) => {
    if (error instanceof TypeError) throw new ApiError(0, 'network', says.networkError);
    throw error;
  });
  if (response.status === 401 && token !== null) {
    storeToken(null);
    window.dispatchEvent(new Event('qbz:logout'));
  }
  if (!response.ok) {
    const error = (await response.json().catch(() => ({}))) as ErrorBody;
    throw new ApiError(
      response.status,
      error.error?.code ?? 'error',
      error.error?.message ?? fill(says.serverUnavailable, { status: response.status }),
      error.errors,
      error.problems,
      error.deleted,
      error.error?.field,
    );
  }
  return response;
}

/** JSON in, JSON out, with the session's bearer token. */
export async function api<T>(method: string, path: string, body?: unknown, init: RequestInit = {}): Promise<T> {
  const token = storedToken();
  const response = await answered(takePrefetched(method, path, body, init) ?? send(method, path, body, init), token);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

/** A file from the API (an attachment) with the session's token; a failure said as `api` says it. */
export function fetchFile(path: string): Promise<Response> {
  return answered(send('GET', path), storedToken());
}

/** Uploads a file with progress (XMLHttpRequest: fetch reports no upload progress). */
export function uploadFile(
  path: string,
  file: File,
  onProgress: (percent: number) => void,
): Promise<{ id: string; name: string; type: string; size: number }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    const token = storedToken();
    if (token !== null) request.setRequestHeader('Authorization', `Bearer ${token}`);
    request.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    // The server tells a file's type from its content. Sent as the file's own type, a .json file would be
    // read as a request body (and refused as one over the JSON limit) instead of stored and judged.
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.setRequestHeader('Accept-Language', acceptLanguage());
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      let body: ErrorBody & { id: string; name: string; type: string; size: number };
      try {
        body = JSON.parse(request.responseText || '{}') as typeof body;
      } catch {
        // Another's error page (a proxy's 502 or 413, in HTML): it threw here, and the upload never ended.
        reject(
          new ApiError(
            request.status,
            'error',
            fill(MESSAGES[pageLanguage()].serverUnavailable, { status: request.status }),
          ),
        );
        return;
      }
      if (request.status >= 200 && request.status < 300) resolve(body);
      else
        reject(
          new ApiError(
            request.status,
            body.error?.code ?? 'error',
            body.error?.message ?? MESSAGES[pageLanguage()].uploadFailed,
          ),
        );
    };
    request.onerror = () => {
      reject(new ApiError(0, 'network', MESSAGES[pageLanguage()].uploadNetworkError));
    };
    request.send(file);
  });
}
