import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app.ts';
import { demoWorld } from '../support/api.ts';

describe('the API description', () => {
  it('documents every route of the app, with its method and path', async () => {
    const world = await demoWorld();
    const doc = (await world.client().get('/api/openapi.json')).body;
    world.close();
    expect(doc.openapi).toBe('3.1.0');
    const app = createApp(world.deps);
    const routes = app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods as object).map((m) => `${m} ${path}`),
    );
    expect(new Set(documented)).toEqual(new Set(routes));
  });

  it('describes request bodies from the same schemas the routes validate with', async () => {
    const world = await demoWorld();
    const doc = (await world.client().get('/api/openapi.json')).body;
    world.close();
    const register = doc.paths['/api/auth/register'].post.requestBody.content['application/json'].schema;
    expect(register.required).toEqual(expect.arrayContaining(['uscc', 'name', 'type', 'city', 'password']));
    expect(register.additionalProperties).toBe(false);
    const save = doc.paths['/api/filings/{id}'].put.requestBody.content['application/json'].schema;
    expect(Object.keys(save.properties.form.properties)).toContain('experiences');
  });

  it('serves a readable reference page', async () => {
    const world = await demoWorld();
    const page = await world.client().get('/api/reference');
    world.close();
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="zh-CN">');
    expect(page.text).toContain('/api/filings/{id}/actions');
  });
});
