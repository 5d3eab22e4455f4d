import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError, invalidInput } from '../errors/app-error.ts';
import { describeError } from './servers.ts';

/** What a demo writes into its folder; nothing else there is touched, by generate or by drop. */
export const DEMO_ENTRIES = [
  'register',
  'systems',
  'spreadsheets',
  'casenotes.sqlite',
  'casenotes.sqlite-journal',
  'ground-truth.jsonl',
  'manifest.json',
  '.env.demo',
] as const;

export const DEMO_PATHS = {
  register: 'register',
  systems: 'systems',
  spreadsheets: 'spreadsheets',
  casenotes: 'casenotes.sqlite',
  groundTruth: 'ground-truth.jsonl',
  manifest: 'manifest.json',
  env: '.env.demo',
} as const;

/** Makes the folder if need be and checks it can be written; says so clearly when it cannot. */
export async function prepareFolder(out: string): Promise<{ created: boolean }> {
  let created = false;
  try {
    const stat = await fs.stat(out).catch(() => undefined);
    if (stat !== undefined && !stat.isDirectory())
      throw invalidInput('--out', `${out} is a file, not a folder`);
    if (stat === undefined) {
      await fs.mkdir(out, { recursive: true });
      created = true;
    }
    await fs.access(out, fs.constants.W_OK);
    // Root passes access checks on read-only mounts; writing a file is the only sure test.
    const probe = path.join(out, `.custodian-demo-${String(process.pid)}`);
    await fs.writeFile(probe, '');
    await fs.rm(probe);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalidInput('--out', `cannot write to ${out}: ${describeFsError(error)}`);
  }
  return { created };
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'part of the path is a file, not a folder';
  if (code === 'EROFS') return 'the file system is read-only';
  if (code === 'ENOSPC') return 'the disk is full';
  return describeError(error);
}

/** The demo's entries already in the folder. */
export async function existingEntries(out: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of DEMO_ENTRIES) {
    const exists = await fs
      .lstat(path.join(out, entry))
      .then(() => true)
      .catch(() => false);
    if (exists) found.push(entry);
  }
  return found;
}

export async function removeEntries(out: string): Promise<string[]> {
  const removed = await existingEntries(out);
  for (const entry of removed) await fs.rm(path.join(out, entry), { recursive: true, force: true });
  return removed;
}

/** The name of the demo whose manifest is in the folder, if there is one that can be read. */
export async function manifestName(out: string): Promise<string | undefined> {
  try {
    const manifest = JSON.parse(await fs.readFile(path.join(out, DEMO_PATHS.manifest), 'utf8')) as unknown;
    const name = (manifest as { name?: unknown }).name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

/** Refuses to act on a folder that holds another demo, whose databases would be left behind. */
export async function checkFolderHolds(out: string, name: string): Promise<void> {
  const held = await manifestName(out);
  if (held !== undefined && held !== name)
    throw new AppError(
      'conflict',
      `${out} holds the demo named ${held}, not ${name}: give --name ${held}, or choose another folder`,
    );
}
