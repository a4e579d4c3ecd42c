/**
 * The Node host's own origins, which the same-origin check accepts besides PUBLIC_ORIGIN: the addresses
 * `npm start` prints (http://localhost:PORT, http://127.0.0.1:PORT) and the one it listens on. Listening on
 * every interface (0.0.0.0), each IPv4 address of this machine is its own too, e.g. for a test on the LAN.
 */
import { networkInterfaces } from 'node:os';

export function localOrigins(host: string, port: number): string[] {
  const names = new Set(['localhost', '127.0.0.1']);
  if (host === '0.0.0.0' || host === '::') {
    for (const list of Object.values(networkInterfaces()))
      for (const address of list ?? []) if (address.family === 'IPv4') names.add(address.address);
  } else names.add(host.includes(':') ? `[${host}]` : host);
  return [...names].map((name) => `http://${name}:${port}`);
}

/** What `npm start` says when browsers will reach it through an address it does not know. */
export function originWarning(env: NodeJS.ProcessEnv): string | undefined {
  if (env.PUBLIC_ORIGIN || env.TRUST_PROXY !== '1') return undefined;
  return '注意：TRUST_PROXY=1 但未设置 PUBLIC_ORIGIN，经反向代理提交的表单会被当作跨站请求拒绝。请把 PUBLIC_ORIGIN 设为对外地址，例如 https://cqo.example.gov.cn';
}
