/**
 * The whole public registry as open data: CSV (UTF-8 with BOM, so Excel opens it as Chinese text, header row
 * of Chinese column names) and JSON. Listed records only (DOMAIN.md: a CQO who did not consent is not listed),
 * public fields only.
 *
 * Files are made from the read model in slices (so a large registry never holds the event loop), gzipped once
 * (CompressionStream, on both hosts) and kept in memory with a content ETag; they are remade when the registry
 * has changed, at most once a minute (`openDataTimings`) — meanwhile the previous file is served.
 */
import type { Database } from '../../db/database.ts';
import { cityName, enterpriseTypeName } from '../../src/shared/labels.ts';
import type { OpenDataRegistry, PublicCqo } from '../../src/shared/registry/answers.ts';
import { type Background, type Registry, RegistryUnavailable, settled } from './index.ts';

export const OPEN_DATA_LICENCE =
  '本数据由吉林省旅游行业首席质量官制度服务平台公开，可自由下载、复制、传播和再利用，请注明来源。数据仅含公开信息，只收录本人同意公开姓名的首席质量官。';

/** remakeMs: a changed registry is written out again at most this often (tests shorten it). */
export const openDataTimings = { remakeMs: 60_000 };
/** A file being made that made no progress for this long is presumed stuck and made afresh. */
const MAKE_STALL_MS = 20_000;
/** How long a request waits for a file when there is none yet. */
const MAKE_WAIT_MS = 30_000;
const ITEMS_PER_SLICE = 2_000;

export const csvColumns = [
  '备案编号',
  '姓名',
  '企业名称',
  '统一社会信用代码',
  '企业类型',
  '等级',
  '市州',
  '认定日期',
  '状态',
  '注销日期',
];

export type OpenDataKind = 'csv' | 'json';

export type OpenDataFile = {
  bytes: Uint8Array<ArrayBuffer>;
  /** The same bytes gzipped, when the runtime can compress. */
  gzip?: Uint8Array<ArrayBuffer>;
  /** Strong ETag of `bytes`. */
  etag: string;
  generatedAt: Date;
  /** The read model's stamp it was made from. */
  stamp: string;
  /** Wall-clock time it was made (for `openDataTimings.remakeMs`). */
  madeAt: number;
};

/** Quotes every cell; a leading = + - @ is defused so a spreadsheet never runs a cell as a formula. */
function cell(value: string | null): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

function csvLine(c: PublicCqo): string {
  return [
    c.filingNo,
    c.name,
    c.enterpriseName,
    c.uscc,
    enterpriseTypeName(c.enterpriseType),
    c.grade,
    cityName(c.city),
    c.recognizedAt,
    c.status === 'valid' ? '有效' : '已注销',
    c.deregisteredAt,
  ]
    .map(cell)
    .join(',');
}

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The file's bytes, written a slice of records at a time. */
async function write(
  items: readonly PublicCqo[],
  kind: OpenDataKind,
  generatedAt: Date,
  beat: () => void,
): Promise<Uint8Array<ArrayBuffer>> {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  if (kind === 'csv') parts.push(encoder.encode(`\uFEFF${csvColumns.map(cell).join(',')}\r\n`));
  else {
    const head: Omit<OpenDataRegistry, 'items'> = {
      generatedAt: generatedAt.toISOString(),
      licence: OPEN_DATA_LICENCE,
      count: items.length,
    };
    parts.push(encoder.encode(`${JSON.stringify(head).slice(0, -1)},"items":[`));
  }
  for (let start = 0; start < items.length; start += ITEMS_PER_SLICE) {
    const slice = items.slice(start, start + ITEMS_PER_SLICE);
    const text =
      kind === 'csv'
        ? `${slice.map(csvLine).join('\r\n')}\r\n`
        : `${start > 0 ? ',' : ''}${slice.map((c) => JSON.stringify(c)).join(',')}`;
    parts.push(encoder.encode(text));
    beat();
    await pause();
  }
  if (kind === 'json') parts.push(encoder.encode(']}'));
  return concat(parts);
}

async function gzipped(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (typeof CompressionStream === 'undefined') return undefined;
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function etagOf(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const b of digest.subarray(0, 16)) hex += b.toString(16).padStart(2, '0');
  return `"${hex}"`;
}

type Making = { promise: Promise<OpenDataFile>; beat: number };
type Slot = { file?: OpenDataFile; making?: Making };
const slots = new WeakMap<Database, Record<OpenDataKind, Slot>>();

function slotOf(db: Database, kind: OpenDataKind): Slot {
  let both = slots.get(db);
  if (!both) {
    both = { csv: {}, json: {} };
    slots.set(db, both);
  }
  return both[kind];
}

function startMaking(slot: Slot, registry: Registry, kind: OpenDataKind, background?: Background) {
  if (slot.making && Date.now() - slot.making.beat < MAKE_STALL_MS) return;
  const stamp = registry.stamp();
  const items = registry.items();
  const making: Making = { beat: Date.now(), promise: Promise.resolve() as unknown as Promise<OpenDataFile> };
  making.promise = (async () => {
    const generatedAt = new Date();
    const bytes = await write(items, kind, generatedAt, () => {
      making.beat = Date.now();
    });
    const [gzip, etag] = await Promise.all([gzipped(bytes), etagOf(bytes)]);
    const file: OpenDataFile = { bytes, gzip, etag, generatedAt, stamp, madeAt: Date.now() };
    if (slot.making === making) slot.file = file;
    return file;
  })();
  making.promise
    .catch((err) =>
      console.error(`[open-data] ${kind} not made: ${err instanceof Error ? err.message : String(err)}`),
    )
    .finally(() => {
      if (slot.making === making) slot.making = undefined;
    });
  slot.making = making;
  background?.(making.promise.catch(() => {}));
}

/**
 * The open-data file of the registry as `registry` answers it — or the previous one while a new one is being
 * made (the registry changed less than `openDataTimings.remakeMs` after the last one, or the new one is not ready yet).
 */
export async function openDataFile(
  db: Database,
  registry: Registry,
  kind: OpenDataKind,
  background?: Background,
): Promise<OpenDataFile> {
  const slot = slotOf(db, kind);
  const file = slot.file;
  if (file && (file.stamp === registry.stamp() || Date.now() - file.madeAt < openDataTimings.remakeMs))
    return file;
  startMaking(slot, registry, kind, background);
  if (file) return file;
  const deadline = Date.now() + MAKE_WAIT_MS;
  for (;;) {
    if (slot.file) return slot.file;
    const left = deadline - Date.now();
    if (left <= 0) throw new RegistryUnavailable();
    startMaking(slot, registry, kind, background);
    const making = slot.making as Making;
    const outcome = await settled(making.promise, Math.min(1000, left));
    if (outcome === 'failed' && !slot.file && slot.making === making) throw new RegistryUnavailable();
  }
}
