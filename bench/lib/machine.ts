/** The machine a benchmark ran on, as its figures are printed beside it. */
import os from 'node:os';
import mysql from 'mysql2/promise';
import pg from 'pg';

export interface Machine {
  cpu: string;
  cpus: number;
  memoryGiB: number;
  node: string;
  os: string;
  postgres: string;
  mariadb: string;
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const result = await client.query<{ server_version: string }>('show server_version');
    return result.rows[0]?.server_version ?? 'unknown';
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function mariadbVersion(url: string): Promise<string> {
  const connection = await mysql.createConnection({ uri: url });
  try {
    const [rows] = await connection.query('select version() as version');
    return (rows as { version: string }[])[0]?.version ?? 'unknown';
  } finally {
    await connection.end().catch(() => undefined);
  }
}

export async function describeMachine(urls: { postgres: string; mysql: string }): Promise<Machine> {
  const cpus = os.cpus();
  const failed = (error: unknown) => `unknown (${error instanceof Error ? error.message : 'no answer'})`;
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cpus: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.platform()} ${os.release()}`,
    postgres: await postgresVersion(urls.postgres).catch(failed),
    mariadb: await mariadbVersion(urls.mysql).catch(failed),
  };
}

export function machineLine(machine: Machine): string {
  return (
    `machine: ${String(machine.cpus)} × ${machine.cpu}, ${String(machine.memoryGiB)} GiB, Node ${machine.node}, ` +
    `${machine.os}; PostgreSQL ${machine.postgres}, MariaDB ${machine.mariadb}`
  );
}
