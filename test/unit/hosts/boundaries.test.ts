// Architecture rules that a reviewer would otherwise have to remember (DESIGN §1, STYLE "one guarded door").
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../electron/hosts/electron/trustedSender';

const root = join(import.meta.dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [relative(root, path)] : [];
  });
}

const allSources = ['electron', 'renderer/src', 'shared', 'simulators'].flatMap((dir) => {
  try {
    return sourceFiles(join(root, dir));
  } catch {
    return [];
  }
});

describe('layering', () => {
  it("imports 'electron' only under electron/hosts/electron/", () => {
    const importsElectron = allSources.filter((file) => /from ['"]electron['"]|require\(['"]electron['"]\)/.test(readFileSync(join(root, file), 'utf8')));
    expect(importsElectron.length).toBeGreaterThan(0);
    expect(importsElectron.filter((file) => !file.startsWith('electron/hosts/electron/'))).toEqual([]);
  });

  it('keeps the core free of hosts, api, React and the renderer', () => {
    const core = allSources.filter((file) => file.startsWith('electron/core/'));
    const offenders = core.filter((file) => /from ['"](react|react-dom|electron-store)['"]|from ['"][./]*(hosts|api|renderer)\//.test(readFileSync(join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('keeps simulators (the remote side) out of the core and the api; only the demo command starts them', () => {
    const product = allSources.filter((file) => file.startsWith('electron/') && !/^electron\/hosts\/cli\/\w+Demo\.ts$/.test(file));
    expect(product.filter((file) => /from ['"][./]*simulators\//.test(readFileSync(join(root, file), 'utf8')))).toEqual([]);
  });

  it('keeps shared/ free of Node APIs (it is imported by the renderer)', () => {
    const shared = allSources.filter((file) => file.startsWith('shared/'));
    expect(shared.filter((file) => /from ['"]node:/.test(readFileSync(join(root, file), 'utf8')))).toEqual([]);
  });

  it('registers ipcMain handlers in one guarded module only', () => {
    const registering = allSources.filter((file) => /ipcMain\.(handle|on|once|handleOnce)\(/.test(readFileSync(join(root, file), 'utf8')));
    expect(registering).toEqual(['electron/hosts/electron/ipc.ts']);
  });

  it('keeps the desktop window sandboxed with context isolation and no Node integration', () => {
    const main = readFileSync(join(root, 'electron/hosts/electron/main.ts'), 'utf8');
    expect(main).toMatch(/contextIsolation: true/);
    expect(main).toMatch(/sandbox: true/);
    expect(main).toMatch(/nodeIntegration: false/);
    expect(main).toMatch(/Content-Security-Policy/);
  });
});

describe('the Electron sender check', () => {
  it("trusts only the app's own top-level frame", () => {
    expect(isTrustedSender('courier://app/inbox', true)).toBe(true);
    expect(isTrustedSender('courier://app/inbox', false)).toBe(false);
    expect(isTrustedSender('https://evil.example/', true)).toBe(false);
    expect(isTrustedSender('file:///etc/passwd', true)).toBe(false);
    expect(isTrustedSender('courier://app.evil/x', true)).toBe(false);
    expect(isTrustedSender('not a url', true)).toBe(false);
    expect(isTrustedSender(undefined, true)).toBe(false);
  });
});
