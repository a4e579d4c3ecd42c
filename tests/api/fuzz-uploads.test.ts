/**
 * Every upload operation (see fuzz.test.ts for the fuzzer as a whole): good files under hostile names that
 * must come back out as attachments, wrong kinds, missing or non-file parts, files that are not what they claim,
 * empty and over 10 MB, broken multipart bodies, and uploads generated from the schema for every actor.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Request } from '../support/fuzz-exchange.ts';
import {
  attachmentKinds,
  big,
  emptyFile,
  file,
  form,
  goodFiles,
  jpeg,
  notAllowed,
  type Part,
} from '../support/fuzz-files.ts';
import {
  check,
  closeFuzzWorld,
  type Expectation,
  judge,
  numberedOperations,
  runs,
} from '../support/fuzz-judge.ts';
import { oddStrings } from '../support/fuzz-mutation.ts';
import { operations } from '../support/fuzz-operations.ts';
import { actorArbitrary, bindingFor, mostly, pathOf } from '../support/fuzz-requests.ts';
import { type FuzzWorld, fuzzWorld } from '../support/fuzz-world.ts';

let fw: FuzzWorld;
beforeAll(async () => {
  fw = await fuzzWorld();
}, 60_000);
afterAll(() => closeFuzzWorld(fw));

const numbered = numberedOperations((op) => Boolean(op.multipart));

describe.each(numbered)('%s', (_name, op, index) => {
  const salt = index * 100;
  const method = op.method.toUpperCase();

  it('refuses bad uploads: wrong kind, missing file, non-PDF named .pdf, empty, over 10 MB', {
    timeout: 60_000,
  }, async () => {
    const actor = fw.uploader;
    const path = pathOf(op, { id: fw.uploadDraft });
    const send = async (body: FormData, e: Expectation, what: string, contentType?: string) => {
      const req: Request = { actor, method, path, body, contentType };
      const answer = await fw.exchange(req);
      judge(op, req, answer, e, what);
      return answer;
    };
    // Every good file, odd names included, goes in and comes back out.
    const download = operations.find((o) => o.method === 'get' && o.path.endsWith('{attachmentId}'));
    for (const [i, good] of goodFiles.entries()) {
      const kind = attachmentKinds[i % attachmentKinds.length];
      const added = await send(
        form({ kind, file: good }),
        { status: 201 },
        `file named ${JSON.stringify(good.name.slice(0, 30))}`,
      );
      if (!download) continue;
      const req: Request = { actor, method: 'GET', path: `${path}/${added.json.id}` };
      const back = await fw.exchange(req);
      judge(download, req, back, { status: 200 }, `download of ${JSON.stringify(good.name.slice(0, 30))}`);
      expect(back.headers.get('content-disposition'), 'downloads are attachments').toMatch(/^attachment;/);
    }
    for (const kind of ['passport', 'DEGREE', 'degree\u200b', ' degree', '', '长'.repeat(1000), '__proto__'])
      await send(
        form({ kind, file: goodFiles[0] }),
        { status: 400 },
        `wrong kind ${JSON.stringify(kind.slice(0, 20))}`,
      );
    await send(form({ file: goodFiles[0] }), { status: 400 }, 'kind missing');
    await send(form({ kind: goodFiles[0], file: goodFiles[0] }), { status: 400 }, 'kind sent as a file');
    await send(form({ kind: 'degree' }), { status: 400 }, 'file missing');
    // What a browser sends when no file was chosen: a part with an empty file name.
    await send(form({ kind: 'degree', file: file(jpeg, '') }), { status: 400 }, 'file with no name');
    await send(form({ kind: 'degree', file: 'just text' }), { status: 400 }, 'file sent as text');
    await send(form({ kind: 'degree', files: goodFiles[0] }), { status: 400 }, 'file under another name');
    for (const bad of notAllowed)
      await send(form({ kind: 'degree', file: bad }), { status: 415 }, `not allowed: ${bad.name}`);
    await send(form({ kind: 'degree', file: emptyFile }), { status: 422 }, 'an empty file');
    await send(form({ kind: 'degree', file: big().exactly }), { status: 201 }, 'exactly 10 MB');
    await send(form({ kind: 'degree', file: big().over }), { status: 413 }, '10 MB + 1 byte');
    await send(
      form({ kind: 'degree', file: big().overLimit }),
      { status: 413 },
      'over the upload body limit',
    );
    await send(
      form({ kind: 'degree', file: goodFiles[0] }),
      { refuse: true },
      'multipart sent as JSON',
      'application/json',
    );
    await send(
      form({ kind: 'degree', file: goodFiles[0] }),
      { refuse: true },
      'multipart without boundary',
      'multipart/form-data',
    );
    await send(
      form({ kind: 'degree', file: goodFiles[0] }),
      { refuse: true },
      'multipart with a wrong boundary',
      'multipart/form-data; boundary=nope',
    );
  });

  it('answers uploads generated from its schema, good and hostile, for every actor', {
    timeout: 60_000,
  }, async () => {
    const bindings = await fw.realBindings(op);
    const kind = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...attachmentKinds) },
      { weight: 1, arbitrary: fc.constantFrom(...oddStrings, 'passport', 'DEGREE') },
      { weight: 1, arbitrary: fc.constant(undefined) },
    );
    const part = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...goodFiles) },
      { weight: 2, arbitrary: fc.constantFrom(...notAllowed, emptyFile) },
      {
        weight: 1,
        arbitrary: fc.constantFrom<Part | Part[]>(undefined, 'text', [goodFiles[0], goodFiles[1]]),
      },
    );
    await check(
      fc.asyncProperty(kind, part, actorArbitrary(fw, op), fc.nat(), mostly, async (k, f, actor, n, own) => {
        const path = pathOf(op, bindingFor(fw, bindings, actor, n, own));
        const req: Request = { actor, method, path, body: form({ kind: k, file: f }) };
        const good =
          k !== undefined && attachmentKinds.includes(k) && (f instanceof File || Array.isArray(f));
        const e: Expectation = good ? {} : { refuse: true };
        judge(
          op,
          req,
          await fw.exchange(req),
          e,
          `kind ${JSON.stringify(k)} file ${f instanceof File ? f.name.slice(0, 30) : JSON.stringify(f)}`,
        );
      }),
      runs(16),
      salt + 4,
    );
  });
});
