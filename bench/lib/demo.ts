/**
 * The synthetic organisation a benchmark runs on: an existing demo folder, or one generated for
 * the run under a unique name (so it never touches another demo) and dropped afterwards. The
 * generator runs as its own process, so that its memory is not counted as the benchmark's.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CRM_URL_ENV, HOUSING_URL_ENV } from '../../src/demo/annotation-files.ts';
import { DEMO_PATHS } from '../../src/demo/demo-files.ts';
import type { DemoManifest } from '../../src/demo/generate-demo.ts';
import type { BaselineSources } from './baseline.ts';

const CLI = path.resolve(import.meta.dirname, '..', '..', 'bin', 'custodian.js');

export interface Demo {
  dir: string;
  manifest: DemoManifest;
  /** The variables of `.env.demo`: the two databases' URLs. */
  env: Record<string, string>;
  /** Set when this run made the demo: the folder made for it, and how long generating took. */
  generated?: { root: string; seconds: number };
}

/** Runs the `custodian` command; its progress goes to this process's stderr, its output is returned. */
function custodian(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else
        reject(
          new Error(`custodian ${args.slice(0, 2).join(' ')} ended with exit status ${String(code)}\n${out}`),
        );
    });
  });
}

/** `KEY=value` lines; comments and blank lines skipped, surrounding quotes removed. */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match?.[1] === undefined || match[2] === undefined) continue;
    env[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
}

export async function openDemo(dir: string): Promise<Demo> {
  const read = (entry: string) =>
    fs.readFile(path.join(dir, entry), 'utf8').catch(() => {
      throw new Error(
        `${dir} does not hold a demo: its ${entry} cannot be read (make one with custodian demo generate)`,
      );
    });
  const manifest = JSON.parse(await read(DEMO_PATHS.manifest)) as DemoManifest;
  const env = parseEnvFile(await read(DEMO_PATHS.env));
  for (const name of [HOUSING_URL_ENV, CRM_URL_ENV]) {
    if (env[name] === undefined) throw new Error(`${path.join(dir, DEMO_PATHS.env)} does not set ${name}`);
  }
  return { dir: path.resolve(dir), manifest, env };
}

/** Generates a demo of `people` people in a new temporary folder, under a name no other demo has. */
export async function generateDemo(people: number, seed: number): Promise<Demo> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'custodian-bench-'));
  const dir = path.join(root, 'demo');
  const name = `bench_${Date.now().toString(36)}_${String(process.pid)}`;
  const start = performance.now();
  try {
    await custodian([
      'demo',
      'generate',
      '--people',
      String(people),
      '--seed',
      String(seed),
      '--out',
      dir,
      '--name',
      name,
    ]);
  } catch (error) {
    // The generator removes what it made when it fails; the folder made for it is ours.
    await fs.rm(root, { recursive: true, force: true });
    throw error;
  }
  const demo = await openDemo(dir);
  return { ...demo, generated: { root, seconds: (performance.now() - start) / 1000 } };
}

/** Drops a demo this run generated: its two databases, its files and the folder made for it. */
export async function dropDemo(demo: Demo): Promise<void> {
  if (demo.generated === undefined) return;
  await custodian(['demo', 'drop', '--name', demo.manifest.name, '--out', demo.dir]);
  await fs.rm(demo.generated.root, { recursive: true, force: true });
}

export function baselineSources(demo: Demo): BaselineSources {
  return {
    housingUrl: demo.env[HOUSING_URL_ENV] ?? '',
    crmUrl: demo.env[CRM_URL_ENV] ?? '',
    casenotesFile: path.join(demo.dir, DEMO_PATHS.casenotes),
    spreadsheetsFolder: path.join(demo.dir, DEMO_PATHS.spreadsheets),
  };
}
