import { createWriteStream, type WriteStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { connect, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../engine/store/index.js';
import type { AttachmentMeta, OpenForWriting } from '../../server/attachments.js';
import { appServer } from '../../server/body-deadline.js';
import { ServerHarness, tinyPdf, withUsers } from './harness.js';

/** An answer to an upload sent over a real socket. */
interface Answer {
  status: number;
  body: { error?: { code: string; message: string }; id?: string };
  retryAfter: string | undefined;
}

/**
 * Upload bodies were held in memory until stored (issue: forty 19 MB uploads at once took the server to
 * 1.3 GB and stalled it); now each goes to a file as it comes and is read back only to be checked, a few
 * at a time. The server reads a bounded number at once, and says what the size limit is.
 */
describe('uploads: how many at once, and how large', () => {
  let h: ServerHarness;
  let server: Server;
  let base = '';

  beforeAll(async () => {
    h = await ServerHarness.create({ limits: { uploadsAtOnce: 3 } });
    await withUsers(h, ['park1', 'park2', 'province']);
    server = h.app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await h.close();
  });

  /**
   * Starts an upload and sends its first 10 bytes only: it stays in flight until `finish` is called
   * (`send` sends a few more of the rest).
   */
  function startUpload(
    path: string,
    token?: string,
    to = base,
    headers: Record<string, string> = {},
    label = 'in flight',
  ): { finish: () => void; send: (bytes: number) => void; leave: () => void; answer: Promise<Answer> } {
    const file = tinyPdf(label);
    let sent: ClientRequest;
    let offset = 10;
    const answer = new Promise<Answer>((resolve, reject) => {
      sent = httpRequest(
        `${to}${path}`,
        {
          method: 'POST',
          headers: {
            'Content-Length': String(file.length),
            'X-File-Name': 'a.pdf',
            ...(token !== undefined && { Authorization: `Bearer ${token}` }),
            ...headers,
          },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => {
            resolve({
              status: response.statusCode ?? 0,
              body: JSON.parse(text) as Answer['body'],
              retryAfter: response.headers['retry-after'],
            });
          });
        },
      );
      sent.on('error', reject);
      sent.write(file.subarray(0, 10));
    });
    return {
      finish: () => sent.end(file.subarray(offset)),
      send: (bytes) => {
        if (offset + bytes >= file.length) return;
        sent.write(file.subarray(offset, offset + bytes));
        offset += bytes;
      },
      // The sender goes away: its connection closed, whatever was sent.
      leave: () => sent.destroy(),
      answer,
    };
  }

  const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
  /** Waits for what the server does out of sight (a file written, a store call) to be so. */
  async function until(check: () => boolean | Promise<boolean>): Promise<void> {
    while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  it('reads two uploads of one account at once; a third waits its turn (503, Retry-After), in Chinese or English', async () => {
    const first = startUpload('/api/attachments', h.token('park1'));
    const second = startUpload('/api/attachments', h.token('park1'));
    await settle();
    const third = startUpload('/api/attachments', h.token('park1'));
    third.finish();
    const refused = await third.answer;
    expect(refused.status).toBe(503);
    expect(refused.retryAfter).toBe('5');
    expect(refused.body.error).toEqual({ code: 'busy', message: '同时上传的文件过多，请稍候几秒再上传' });
    const english = startUpload('/api/attachments', h.token('park1'), base, { 'Accept-Language': 'en' });
    english.finish();
    expect((await english.answer).body.error).toEqual({
      code: 'busy',
      message: 'Too many files are being uploaded at once; upload again in a few seconds',
    });

    // Another account is not held up by the first one's uploads.
    const other = startUpload('/api/attachments', h.token('park2'));
    other.finish();
    expect((await other.answer).status).toBe(201);

    first.finish();
    second.finish();
    expect((await first.answer).status).toBe(201);
    expect((await second.answer).status).toBe(201);
    const again = startUpload('/api/attachments', h.token('park1'));
    again.finish();
    expect((await again.answer).status).toBe(201);
  });

  it('reads at most the server-wide number at once, the public’s uploads included', async () => {
    const held = [
      startUpload('/api/attachments', h.token('park1')),
      startUpload('/api/attachments', h.token('park2')),
      startUpload('/api/public/attachments'),
    ];
    await settle();
    const late = startUpload('/api/attachments', h.token('province'));
    late.finish();
    expect((await late.answer).status).toBe(503);
    for (const upload of held) upload.finish();
    for (const upload of held) expect((await upload.answer).status).toBe(201);
  });

  it("keeps places for signed-in users: the public holds at most half, and an anonymous upload to a user's route takes none", async () => {
    const stalled = startUpload('/api/public/attachments');
    await settle();
    const secondPublic = startUpload('/api/public/attachments');
    secondPublic.finish();
    expect((await secondPublic.answer).status).toBe(503);
    const anonymous = startUpload('/api/attachments');
    anonymous.finish();
    expect((await anonymous.answer).status).toBe(401);
    const official = startUpload('/api/attachments', h.token('province'));
    official.finish();
    expect((await official.answer).status).toBe(201);
    stalled.finish();
    expect((await stalled.answer).status).toBe(201);
  });

  it('drops an upload that stops sending, and frees its place', async () => {
    const idle = await ServerHarness.create({ limits: { uploadsAtOnce: 2, uploadIdleMs: 300 } });
    await withUsers(idle, ['park1']);
    const listening = idle.app.listen(0);
    await new Promise((resolve) => listening.once('listening', resolve));
    const to = `http://127.0.0.1:${String((listening.address() as AddressInfo).port)}`;
    try {
      const stalled = [
        startUpload('/api/attachments', idle.token('park1'), to),
        startUpload('/api/public/attachments', undefined, to),
      ];
      for (const upload of stalled) await expect(upload.answer).rejects.toThrow(/socket hang up|ECONNRESET/);
      const next = [
        startUpload('/api/attachments', idle.token('park1'), to),
        startUpload('/api/attachments', idle.token('park1'), to),
      ];
      for (const upload of next) upload.finish();
      for (const upload of next) expect((await upload.answer).status).toBe(201);
    } finally {
      await new Promise((resolve) => listening.close(resolve));
      await idle.close();
    }
  });

  it('drops an upload that trickles (a byte now and then, never idle), and frees its place', async () => {
    const slow = await ServerHarness.create({
      limits: { uploadsAtOnce: 4, uploadMinBytesPerSecond: 200, uploadRateGraceMs: 400 },
    });
    const listening = slow.app.listen(0);
    await new Promise((resolve) => listening.once('listening', resolve));
    const to = `http://127.0.0.1:${String((listening.address() as AddressInfo).port)}`;
    try {
      // One of the public's two places (half of four), held by a byte every 50 ms: far from idle (30 s).
      const trickle = startUpload('/api/public/attachments', undefined, to);
      const drip = setInterval(() => {
        trickle.send(1);
      }, 50);
      try {
        await expect(trickle.answer).rejects.toThrow(/socket hang up|ECONNRESET/);
      } finally {
        clearInterval(drip);
      }
      const next = startUpload('/api/public/attachments', undefined, to);
      next.finish();
      expect((await next.answer).status).toBe(201);
    } finally {
      await new Promise((resolve) => listening.close(resolve));
      await slow.close();
    }
  });

  /**
   * A server whose four upload places hold two for the public, and uploads from it trickling 10 bytes
   * every 50 ms: 200 B/s, above the minimum (100), below the pressed rate (2,000).
   */
  async function pressedServer(limits: { uploadRateGraceMs: number; uploadPressedGraceMs?: number }) {
    const pressed = await ServerHarness.create({
      limits: { uploadsAtOnce: 4, uploadMinBytesPerSecond: 100, uploadPressedBytesPerSecond: 2000, ...limits },
    });
    const listening = pressed.app.listen(0);
    await new Promise((resolve) => listening.once('listening', resolve));
    const to = `http://127.0.0.1:${String((listening.address() as AddressInfo).port)}`;
    const drips: NodeJS.Timeout[] = [];
    return {
      to,
      trickle: (address: string) => {
        // 10 KB: 50 s of it at that rate.
        const headers = { 'X-Forwarded-For': address };
        const upload = startUpload('/api/public/attachments', undefined, to, headers, 'x'.repeat(10_000));
        drips.push(
          setInterval(() => {
            upload.send(10);
          }, 50),
        );
        // How it ends, heard as it happens (a rejection heard late counts as unhandled).
        const ended = upload.answer.then(
          () => 'answered',
          (error: unknown) => (error as Error).message,
        );
        let over = false;
        void ended.then(() => (over = true));
        return { ...upload, ended, over: () => over };
      },
      close: async () => {
        for (const drip of drips) clearInterval(drip);
        await new Promise((resolve) => listening.close(resolve));
        await pressed.close();
      },
    };
  }

  it('drops an upload slower than the pressed rate while the public’s places are all held (at 1.5 KB/s, 16 from 8 addresses held them for hours); not before', async () => {
    const { to, trickle, close } = await pressedServer({ uploadRateGraceMs: 400 });
    try {
      // One of the public's two places held: it keeps it past its grace, at twice the minimum.
      const first = trickle('203.0.113.5');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(first.over()).toBe(false);
      // Both held: one found too slow now goes, and its place is another's.
      const second = trickle('198.51.100.7');
      expect(await Promise.race([first.ended, second.ended])).toMatch(/socket hang up|ECONNRESET/);
      const next = startUpload('/api/public/attachments', undefined, to, { 'X-Forwarded-For': '192.0.2.9' });
      next.finish();
      expect((await next.answer).status).toBe(201);
      for (const upload of [first, second]) upload.leave();
    } finally {
      await close();
    }
  });

  it('gives a newcomer the place of the slowest upload under way while every public place is held (senders reconnecting at once took each place freed first)', async () => {
    // Not dropped by the rate check while the test runs: only a newcomer takes their place.
    const { to, trickle, close } = await pressedServer({ uploadRateGraceMs: 60_000, uploadPressedGraceMs: 300 });
    const newcomer = () => {
      const upload = startUpload('/api/public/attachments', undefined, to, { 'X-Forwarded-For': '192.0.2.9' });
      upload.finish();
      return upload.answer;
    };
    try {
      const held = [trickle('203.0.113.5'), trickle('198.51.100.7')];
      await settle();
      // Under way less than the pressed grace: no place is taken from them.
      expect((await newcomer()).status).toBe(503);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect((await newcomer()).status).toBe(201);
      expect(await Promise.race(held.map((upload) => upload.ended))).toMatch(/socket hang up|ECONNRESET/);
      // The other keeps its place, and goes with the test.
      for (const upload of held) upload.leave();
    } finally {
      await close();
    }
  });

  it('writes a body to a file as it comes: two uploads trickling from one address leave the public other places (they held its only two)', async () => {
    const roomy = await ServerHarness.create();
    const listening = roomy.app.listen(0);
    await new Promise((resolve) => listening.once('listening', resolve));
    const to = `http://127.0.0.1:${String((listening.address() as AddressInfo).port)}`;
    // Addresses as a proxy on this machine names them (trusted: loopback).
    const from = (address: string) => ({ 'X-Forwarded-For': address });
    const incoming = async () =>
      (await readdir(roomy.attachments.filesDir).catch(() => [])).filter((name) => name.startsWith('incoming.'));
    try {
      const held = [
        startUpload('/api/public/attachments', undefined, to, from('203.0.113.5')),
        startUpload('/api/public/attachments', undefined, to, from('203.0.113.5')),
      ];
      await settle();
      // On disk while they come, not in memory.
      expect(await incoming()).toHaveLength(2);
      const another = startUpload('/api/public/attachments', undefined, to, from('198.51.100.7'));
      another.finish();
      expect((await another.answer).status).toBe(201);
      for (const upload of held) upload.finish();
      for (const upload of held) expect((await upload.answer).status).toBe(201);
      expect(await incoming()).toEqual([]);
    } finally {
      await new Promise((resolve) => listening.close(resolve));
      await roomy.close();
    }
  });

  it('lets a sender go while it waits for a check turn, or mid-body: its file removed, its turn and place given on, nothing stored', async () => {
    // The first four uploads are held in the store, their check turns taken, until `release`.
    let release = () => {};
    const stored = new Promise<void>((resolve) => (release = resolve));
    let storing = 0;
    class HeldAttachments extends MemoryStore {
      override async put(collection: string, id: string, value: unknown): Promise<void> {
        if (collection === 'attachments') {
          storing += 1;
          await stored;
        }
        return super.put(collection, id, value);
      }
    }
    const logged: string[] = [];
    const held = await ServerHarness.create({
      store: new HeldAttachments(),
      logger: pino({ level: 'warn' }, { write: (line: string) => logged.push(line) }),
    });
    await withUsers(held, ['park1', 'park2', 'province']);
    const listening = held.app.listen(0);
    await new Promise((resolve) => listening.once('listening', resolve));
    const to = `http://127.0.0.1:${String((listening.address() as AddressInfo).port)}`;
    const dir = held.attachments.filesDir;
    const incoming = async () => (await readdir(dir).catch(() => [])).filter((name) => name.startsWith('incoming.'));
    const whole = tinyPdf('in flight').length;
    try {
      const checking = ['park1', 'park1', 'park2', 'park2'].map((user) =>
        startUpload('/api/attachments', held.token(user), to),
      );
      for (const upload of checking) upload.finish();
      await until(() => storing === 4);

      // Its whole body on disk, waiting for a turn, the sender leaves.
      const waiting = startUpload('/api/attachments', held.token('province'), to);
      waiting.finish();
      await until(async () => {
        const [name] = await incoming();
        return name !== undefined && (await stat(join(dir, name))).size === whole;
      });
      waiting.leave();
      await expect(waiting.answer).rejects.toThrow(/socket hang up|ECONNRESET/);
      // One leaving mid-body.
      const cut = startUpload('/api/attachments', held.token('province'), to);
      await until(async () => (await incoming()).length === 2);
      cut.leave();
      await expect(cut.answer).rejects.toThrow(/socket hang up|ECONNRESET/);

      // Their places are free: the same sender may have two more under way.
      const next = [0, 1].map(() => startUpload('/api/attachments', held.token('province'), to));
      for (const upload of next) upload.finish();
      release();
      for (const upload of [...checking, ...next]) expect((await upload.answer).status).toBe(201);
      expect(await incoming()).toEqual([]);
      expect((await held.attachments.records()).records).toHaveLength(6);
      expect(logged).toEqual([]);
    } finally {
      release();
      await new Promise((resolve) => listening.close(resolve));
      await held.close();
    }
  });

  it('removes the file of a sender who left before the file was open (a loaded disk opens it late)', async () => {
    let open = () => {};
    const opening = new Promise<void>((resolve) => (open = resolve));
    let asked = false;
    let made = false;
    const late = await ServerHarness.create({
      openForWriting: (path) => {
        asked = true;
        let file: WriteStream | undefined;
        return new Writable({
          construct(done) {
            void opening.then(() => {
              file = createWriteStream(path);
              file.once('open', () => {
                made = true;
                done();
              });
            });
          },
          write(chunk: Buffer, _encoding, done) {
            file?.write(chunk, done);
          },
          destroy(error, done) {
            if (file === undefined || file.closed) done(error);
            else {
              file.once('close', () => {
                done(error);
              });
              file.destroy();
            }
          },
        });
      },
    });
    await withUsers(late, ['park1']);
    const listening = late.app.listen(0);
    await new Promise((resolve) => listening.once('listening', resolve));
    const to = `http://127.0.0.1:${String((listening.address() as AddressInfo).port)}`;
    try {
      const gone = startUpload('/api/attachments', late.token('park1'), to);
      await until(() => asked);
      gone.leave();
      await expect(gone.answer).rejects.toThrow(/socket hang up|ECONNRESET/);
      // The server has seen the sender go; only then is the file made.
      await settle();
      open();
      await until(() => made);
      await until(async () => !(await readdir(late.attachments.filesDir)).some((name) => name.startsWith('incoming.')));
    } finally {
      await new Promise((resolve) => listening.close(resolve));
      await late.close();
    }
  });

  it('keeps nothing of a sender who left while its upload was checked or its record written: it was never confirmed, nothing can cite it', async () => {
    // The stored bytes' write, then the record's, each held until `go`; the store tells what it was asked.
    const gates = { bytes: false, record: false };
    let go = () => {};
    let held = new Promise<void>((resolve) => (go = resolve));
    let holding = false;
    const asked: string[] = [];
    class WatchedRecords extends MemoryStore {
      override async put(collection: string, id: string, value: unknown): Promise<void> {
        if (collection === 'attachments') {
          asked.push('put');
          if (gates.record) {
            holding = true;
            await held;
          }
        }
        return super.put(collection, id, value);
      }
      override async commit(...args: Parameters<MemoryStore['commit']>): Promise<void> {
        if (args[0].some((write) => write.kind === 'delete' && write.collection === 'attachments'))
          asked.push('delete');
        return super.commit(...args);
      }
    }
    const watched = await ServerHarness.create({
      store: new WatchedRecords(),
      openForWriting: (path) => {
        const file = createWriteStream(path);
        if (path.endsWith('.part') || !gates.bytes) return file;
        holding = true;
        return new Writable({
          write(chunk: Buffer, _encoding, done) {
            void held.then(() => file.write(chunk, done));
          },
          final(done) {
            file.end(done);
          },
        });
      },
    });
    await withUsers(watched, ['park1']);
    const listening = watched.app.listen(0);
    await new Promise((resolve) => listening.once('listening', resolve));
    const to = `http://127.0.0.1:${String((listening.address() as AddressInfo).port)}`;
    const stored = async () =>
      (await readdir(watched.attachments.filesDir).catch(() => [])).filter((name) => !name.startsWith('incoming.'));
    try {
      for (const gate of ['bytes', 'record'] as const) {
        gates[gate] = true;
        asked.length = 0;
        holding = false;
        held = new Promise<void>((resolve) => (go = resolve));
        const gone = startUpload('/api/attachments', watched.token('park1'), to);
        gone.finish();
        await until(() => holding);
        gone.leave();
        await expect(gone.answer).rejects.toThrow(/socket hang up|ECONNRESET/);
        // The server has seen the sender go (its place is free again) before the check goes on.
        await settle();
        go();
        // Never recorded once its bytes are in; recorded while it left, then deleted: either way, nothing kept.
        if (gate === 'bytes') {
          await until(() => asked.length > 0);
          expect(asked).toEqual(['delete']);
        } else await until(() => asked.includes('delete'));
        await until(async () => (await stored()).length === 0);
        expect((await watched.attachments.records()).records, gate).toEqual([]);
        gates[gate] = false;
      }
      // One who stays is answered and kept, as before.
      const stays = startUpload('/api/attachments', watched.token('park1'), to);
      stays.finish();
      expect((await stays.answer).status).toBe(201);
      expect((await watched.attachments.records()).records).toHaveLength(1);
    } finally {
      go();
      await new Promise((resolve) => listening.close(resolve));
      await watched.close();
    }
  });

  it('takes an upload that comes steadily for longer than any other body may take; cuts such a body, and slow headers, still', async () => {
    // Bodies 300 ms (5 minutes in service), headers 300 ms (60 s): as serve.ts starts the server.
    const timed = await ServerHarness.create({ limits: { requestBodyMs: 300 } });
    await withUsers(timed, ['park1']);
    const listening = appServer(timed.app, { headersMs: 300, checkEveryMs: 50 }).listen(0);
    await new Promise((resolve) => listening.once('listening', resolve));
    const port = (listening.address() as AddressInfo).port;
    const to = `http://127.0.0.1:${String(port)}`;
    const pause = () => new Promise((resolve) => setTimeout(resolve, 50));
    try {
      // Under Node's whole-request deadline (5 minutes) a 20 MB upload slower than 68 KB/s was cut.
      const steady = startUpload('/api/attachments', timed.token('park1'), to);
      for (let piece = 0; piece < 16; piece++) {
        await pause();
        steady.send(5);
      }
      steady.finish();
      expect((await steady.answer).status).toBe(201);

      // A JSON body that takes longer is cut, as Node's deadline cut it.
      const json = httpRequest(`${to}/api/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': '100' },
      });
      const cut = new Promise((resolve, reject) => {
        json.on('response', resolve);
        json.on('error', reject);
      });
      json.write('{"username":');
      await expect(cut).rejects.toThrow(/socket hang up|ECONNRESET/);

      // Headers that never end are cut too (Node's headersTimeout).
      const socket = connect(port, '127.0.0.1');
      socket.write('POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      let heard = '';
      socket.on('data', (chunk: Buffer) => (heard += chunk.toString()));
      await new Promise((resolve) => socket.once('close', resolve));
      expect(heard).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await new Promise((resolve) => listening.close(resolve));
      await timed.close();
    }
  });

  it('says what the size limit is when a file is too large', async () => {
    const tooLarge = await h.api.post('/api/attachments', {
      token: h.token('park1'),
      raw: Buffer.concat([tinyPdf('big'), Buffer.alloc(300 * 1024)]),
      headers: { 'X-File-Name': 'big.pdf' },
      request: 'unchecked',
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toEqual({ error: { code: 'too-large', message: '附件不能超过 256 KB' } });
  });

  it('takes a file as it is, never compressed: 2 KB of gzip stored 200 KB (a kilobyte a megabyte), the public and a park alike', async () => {
    const padded = Buffer.from(`%PDF-1.4\n%${' '.repeat(200 * 1024)}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
    for (const [path, token] of [
      ['/api/public/attachments', undefined],
      ['/api/attachments', h.token('park2')],
    ] as const) {
      for (const encoding of ['gzip', 'deflate', 'br']) {
        const raw =
          encoding === 'gzip'
            ? gzipSync(padded)
            : encoding === 'deflate'
              ? deflateSync(padded)
              : brotliCompressSync(padded);
        const sent = await h.api.post(path, {
          token,
          raw,
          headers: { 'X-File-Name': 'padded.pdf', 'Content-Encoding': encoding },
        });
        expect(sent.status, `${path} ${encoding}`).toBe(415);
        expect(sent.body).toEqual({
          error: {
            code: 'unsupported-encoding',
            message: '请按原样上传文件：不接受压缩传输的请求体（Content-Encoding）',
          },
        });
      }
      // As it is, the same file is taken.
      const plain = await h.api.post(path, { token, raw: padded, headers: { 'X-File-Name': 'padded.pdf' } });
      expect(plain.status, path).toBe(201);
    }
  });

  it('tells anyone the limit as a refusal words it (the upload widget refuses a larger file before sending)', async () => {
    const limits = await h.api.get('/api/attachments/limits');
    expect(limits.status).toBe(200);
    expect(limits.body).toEqual({
      maxBytes: 256 * 1024,
      maxSize: '256 KB',
      types: ['PDF', 'PNG', 'JPEG', 'DOCX', 'XLSX', 'XLS', 'DOC', 'ZIP'],
    });
    const tooLarge = await h.api.post('/api/public/attachments', {
      raw: Buffer.concat([tinyPdf('big'), Buffer.alloc(256 * 1024)]),
      request: 'unchecked',
    });
    expect((tooLarge.body as { error: { message: string } }).error.message).toBe('附件不能超过 256 KB');
  });

  it('names each accepted type once when refusing another', async () => {
    const text = await h.api.post('/api/attachments', {
      token: h.token('park1'),
      raw: Buffer.from('plain text, not a document'),
      headers: { 'X-File-Name': 'note.txt' },
      request: 'unchecked',
    });
    expect(text.status).toBe(422);
    expect(text.text).toContain('只接受 PDF、PNG、JPEG、DOCX、XLSX、XLS、DOC、ZIP 文件');
  });
});

describe('uploads: how many an account may make in an hour', () => {
  let h: ServerHarness;
  beforeAll(async () => {
    h = await ServerHarness.create({ limits: { userUploadsPerHour: 3 } });
    await withUsers(h, ['park1', 'park2']);
  });
  afterAll(async () => {
    await h.close();
  });

  const upload = (user: string, english = false) =>
    h.api.post('/api/attachments', {
      token: h.token(user),
      raw: tinyPdf(`${user} ${String(Math.random())}`),
      type: 'application/pdf',
      headers: { 'X-File-Name': 'plan.pdf', ...(english && { 'Accept-Language': 'en' }) },
    });

  it('refuses an account past its hourly count (429, Retry-After, in Chinese or English); another account uploads on', async () => {
    for (let index = 0; index < 3; index++) expect((await upload('park1')).status).toBe(201);
    const refused = await upload('park1');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((refused.body as { error: { message: string } }).error.message).toMatch(
      /^上传文件过于频繁：每个账户每小时最多 3 个，请 \d+ 分钟后再试$/,
    );
    expect((await upload('park1', true)).body).toMatchObject({
      error: {
        code: 'too-many-requests',
        message: expect.stringMatching(/^Too many uploads: at most 3 an hour/) as string,
      },
    });
    expect((await upload('park2')).status).toBe(201);
  });
});

/**
 * A disk with room for `room(path)` more bytes in each file written: what fits is written, then the
 * write fails as a full disk's does (ENOSPC), leaving the part written on disk.
 */
function diskWith(room: (path: string) => number): OpenForWriting {
  return (path) => {
    const file = createWriteStream(path);
    let written = 0;
    return new Writable({
      write(chunk: Buffer, _encoding, done) {
        const fits = chunk.subarray(0, Math.max(0, room(path) - written));
        written += fits.length;
        file.write(fits, (error) => {
          if (error) done(error);
          else if (fits.length < chunk.length)
            done(Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC' }));
          else done();
        });
      },
      final(done) {
        file.end(done);
      },
      destroy(error, done) {
        if (file.closed) done(error);
        else {
          file.once('close', () => {
            done(error);
          });
          file.destroy();
        }
      },
    });
  };
}

describe('uploads: when the disk is full', () => {
  let h: ServerHarness;
  /** Bytes left on the disk for an upload's body as it comes, and for the file it is stored as. */
  const room = { incoming: Infinity, stored: Infinity };
  const logged: string[] = [];
  beforeAll(async () => {
    h = await ServerHarness.create({
      // Two places in all, two per account: a place not freed refuses the next upload (503).
      limits: { uploadsAtOnce: 2 },
      openForWriting: diskWith((path) => (path.endsWith('.part') ? room.incoming : room.stored)),
      logger: pino({ level: 'error' }, { write: (line: string) => logged.push(line) }),
    });
    await withUsers(h, ['park1']);
  });
  afterAll(async () => {
    await h.close();
  });

  // Sent in several pieces, so part of it is on disk when the disk fills.
  const file = Buffer.from(`%PDF-1.4\n%${' '.repeat(200 * 1024)}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
  const upload = (path: string, english = false) =>
    h.api.post(path, {
      ...(path === '/api/attachments' && { token: h.token('park1') }),
      raw: file,
      headers: { 'X-File-Name': 'plan.pdf', ...(english && { 'Accept-Language': 'en' }) },
      allow5xx: true,
    });
  const files = async () => (await readdir(h.attachments.filesDir).catch(() => [])).sort();

  it('says so (507, in Chinese or English), keeps no part of the file nor a record, frees the place, and tells the operator', async () => {
    for (const [full, left] of [
      ['incoming', 1000],
      ['stored', 1000],
    ] as const) {
      room[full] = left;
      for (const path of ['/api/attachments', '/api/attachments', '/api/public/attachments', '/api/attachments']) {
        const refused = await upload(path);
        expect(refused.status, `${full} ${path}`).toBe(507);
        expect(refused.body).toEqual({
          error: {
            code: 'insufficient-storage',
            message: '服务器存储空间不足，文件未能保存，请稍后再试或联系系统管理员',
          },
        });
      }
      expect((await upload('/api/attachments', true)).body).toEqual({
        error: {
          code: 'insufficient-storage',
          message:
            'The server is out of storage space, so the file was not saved; try again later or tell the system administrator',
        },
      });
      expect(await files(), full).toEqual([]);
      expect((await h.attachments.records()).records).toEqual([]);
      room[full] = Infinity;
    }
    expect(logged.filter((line) => line.includes('ENOSPC'))).toHaveLength(10);

    // Room again: the same upload is stored whole.
    const stored = await upload('/api/attachments');
    expect(stored.status).toBe(201);
    expect((await h.attachments.content(stored.body as AttachmentMeta)).equals(file)).toBe(true);
  });
});

describe('uploads: when the record cannot be written once the bytes are', () => {
  /** How the next attachment records fail: before anything is written, or once written (a flush that failed). */
  const failing: { error?: Error; afterWriting?: boolean } = {};
  class FailingRecords extends MemoryStore {
    override async put(collection: string, id: string, value: unknown): Promise<void> {
      const { error, afterWriting } = failing;
      if (collection !== 'attachments' || error === undefined) return super.put(collection, id, value);
      if (afterWriting === true) await super.put(collection, id, value);
      throw error;
    }
  }
  const failure = (code: string) => Object.assign(new Error(`${code}: the record's write failed`), { code });
  let h: ServerHarness;
  const logged: string[] = [];
  beforeAll(async () => {
    h = await ServerHarness.create({
      store: new FailingRecords(),
      // Two places in all, two per account: a place not freed refuses the next upload (503).
      limits: { uploadsAtOnce: 2 },
      logger: pino({ level: 'error' }, { write: (line: string) => logged.push(line) }),
    });
    await withUsers(h, ['park1']);
  });
  afterAll(async () => {
    await h.close();
  });

  const upload = (path: string, content = tinyPdf('evidence'), english = false) =>
    h.api.post(path, {
      ...(path === '/api/attachments' && { token: h.token('park1') }),
      raw: content,
      headers: { 'X-File-Name': 'plan.pdf', ...(english && { 'Accept-Language': 'en' }) },
      allow5xx: true,
    });
  const files = async () => (await readdir(h.attachments.filesDir).catch(() => [])).sort();

  it('keeps neither the bytes nor a record: 507 for a full disk, 500 for any other failure, the place freed', async () => {
    const paths = ['/api/attachments', '/api/attachments', '/api/public/attachments', '/api/attachments'];
    for (const afterWriting of [false, true]) {
      failing.afterWriting = afterWriting;
      failing.error = failure('ENOSPC');
      for (const path of paths) {
        const refused = await upload(path, tinyPdf(`full ${path} ${String(afterWriting)}`));
        expect(refused.status, `${path} ${String(afterWriting)}`).toBe(507);
        expect(refused.body).toEqual({
          error: {
            code: 'insufficient-storage',
            message: '服务器存储空间不足，文件未能保存，请稍后再试或联系系统管理员',
          },
        });
      }
      expect((await upload('/api/attachments', tinyPdf('in English'), true)).body).toEqual({
        error: {
          code: 'insufficient-storage',
          message:
            'The server is out of storage space, so the file was not saved; try again later or tell the system administrator',
        },
      });
      failing.error = failure('EIO');
      for (const path of paths) {
        const failed = await upload(path, tinyPdf(`failed ${path} ${String(afterWriting)}`));
        expect(failed.status, `${path} ${String(afterWriting)}`).toBe(500);
        expect(failed.body).toEqual({ error: { code: 'internal', message: '服务器内部错误，请稍后重试' } });
      }
      expect(await files(), String(afterWriting)).toEqual([]);
      expect((await h.attachments.records()).records).toEqual([]);
    }
    expect(logged.filter((line) => line.includes('ENOSPC'))).toHaveLength(10);
    expect(logged.filter((line) => line.includes('EIO'))).toHaveLength(8);

    // The store writes again: the same upload is stored whole.
    delete failing.error;
    const stored = await upload('/api/attachments');
    expect(stored.status).toBe(201);
    expect((await h.attachments.content(stored.body as AttachmentMeta)).equals(tinyPdf('evidence'))).toBe(true);
  });

  it('leaves the bytes of an identical upload stored before (one file for both) where they are', async () => {
    delete failing.error;
    const first = await upload('/api/attachments', tinyPdf('twice'));
    expect(first.status).toBe(201);
    const before = await files();
    for (const afterWriting of [false, true]) {
      Object.assign(failing, { error: failure('ENOSPC'), afterWriting });
      expect((await upload('/api/public/attachments', tinyPdf('twice'))).status).toBe(507);
    }
    delete failing.error;
    expect(await files()).toEqual(before);
    expect((await h.attachments.content(first.body as AttachmentMeta)).equals(tinyPdf('twice'))).toBe(true);
    expect((await h.attachments.records()).records.map((meta) => meta.id)).toContain((first.body as AttachmentMeta).id);
  });
});
