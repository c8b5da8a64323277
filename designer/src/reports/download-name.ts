/**
 * The name the server gives a download in its `Content-Disposition`: `filename*` (UTF-8, a Chinese
 * name) where given, else `filename` (an ASCII one); undefined when it names none.
 */
export function downloadName(disposition: string | null | undefined): string | undefined {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (encoded !== undefined) return decodeURIComponent(encoded);
  return /filename="?([^";]+)/i.exec(disposition ?? '')?.[1];
}
