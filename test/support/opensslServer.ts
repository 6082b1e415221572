// Real TLS servers for tests: `openssl s_server` on 127.0.0.1 and a free port, serving the chain it is
// given (leaf first) with -www, so a client can complete a request. Stopped (SIGTERM, then SIGKILL) by stop().
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestCertificate } from './testPki';

const STARTUP_MS = 20_000;

export interface OpenSslServer {
  port: number;
  stop(): Promise<void>;
}

export async function startOpenSslServer(dir: string, name: string, chain: readonly TestCertificate[], extraArgs: string[] = []): Promise<OpenSslServer> {
  const [leaf, ...intermediates] = chain;
  if (!leaf) throw new Error('a server needs a certificate');
  const certFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  writeFileSync(certFile, leaf.pem);
  writeFileSync(keyFile, leaf.keyPem);
  const chainArgs: string[] = [];
  if (intermediates.length > 0) {
    const chainFile = join(dir, `${name}.chain.pem`);
    writeFileSync(chainFile, intermediates.map((c) => c.pem).join(''));
    chainArgs.push('-cert_chain', chainFile);
  }
  const child = spawn('openssl', ['s_server', '-accept', '127.0.0.1:0', '-cert', certFile, '-key', keyFile, ...chainArgs, '-www', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`openssl s_server (${name}) did not start within ${STARTUP_MS} ms: ${err}`));
    }, STARTUP_MS);
    child.stderr!.on('data', (chunk) => (err += chunk));
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /ACCEPT\s+\S*:(\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`openssl s_server (${name}) exited with ${code}: ${err}`));
    });
  });
  child.stdout!.resume();
  return { port, stop: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 2000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
