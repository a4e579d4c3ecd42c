/**
 * How the public registry routes reach the read model: work that outlives a request is handed to the host
 * (Workers: `ctx.waitUntil`, so a refresh or build started by a request is not cut off when it answers), and a
 * registry that cannot be built answers 503 in Chinese instead of a 500.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { type Background, type Registry, RegistryUnavailable, registryOf } from '../registry/index.ts';
import { apiError } from './errors.ts';

/**
 * The host's `waitUntil`, when it has one (Workers; not the Node host). Looked up only when there is work to
 * hand over: Hono's `executionCtx` throws where there is none, and an Error per request is not free.
 */
export function backgroundOf(c: Context<AppEnv>): Background {
  return (work) => {
    try {
      c.executionCtx.waitUntil(work);
    } catch {
      // No execution context (Node): the work simply runs on.
    }
  };
}

export function registryUnavailable(c: Context<AppEnv>) {
  return apiError(c, 503, 'unavailable', '公开名录暂时无法访问，请稍后再试');
}

/**
 * Runs `answer` with the current read model, or answers 503 when there is none. Keeps the answer's type, so the
 * typed client (`hc`) sees what the route answers.
 */
export async function withRegistry<R extends Response>(
  c: Context<AppEnv>,
  answer: (registry: Registry) => R | Promise<R>,
): Promise<R | ReturnType<typeof registryUnavailable>> {
  let registry: Registry;
  try {
    registry = await registryOf(c.get('deps').db, { background: backgroundOf(c) });
  } catch (err) {
    if (!(err instanceof RegistryUnavailable)) throw err;
    return registryUnavailable(c);
  }
  try {
    return await answer(registry);
  } catch (err) {
    if (!(err instanceof RegistryUnavailable)) throw err;
    return registryUnavailable(c);
  }
}
