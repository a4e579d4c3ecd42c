import { SELF } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import { idNumberCheckChar } from '../../src/shared/id-number.ts';
import { registration, usccOf } from '../support/enterprises.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** From tests/support/workerd-setup.ts. */
    openEventSlug: string;
  }
}

const origin = 'https://cqo.example.gov.cn';

describe('the Worker in workerd', () => {
  it('serves the prerendered home page with security headers', async () => {
    const res = await SELF.fetch(`${origin}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<html lang="zh-CN"');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
  });

  it('routes /api to the Hono app, which reaches libSQL over HTTP', async () => {
    const res = await SELF.fetch(`${origin}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok' });
  });
});

/** A browser-like client against the Worker: same-origin header and the session cookie. */
function client() {
  let cookie = '';
  return async (method: string, path: string, body?: unknown) => {
    const isForm = body instanceof FormData;
    const res = await SELF.fetch(`${origin}${path}`, {
      method,
      headers: {
        Origin: origin,
        ...(cookie ? { Cookie: cookie } : {}),
        ...(body !== undefined && !isForm ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0] ?? '';
    const text = await res.text();
    return { status: res.status, text, json: () => JSON.parse(text), headers: res.headers };
  };
}

describe('a filing submitted through the Worker', () => {
  it('registers, fills, uploads to R2 and submits, then the city reviewer sees it', async () => {
    const call = client();
    const uscc = usccOf('91220101WKR000001');
    const registered = await call(
      'POST',
      '/api/auth/register',
      registration({ uscc, name: '长春市边缘测试旅行社有限公司', contactName: '赵敏' }),
    );
    expect(registered.status, registered.text).toBe(201);
    expect(registered.headers.get('set-cookie')).toMatch(/^__Host-cqo_session=.*Secure/);
    const draft = (await call('POST', '/api/filings', { kind: 'new' })).json();
    const form = {
      licenseNo: 'L-JL-12345',
      address: '长春市南关区某路 1 号',
      legalRep: '钱伟',
      contactName: '赵敏',
      contactPhone: '0431-88886666',
      cqoName: '孙丽',
      position: '质量总监',
      mobile: '13912345678',
      email: 'sunli@example.com',
      degree: 'master',
      school: '吉林大学',
      major: '旅游管理',
      qualification: {
        kind: 'certificate',
        level: 'senior',
        certificateNo: 'ZL2019000001',
        issuer: '吉林省人力资源和社会保障厅',
        issuedOn: '2019-06-20',
      },
      experiences: [
        {
          from: '2015-03',
          to: null,
          employer: '本社',
          position: '质量部经理',
          qualityDuties: true,
          description: '服务质量管理',
        },
      ],
      appointedOn: '2025-09-01',
      duties: ['制定和实施旅游服务质量标准，确保服务流程规范化'],
      truthful: true,
      publishConsent: true,
    };
    const saved = await call('PUT', `/api/filings/${draft.id}`, {
      form,
      idNumber: `11010519800101001${idNumberCheckChar('11010519800101001')}`,
    });
    expect(saved.status, saved.text).toBe(200);
    for (const kind of ['degree', 'qualification', 'appointment', 'stamped_form']) {
      const upload = new FormData();
      upload.set('kind', kind);
      upload.set('file', new File([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')], `${kind}.pdf`));
      const stored = await call('POST', `/api/filings/${draft.id}/attachments`, upload);
      expect(stored.status, stored.text).toBe(201);
    }
    const attachments = (await call('GET', `/api/filings/${draft.id}`)).json().attachments;
    const file = await call('GET', attachments[0].url);
    expect(file.status).toBe(200);
    expect(file.text).toBe('%PDF-1.4\n%%EOF\n');
    const submitted = await call('POST', `/api/filings/${draft.id}/submit`);
    expect(submitted.status, submitted.text).toBe(200);
    expect(submitted.json().status).toBe('submitted');

    const reviewer = client();
    expect(
      (await reviewer('POST', '/api/auth/login', { login: 'cc-city', password: 'Demo-2026-cqo' })).status,
    ).toBe(200);
    const queue = (await reviewer('GET', '/api/filings?status=submitted')).json();
    expect(queue.items.map((f: { id: string }) => f.id)).toContain(draft.id);
    const other = client();
    await other('POST', '/api/auth/login', { login: 'jl-city', password: 'Demo-2026-cqo' });
    expect((await other('GET', `/api/filings/${draft.id}`)).status).toBe(404);
  });
});

describe('an event registration through the Worker', () => {
  // Set up around the real now by workerd-setup.ts: the Worker runs on the real clock.
  const slug = inject('openEventSlug');
  const seats = async (call: ReturnType<typeof client>) =>
    (await call('GET', '/api/events')).json().items.find((e: { slug: string }) => e.slug === slug);

  it('registers two attendees atomically over libSQL HTTP, serves the calendar file, cancels one and lets the organizer change the event', async () => {
    const call = client();
    const registered = await call(
      'POST',
      '/api/auth/register',
      registration({
        uscc: usccOf('91220101WKR000002'),
        name: '长春市边缘测试国际饭店有限公司',
        type: 'star_hotel',
        grade: '五星',
        contactName: '周杰',
        contactPhone: '0431-88887777',
      }),
    );
    expect(registered.status, registered.text).toBe(201);
    const before = await seats(call);
    expect(before).toMatchObject({ window: 'open', capacity: 3, confirmed: 0 });
    const body = {
      idempotencyKey: crypto.randomUUID(),
      attendees: [
        { name: '周杰', position: '质量总监', mobile: '13900001111' },
        { name: '吴敏', position: '客房部经理', mobile: '13900002222' },
      ],
    };
    const made = await call('POST', `/api/events/${slug}/registrations`, body);
    expect(made.status, made.text).toBe(201);
    expect(made.json().attendees.map((a: { status: string }) => a.status)).toEqual([
      'confirmed',
      'confirmed',
    ]);
    const again = await call('POST', `/api/events/${slug}/registrations`, body);
    expect(again.status).toBe(200);
    expect(again.json().code).toBe(made.json().code);
    expect(await seats(call)).toMatchObject({ confirmed: 2, waitlisted: 0, seatsLeft: 1 });
    const code = encodeURIComponent(made.json().code);
    const ics = await call('GET', `/api/registrations/${code}/calendar.ics`);
    expect(ics.status).toBe(200);
    expect(ics.text).toContain('BEGIN:VCALENDAR');

    // tursodb reports rowsAffected 0 for every write: the counts must come from the rows themselves.
    const cancelled = await call('POST', `/api/registrations/${code}/cancel`, {
      attendeeIds: [made.json().attendees[1].id],
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.json()).toMatchObject({ changed: 1, promoted: 0 });
    expect(await seats(call)).toMatchObject({ confirmed: 1, seatsLeft: 2 });

    const admin = client();
    expect(
      (await admin('POST', '/api/auth/login', { login: 'admin', password: 'Demo-2026-cqo' })).status,
    ).toBe(200);
    const { slug: _slug, confirmed, waitlisted, seatsLeft, window, ...rules } = await seats(admin);
    const raised = await admin('PUT', `/api/events/${slug}`, { ...rules, capacity: 4 });
    expect(raised.status, raised.text).toBe(200);
    expect(raised.json().event).toMatchObject({ capacity: 4, confirmed: 1 });
    const stale = await admin('PUT', `/api/events/${slug}`, { ...rules, capacity: 5 });
    expect(stale.status).toBe(409);
    expect(stale.json().error.code).toBe('edited_meanwhile');
  });
});
