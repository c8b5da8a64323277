/**
 * Whether an upload is whole. A file cut off in transfer, or saved half-written, still starts with the
 * right bytes (so its type is told) but lacks what its format ends with. Each check looks at that end
 * structure only — the tail, or a walk over a format's own offsets — never at the content, so it costs
 * microseconds even for the largest upload: a PDF's `%%EOF`, a ZIP's central directory (DOCX, XLSX),
 * an old Office file's sector table, a PNG's `IEND` chunk, a JPEG's end-of-image marker.
 */
export function looksWhole(content: Buffer, mime: string): boolean {
  switch (mime) {
    case 'application/pdf':
      return pdfWhole(content);
    case 'image/png':
      return pngWhole(content);
    case 'image/jpeg':
      return jpegWhole(content);
    case 'application/x-cfb':
    case 'application/vnd.ms-excel':
      return cfbWhole(content);
    case 'application/zip':
    case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
    case 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
      return zipWhole(content);
    default:
      return true;
  }
}

/** A reader looks for the last `%%EOF` within the last 1024 bytes (PDF 32000-1, implementation note). */
function pdfWhole(content: Buffer): boolean {
  return content.subarray(-1024).includes('%%EOF');
}

/** Chunks from the signature on, each within the file, up to `IEND` (anything after it is ignored). */
function pngWhole(content: Buffer): boolean {
  let at = 8;
  while (at + 12 <= content.length) {
    if (content.toString('latin1', at + 4, at + 8) === 'IEND') return true;
    at += 12 + content.readUInt32BE(at);
  }
  return false;
}

/**
 * Segments from SOI, each within the file, to the first scan; then an end-of-image marker after it.
 * Inside scan data every 0xFF is followed by 0x00 or a restart marker, so FF D9 there is the end. Data
 * after it (a phone's motion photo) is left alone; a thumbnail's own FF D9 sits before the scan.
 */
function jpegWhole(content: Buffer): boolean {
  let at = 2;
  while (at + 4 <= content.length) {
    if (content[at] !== 0xff) return false;
    const marker = content[at + 1] ?? 0;
    if (marker === 0xff) at += 1;
    else if (marker === 0xd9) return true;
    else if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) at += 2;
    else {
      const end = at + 2 + content.readUInt16BE(at + 2);
      if (marker === 0xda) return content.indexOf(JPEG_END, end) !== -1;
      at = end;
    }
  }
  return false;
}

const JPEG_END = Buffer.from([0xff, 0xd9]);

const ZIP_END = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const ZIP_ENTRY = 0x02014b50;
const ZIP_LOCAL = 0x04034b50;

/** The end-of-central-directory record: the last of its signature that fits (a comment may follow). */
function zipEnd(content: Buffer): number {
  const lowest = Math.max(0, content.length - 22 - 0xffff);
  for (let at = content.length - 22; at >= lowest; at -= 1) {
    if (content.readUInt32LE(at) === ZIP_END && at + 22 + content.readUInt16LE(at + 20) <= content.length) return at;
  }
  return -1;
}

/** Where the central directory is and how many entries it has, from the end record (or its ZIP64 form). */
function centralDirectory(
  content: Buffer,
  end: number,
): { offset: number; size: number; count: number; before: number } {
  const offset = content.readUInt32LE(end + 16);
  const size = content.readUInt32LE(end + 12);
  const count = content.readUInt16LE(end + 10);
  if (offset !== 0xffffffff && size !== 0xffffffff && count !== 0xffff) return { offset, size, count, before: end };
  const locator = end - 20;
  if (locator < 0 || content.readUInt32LE(locator) !== ZIP64_LOCATOR)
    return { offset: -1, size: 0, count: 0, before: 0 };
  const record = Number(content.readBigUInt64LE(locator + 8));
  if (record + 56 > locator || content.readUInt32LE(record) !== ZIP64_END)
    return { offset: -1, size: 0, count: 0, before: 0 };
  return {
    count: Number(content.readBigUInt64LE(record + 32)),
    size: Number(content.readBigUInt64LE(record + 40)),
    offset: Number(content.readBigUInt64LE(record + 48)),
    before: record,
  };
}

/**
 * A ZIP (DOCX and XLSX are ZIPs) is read from its end: the end record names the central directory,
 * whose entries name each file's local header. All of it must be there and say what it should.
 */
function zipWhole(content: Buffer): boolean {
  const end = zipEnd(content);
  if (end === -1) return false;
  const { offset, size, count, before } = centralDirectory(content, end);
  if (offset < 0 || offset + size > before) return false;
  let at = offset;
  for (let entry = 0; entry < count; entry += 1) {
    if (at + 46 > offset + size || content.readUInt32LE(at) !== ZIP_ENTRY) return false;
    const local = content.readUInt32LE(at + 42);
    // 0xFFFFFFFF: the offset is in the ZIP64 extra field (not followed here).
    if (local !== 0xffffffff && (local + 30 > offset || content.readUInt32LE(local) !== ZIP_LOCAL)) return false;
    at += 46 + content.readUInt16LE(at + 28) + content.readUInt16LE(at + 30) + content.readUInt16LE(at + 32);
  }
  return at <= offset + size;
}

const FREE_SECTOR = 0xffffffff;
/** Sector numbers above this are markers (end of chain, table sectors, free). */
const LAST_SECTOR = 0xfffffffa;
/** Table sectors named in the header itself; more are listed in a chain of DIFAT sectors. */
const HEADER_TABLE_SECTORS = 109;

/**
 * An old Office file (DOC, XLS: a compound file) is a header and sectors; its sector table (FAT) says
 * which sectors are in use and which follows which. Every table sector, every sector in use and every
 * sector a chain goes on to must lie within the file.
 */
function cfbWhole(content: Buffer): boolean {
  if (content.length < 512) return false;
  const shift = content.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return false;
  const size = 2 ** shift;
  const sectors = Math.ceil(content.length / size) - 1;
  const read = (sector: number, index: number) => content.readUInt32LE((sector + 1) * size + index * 4);
  const whole = (sector: number) => sector < sectors && (sector + 2) * size <= content.length;
  const tables = tableSectors(content, size, whole, read);
  if (tables === undefined || content.readUInt32LE(0x30) >= sectors) return false;
  for (const [position, table] of tables.entries()) {
    for (let index = 0; index < size / 4; index += 1) {
      const next = read(table, index);
      if (next === FREE_SECTOR) continue;
      if (position * (size / 4) + index >= sectors || (next <= LAST_SECTOR && next >= sectors)) return false;
    }
  }
  return true;
}

/** The FAT's sectors, in order: first those in the header, then those the DIFAT chain lists. */
function tableSectors(
  content: Buffer,
  size: number,
  whole: (sector: number) => boolean,
  read: (sector: number, index: number) => number,
): number[] | undefined {
  const count = content.readUInt32LE(0x2c);
  // Each table sector is a sector of the file: more than there are is a damaged header.
  if (count * size > content.length) return undefined;
  const tables: number[] = [];
  for (let index = 0; index < Math.min(count, HEADER_TABLE_SECTORS); index += 1)
    tables.push(content.readUInt32LE(0x4c + index * 4));
  const perSector = size / 4 - 1;
  for (let difat = content.readUInt32LE(0x44); tables.length < count; difat = read(difat, perSector)) {
    if (!whole(difat)) return undefined;
    for (let index = 0; index < perSector && tables.length < count; index += 1) tables.push(read(difat, index));
  }
  return tables.every(whole) ? tables : undefined;
}
