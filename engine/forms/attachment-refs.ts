/** Attachments are referenced by their content address: lowercase hex SHA-256. */
export const ATTACHMENT_ID_PATTERN = /^[0-9a-f]{64}$/;

/** Strings shaped like attachment ids anywhere in form data, with the JSON Pointer of each. */
export function attachmentRefs(data: unknown): { id: string; path: string }[] {
  const found: { id: string; path: string }[] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      if (ATTACHMENT_ID_PATTERN.test(value)) found.push({ id: value, path });
    } else if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) visit(item, `${path}/${index}`);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value))
        visit(item, `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`);
    }
  };
  visit(data, '');
  return found;
}

/** Strings shaped like attachment ids anywhere in form data. */
export function attachmentIds(data: unknown): Set<string> {
  return new Set(attachmentRefs(data).map((ref) => ref.id));
}
