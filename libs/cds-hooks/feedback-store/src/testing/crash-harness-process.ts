import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';

export interface HarnessProcess {
  port: number;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const HARNESS = join(__dirname, 'feedback-crash.harness.ts');
const TSCONFIG = join(__dirname, '..', '..', 'tsconfig.spec.json');

/** Starts feedback-crash.harness.ts in its own Node process (ts-node, transpile only); resolves once it listens. */
export function startHarness(env: Record<string, string>): Promise<HarnessProcess> {
  // Nx's Jest target exports TS_NODE_COMPILER_OPTIONS for its own config loading; the child must not inherit it.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('TS_NODE_')));
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', HARNESS], {
    env: { ...inherited, ...env, TS_NODE_PROJECT: TSCONFIG },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening (\d+)\n/.exec(stdout);
      if (match) {
        resolve({ port: Number(match[1]), child, exited });
      }
    });
    void exited.then(({ code, signal }) => reject(new Error(`harness exited (${code ?? signal}) before listening: ${stderr}`)));
  });
}

/** POSTs JSON; resolves with the status, or 0 when the connection failed (refused, reset by the kill). */
export function postJson(port: number, path: string, body: unknown): Promise<number> {
  return new Promise((resolve) => {
    const payload = Buffer.from(JSON.stringify(body));
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': payload.length },
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', () => resolve(0));
      },
    );
    req.once('error', () => resolve(0));
    req.end(payload);
  });
}
