/**
 * The registration form (/forums/register/?event=<slug>): attendee rows (姓名, 职务, 手机) added and removed up to
 * what the enterprise may still register, checked with the same schema as the server, sent once with an
 * idempotency key made for this form, so a double click or a retry never registers twice.
 */

import type { Me } from '../../shared/accounts/answers.ts';
import type { EventSummary, RegistrationList } from '../../shared/events/answers.ts';
import { eventPagePath } from '../../shared/events/labels.ts';
import { MAX_ATTENDEES_PER_SUBMISSION, registrationInput } from '../../shared/events/schemas.ts';
import { issuesToFields } from '../../shared/fields.ts';
import { formatDateTime } from '../../shared/formats.ts';
import { cityName } from '../../shared/labels.ts';
import { ApiFailure, call, toLogin } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { h } from '../lib/dom.ts';
import { clearErrors, showErrors } from '../lib/forms.ts';
import { eventParam, newFormKey, windowText } from './ui.ts';

const status = document.getElementById('register-status') as HTMLElement;
const problem = document.getElementById('register-problem') as HTMLElement;
const info = document.getElementById('event-info') as HTMLElement;
const form = document.getElementById('register-form') as HTMLFormElement;
const rows = document.getElementById('attendee-rows') as HTMLElement;
const addButton = document.getElementById('add-attendee') as HTMLButtonElement;
const limitNote = document.getElementById('attendee-limit') as HTMLElement;
const seatNote = document.getElementById('seat-note') as HTMLElement;
const submit = document.getElementById('submit-registration') as HTMLButtonElement;
const keyInput = document.getElementById('idempotency-key') as HTMLInputElement;

let allowed = 1;
let sending = false;

function stop(message: string, links: [string, string][] = []) {
  status.textContent = '';
  problem.replaceChildren(
    h(
      'div',
      { class: 'notice' },
      h('p', null, message),
      ...links.map(([href, text]) => h('p', null, h('a', { href }, text))),
    ),
  );
  form.hidden = true;
}

const fields: [string, string, Record<string, string>][] = [
  ['name', '姓名', { autocomplete: 'off', maxlength: '30' }],
  ['position', '职务', { autocomplete: 'off', maxlength: '50' }],
  ['mobile', '手机', { inputmode: 'tel', autocomplete: 'off', maxlength: '20', class: 'short' }],
];

/** Gives every row ids and labels by its position, so server paths like attendees.1.mobile find their field. */
function renumber() {
  const list = Array.from(rows.querySelectorAll<HTMLFieldSetElement>('fieldset.attendee'));
  list.forEach((row, i) => {
    const legend = row.querySelector('legend');
    if (legend) legend.textContent = `第 ${i + 1} 位参会人员`;
    for (const [name] of fields) {
      const input = row.querySelector<HTMLInputElement>(`input[data-name="${name}"]`);
      const label = row.querySelector<HTMLLabelElement>(`label[data-for="${name}"]`);
      if (!input || !label) continue;
      input.id = `attendees-${i}-${name}`;
      label.htmlFor = input.id;
    }
    const remove = row.querySelector<HTMLButtonElement>('button.remove');
    if (remove) {
      remove.hidden = list.length === 1;
      remove.textContent = `删除第 ${i + 1} 位参会人员`;
    }
  });
  addButton.hidden = list.length >= allowed;
  limitNote.textContent =
    list.length >= allowed
      ? `本次最多可报名 ${allowed} 人。`
      : `本次还可再添加 ${allowed - list.length} 人。`;
}

function addRow(focus = false) {
  const row = h('fieldset', { class: 'attendee' }, h('legend', null, ''));
  for (const [name, label, attrs] of fields) {
    row.append(
      h(
        'div',
        { class: 'field' },
        h('label', { 'data-for': name }, label),
        h('input', { type: 'text', 'data-name': name, name, ...attrs }),
      ),
    );
  }
  const remove = h('button', { type: 'button', class: 'link remove' }, '');
  remove.addEventListener('click', () => {
    const next = (row.nextElementSibling ?? row.previousElementSibling) as HTMLElement | null;
    row.remove();
    renumber();
    next?.querySelector('input')?.focus();
  });
  row.append(remove);
  rows.append(row);
  renumber();
  if (focus) row.querySelector('input')?.focus();
}

function values() {
  return Array.from(rows.querySelectorAll<HTMLFieldSetElement>('fieldset.attendee')).map((row) => {
    const get = (name: string) =>
      row.querySelector<HTMLInputElement>(`input[data-name="${name}"]`)?.value ?? '';
    return { name: get('name'), position: get('position'), mobile: get('mobile') };
  });
}

const labels = (count: number) => {
  const out: Record<string, string> = { attendees: '参会人员' };
  for (let i = 0; i < count; i++) {
    out[`attendees.${i}.name`] = `第 ${i + 1} 位的姓名`;
    out[`attendees.${i}.position`] = `第 ${i + 1} 位的职务`;
    out[`attendees.${i}.mobile`] = `第 ${i + 1} 位的手机`;
  }
  return out;
};

