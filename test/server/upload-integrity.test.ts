import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyCompoundFile, tinyDocx, tinyJpeg, tinyPng } from '../support/sample-files.js';
import { ServerHarness, tinyPdf, withUsers } from './harness.js';

/** A file cut off in transfer keeps its first bytes, so its type was told and it was stored, unreadable. */
describe('uploads: a damaged or incomplete file is refused, said apart from an unsupported type', () => {
  let h: ServerHarness;
  let xlsx: Buffer;

  beforeAll(async () => {
    h = await ServerHarness.create();
    await withUsers(h, ['park1']);
    const book = new ExcelJS.Workbook();
    book.addWorksheet('指标').addRow(['合格率', 97.8]);
    xlsx = Buffer.from(await book.xlsx.writeBuffer());
  });
  afterAll(async () => {
    await h.close();
  });

  const upload = (content: Buffer, name: string) =>
    h.api.post('/api/attachments', {
      token: h.token('park1'),
      raw: content,
      headers: { 'X-File-Name': encodeURIComponent(name) },
      request: 'unchecked',
    });

  const damagedMessage = (name: string) => `文件「${name}」已损坏或不完整，请重新导出后上传`;

  /** Each accepted type, whole, and cut short the way a transfer breaks off. */
  const samples = () => ({
    '方案.pdf': { whole: tinyPdf('plan'), cut: tinyPdf('plan').subarray(0, -8) },
    '照片.png': { whole: tinyPng(), cut: tinyPng().subarray(0, -12) },
    '照片.jpg': { whole: tinyJpeg(), cut: tinyJpeg().subarray(0, -2) },
    '方案.docx': { whole: tinyDocx(), cut: tinyDocx().subarray(0, 900) },
    '指标.xlsx': { whole: xlsx, cut: xlsx.subarray(0, Math.floor(xlsx.length * 0.9)) },
    '旧表.xls': { whole: tinyCompoundFile(), cut: tinyCompoundFile().subarray(0, 1024) },
  });

  it('stores each accepted type whole, and refuses it cut short with a message naming the file', async () => {
    for (const [name, { whole, cut }] of Object.entries(samples())) {
      expect((await upload(whole, name)).status, name).toBe(201);
      const refused = await upload(cut, name);
      expect(refused.status, name).toBe(422);
      expect(refused.body, name).toEqual({
        error: { code: 'validation', message: damagedMessage(name), field: 'file' },
      });
    }
  });

  it('a DOCX whose central directory is garbage, or lies outside the file, is damaged', async () => {
    const docx = tinyDocx();
    const end = docx.length - 22;
    const directoryAt = docx.readUInt32LE(end + 16);
    const garbage = Buffer.from(docx);
    garbage.fill(0x5a, directoryAt, end);
    expect((await upload(garbage, '方案.docx')).body).toEqual({
      error: { code: 'validation', message: damagedMessage('方案.docx'), field: 'file' },
    });
    const outside = Buffer.from(docx);
    outside.writeUInt32LE(docx.length + 100, end + 16);
    expect((await upload(outside, '方案.docx')).status).toBe(422);
  });

  it('tolerates what readers tolerate: bytes after the end, a ZIP comment', async () => {
    const after = (content: Buffer, tail: string) => Buffer.concat([content, Buffer.from(tail)]);
    const commented = Buffer.from(tinyDocx());
    commented.writeUInt16LE(7, commented.length - 2);
    for (const [name, content] of Object.entries({
      'a.pdf': after(tinyPdf('padded'), '\r\n\n   '),
      'b.jpg': after(tinyJpeg(), 'motion photo data'),
      'c.png': after(tinyPng(), 'trailer'),
      'd.docx': Buffer.concat([commented, Buffer.from('comment')]),
    }))
      expect((await upload(content, name)).status, name).toBe(201);
  });

  it('a file named as an accepted type whose content is none reads as damaged; otherwise as unsupported', async () => {
    const text = Buffer.from('<html>登录已过期</html>');
    expect((await upload(text, '申报书.pdf')).body).toEqual({
      error: { code: 'validation', message: damagedMessage('申报书.pdf'), field: 'file' },
    });
    const unsupported = await upload(text, '申报书.html');
    expect(unsupported.status).toBe(422);
    expect(unsupported.text).toContain('附件类型不支持');
  });
});
