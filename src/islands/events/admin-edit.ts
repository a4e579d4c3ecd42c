/**
 * Create or edit an event's rules (/admin/events/edit/[?event=<slug> | ?from=<announcement>], admin only).
 * Times are typed as China time (datetime-local) and sent with their +08:00 offset.
 */
import type { z } from 'zod';
import type { EventSummary } from '../../shared/events/answers.ts';
import { eventCreate, eventUpdate } from '../../shared/events/schemas.ts';
import { issuesToFields } from '../../shared/fields.ts';
import { ApiFailure, call, toLogin } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { clearErrors, showErrors } from '../lib/forms.ts';
import { requireRole } from '../lib/staff.ts';
import { eventParam } from './ui.ts';

const flash = document.getElementById('flash') as HTMLElement;
const form = document.getElementById('event-form') as HTMLFormElement;
const announcement = document.getElementById('announcement') as HTMLSelectElement;
const input = (id: string) => document.getElementById(id) as HTMLInputElement | HTMLSelectElement;
const times = ['startsAt', 'endsAt', 'registrationOpens', 'registrationCloses'] as const;
const texts = ['title', 'kind', 'city', 'venue', 'organizer'] as const;

const labels: Record<string, string> = {
  slug: '活动标识',
  title: '活动名称',
  kind: '活动类型',
  city: '举办地',
  venue: '活动地点',
  organizer: '主办单位',
  startsAt: '开始时间',
  endsAt: '结束时间',
  capacity: '席位数',
  maxPerEnterprise: '每家企业报名上限',
  registrationOpens: '报名开始',
  registrationCloses: '报名截止',
};

const HOUR = 3600_000;
/** An instant as the value of a datetime-local input in China time: 2027-01-14T09:00. */
const toLocal = (iso: string) => new Date(new Date(iso).getTime() + 8 * HOUR).toISOString().slice(0, 16);
const fromLocal = (value: string) => (value ? `${value}:00+08:00` : '');

function say(message: string, warn = false) {
  flash.classList.toggle('warn', warn);
  flash.textContent = message;
}

type Rules = Omit<EventSummary, 'confirmed' | 'waitlisted' | 'seatsLeft' | 'window' | 'updatedAt'>;

/** The version of the event the form shows; sent back so that a save never overwrites someone else's. */
let loadedVersion = '';

function fill(e: Rules) {
  (input('slug') as HTMLInputElement).value = e.slug;
  for (const k of texts) input(k).value = e[k];
  for (const k of times) input(k).value = toLocal(e[k]);
  input('capacity').value = String(e.capacity);
  input('maxPerEnterprise').value = String(e.maxPerEnterprise);
  (input('sample') as HTMLInputElement).checked = e.sample;
}

function fromAnnouncement(slug: string) {
  const option = Array.from(announcement.options).find((o) => o.value === slug);
  if (!option) return false;
  const d = option.dataset;
  fill({
    slug,
    title: d.title ?? '',
    kind: (d.kind ?? 'forum') as Rules['kind'],
    city: (d.city ?? '') as Rules['city'],
    venue: d.venue ?? '',
    organizer: d.organizer ?? '',
    startsAt: d.startsAt ?? '',
    endsAt: d.endsAt ?? '',
    capacity: Number(d.capacity),
    maxPerEnterprise: Number(d.maxPerEnterprise),
    registrationOpens: d.registrationOpens ?? '',
    registrationCloses: d.registrationCloses ?? '',
    sample: d.sample === 'true',
  });
  announcement.value = slug;
  return true;
}

function body() {
  const num = (id: string) => (input(id).value.trim() === '' ? Number.NaN : Number(input(id).value));
  return {
    title: input('title').value,
    kind: input('kind').value,
    city: input('city').value,
    venue: input('venue').value,
    organizer: input('organizer').value,
    startsAt: fromLocal(input('startsAt').value),
    endsAt: fromLocal(input('endsAt').value),
    capacity: num('capacity'),
    maxPerEnterprise: num('maxPerEnterprise'),
    registrationOpens: fromLocal(input('registrationOpens').value),
    registrationCloses: fromLocal(input('registrationCloses').value),
    sample: (input('sample') as HTMLInputElement).checked,
  };
}

/** The form checked with the API's own schema: problems shown in the error summary, or the data to send. */
function checked<T>(parsed: z.ZodSafeParseResult<T>): T | null {
  if (!parsed.success) {
    showErrors(form, issuesToFields(parsed.error.issues), '活动设置有问题，请修改', { labels });
    return null;
  }
  clearErrors(form);
  return parsed.data;
}

async function save(editing: string | null) {
  const update = editing ? checked(eventUpdate.safeParse({ ...body(), updatedAt: loadedVersion })) : null;
  const create = editing ? null : checked(eventCreate.safeParse({ ...body(), slug: input('slug').value }));
  if (!update && !create) return;
  const button = document.getElementById('save') as HTMLButtonElement;
  button.disabled = true;
  try {
    if (editing && update) {
      const result = await call(
        client.api.events[':slug'].$put({ param: { slug: encodeURIComponent(editing) }, json: update }),
      );
      fill(result.event);
      loadedVersion = result.event.updatedAt;
      const e = result.event;
      say(
        `已保存。共 ${e.capacity} 席，已确认 ${e.confirmed} 人，候补 ${e.waitlisted} 人。${result.promoted > 0 ? `新增的席位已由 ${result.promoted} 位候补人员按先后递补。` : ''}`,
      );
      flash.focus();
    } else if (create) {
      const created = await call(client.api.events.$post({ json: create }));
      location.assign(`/admin/events/?created=${encodeURIComponent(created.slug)}`);
    }
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 401) toLogin();
    const failure = e instanceof ApiFailure ? e : new ApiFailure(0, 'network', '保存失败，请稍后重试');
    showErrors(
      form,
      Object.keys(failure.fields).length > 0 ? failure.fields : { _: failure.message },
      failure.message,
      { labels },
    );
  } finally {
    button.disabled = false;
  }
}

async function start() {
  if (!(await requireRole(['admin']))) return;
  const editing = eventParam();
  const title = document.getElementById('page-title') as HTMLElement;
  if (editing) {
    try {
      const event = await call(
        client.api.events[':slug'].$get({ param: { slug: encodeURIComponent(editing) } }),
      );
      fill(event);
      loadedVersion = event.updatedAt;
    } catch (e) {
      say(e instanceof Error ? e.message : '无法加载该活动', true);
      return;
    }
    title.textContent = '修改活动报名设置';
    (input('slug') as HTMLInputElement).readOnly = true;
    (document.getElementById('announcement-field') as HTMLElement).hidden = true;
    say('');
  } else {
    title.textContent = '新建活动报名';
    const from = new URLSearchParams(location.search).get('from');
    say(from && fromAnnouncement(from) ? '已按活动公告填写，请核对后保存。' : '');
    announcement.addEventListener('change', () => {
      if (announcement.value && fromAnnouncement(announcement.value)) say('已按活动公告填写，请核对后保存。');
    });
  }
  form.hidden = false;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void save(editing);
  });
}

flash.tabIndex = -1;
void start();