async function send(slug: string) {
  if (sending) return;
  const body = { idempotencyKey: keyInput.value, attendees: values() };
  const parsed = registrationInput.safeParse(body);
  if (!parsed.success) {
    showErrors(form, issuesToFields(parsed.error.issues), '报名信息有问题，请修改', {
      labels: labels(body.attendees.length),
    });
    return;
  }
  clearErrors(form);
  sending = true;
  submit.disabled = true;
  submit.textContent = '正在提交……';
  status.textContent = '正在提交报名……';
  try {
    const registration = await call(
      client.api.events[':slug'].registrations.$post({
        param: { slug: encodeURIComponent(slug) },
        json: body,
      }),
    );
    status.textContent = '报名已提交，正在打开报名确认单……';
    location.assign(registration.pageUrl);
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 401) toLogin();
    const failure = e instanceof ApiFailure ? e : new ApiFailure(0, 'network', '提交失败，请稍后重试');
    status.textContent = '';
    showErrors(
      form,
      Object.keys(failure.fields).length > 0 ? failure.fields : { _: failure.message },
      failure.message,
      { labels: labels(body.attendees.length) },
    );
    sending = false;
    submit.disabled = false;
    submit.textContent = '提交报名';
  }
}

function showEvent(e: EventSummary, mine: number) {
  (document.getElementById('event-title') as HTMLElement).replaceChildren(
    h('a', { href: eventPagePath(e.slug) }, e.title),
  );
  (document.getElementById('back-to-event') as HTMLAnchorElement).href = eventPagePath(e.slug);
  const facts = document.getElementById('event-facts') as HTMLElement;
  const pairs: [string, string][] = [
    ['时间', `${formatDateTime(e.startsAt)} 至 ${formatDateTime(e.endsAt)}`],
    ['地点', `${cityName(e.city)} · ${e.venue}`],
    ['席位', `共 ${e.capacity} 席，剩余 ${e.seatsLeft} 席；候补 ${e.waitlisted} 人`],
    ['报名时间', windowText(e)],
    ['每家企业', `最多报名 ${e.maxPerEnterprise} 人（含候补），贵单位已报名 ${mine} 人`],
  ];
  facts.replaceChildren(...pairs.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
  info.hidden = false;
  document.title = `${e.title}：活动报名 - 吉林省旅游行业首席质量官平台`;
}

async function start() {
  const slug = eventParam();
  if (!slug) return stop('请先在“论坛与活动”中选择要报名的活动。', [['/forums/', '前往论坛与活动']]);
  let me: Me;
  try {
    ({ me } = await call(client.api.auth.me.$get()));
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 401) toLogin();
    return stop(e instanceof Error ? e.message : '无法加载，请刷新页面重试');
  }
  if (me.role !== 'enterprise')
    return stop('活动报名须使用企业账号办理。您当前登录的是工作人员账号，请退出后用企业账号登录。', [
      [eventPagePath(slug), '返回活动公告'],
    ]);
  let event: EventSummary;
  let mine: RegistrationList;
  try {
    [event, mine] = await Promise.all([
      call(client.api.events[':slug'].$get({ param: { slug: encodeURIComponent(slug) } })),
      call(client.api.registrations.$get()),
    ]);
  } catch (e) {
    return stop(e instanceof Error ? e.message : '无法加载活动信息，请刷新页面重试', [
      ['/forums/', '返回论坛与活动'],
    ]);
  }
  const active = mine.items
    .filter((r) => r.event.slug === slug)
    .flatMap((r) => r.attendees)
    .filter((a) => a.status !== 'cancelled').length;
  showEvent(event, active);
  const registered: [string, string][] = active > 0 ? [['/account/registrations/', '查看本企业的报名']] : [];
  if (event.window === 'upcoming')
    return stop(`报名尚未开始，将于 ${formatDateTime(event.registrationOpens)} 开始。`, registered);
  if (event.window === 'closed')
    return stop(`报名已于 ${formatDateTime(event.registrationCloses)} 截止。`, registered);
  allowed = Math.min(event.maxPerEnterprise - active, MAX_ATTENDEES_PER_SUBMISSION);
  if (allowed <= 0)
    return stop(
      `贵单位已报名 ${active} 人，达到每家企业 ${event.maxPerEnterprise} 人的上限。如需换人，请先在“我的报名”中取消原报名人员。`,
      registered,
    );
  seatNote.textContent =
    event.seatsLeft > 0
      ? `目前剩余 ${event.seatsLeft} 个席位。席位按提交先后分配，超出的人员进入候补名单，有人取消时按先后自动递补。`
      : '席位已满，本次报名的人员将进入候补名单；有人取消时按报名先后自动递补，递补结果可在“我的报名”中查看。';
  keyInput.value = newFormKey();
  addRow();
  form.hidden = false;
  status.textContent = '';
  addButton.addEventListener('click', () => addRow(true));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void send(slug);
  });
}

// Coming back to this page from the confirmation (browser back) is a new form: a new key.
window.addEventListener('pageshow', (e) => {
  if (e.persisted && keyInput.value) {
    keyInput.value = newFormKey();
    sending = false;
    submit.disabled = false;
    submit.textContent = '提交报名';
  }
});

void start();
