/**
 * Requests the fuzzer makes: who makes them (mostly those the operation is for), which ids go into the path
 * (mostly the actor's own), and a generated body or query made to fit what the path names.
 */
import fc from 'fast-check';
import type { Binding } from './fuzz-bindings.ts';
import type { Actor, Request } from './fuzz-exchange.ts';
import { type Input, queryString } from './fuzz-inputs.ts';
import type { Operation } from './fuzz-operations.ts';
import { toJsonText } from './fuzz-schema.ts';
import type { FuzzWorld } from './fuzz-world.ts';

export const pathOf = (op: Operation, binding: Record<string, string>) =>
  op.path.replace(/\{(\w+)\}/g, (_, name: string) => binding[name] ?? 'missing');

/** Who the operation is for, from its documented roles; anyone signed in when it names none. */
export function authorizedActors(fw: FuzzWorld, op: Operation): Actor[] {
  const all = fw.actorList;
  if (!op.roles) return all;
  const roles = op.roles.match(/enterprise|city_tourism|province_tourism|market_regulation|admin/g);
  return roles ? all.filter((a) => a.role && roles.includes(a.role)) : all.filter((a) => a.login);
}

/** A pick among things known only when the test runs (ids created by earlier operations, say). */
export const pick = <T>(xs: readonly T[], n: number) => xs[n % xs.length] as T;

/** Mostly ids that belong to the actor (its filings, its city's), so that valid requests get somewhere. */
export const mostly = fc.constantFrom(true, true, true, false);
export const bindingFor = (fw: FuzzWorld, bindings: Binding[], actor: Actor, n: number, own: boolean) => {
  const mine = own ? fw.own(bindings, actor) : [];
  return mine.length ? pick(mine, n) : pick(bindings, n);
};

/**
 * Makes a body fit what the path names (`$` keys of the binding): the event's `updatedAt` as loaded, the
 * registration's event and attendees.
 */
export function cohere(value: unknown, binding: Binding, n: number): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const v = { ...(value as Record<string, unknown>) };
  for (const [key, real] of Object.entries(binding)) {
    const field = key.slice(1);
    if (!key.startsWith('$') || !(field in v) || !real) continue;
    const list = real.split(',');
    v[field] = Array.isArray(v[field]) ? list.slice(0, 1 + (n % list.length)) : real;
  }
  return v;
}

export function actorArbitrary(fw: FuzzWorld, op: Operation) {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...authorizedActors(fw, op)) },
    { weight: 1, arbitrary: fc.constantFrom(...fw.actorList) },
  );
}

export function jsonRequest(
  op: Operation,
  actor: Actor,
  path: string,
  value: unknown,
  input: Input | undefined,
): Request {
  if (input?.kind === 'query')
    return { actor, method: op.method.toUpperCase(), path: `${path}?${queryString(value)}` };
  return {
    actor,
    method: op.method.toUpperCase(),
    path,
    body: op.method === 'get' ? undefined : input ? toJsonText(value) : undefined,
  };
}
