/** A tiny valid PDF (the server tells files by their magic bytes); `label` makes its bytes unique. */
export function tinyPdf(label = 'evidence'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n` +
      `% ${label}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}
