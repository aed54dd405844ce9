// Starts the real mesh (`incidentmesh up`) in a temporary data directory on free ports, with the
// gateway serving frontend/dist, and stops it with SIGINT afterwards. Set E2E_BASE_URL and
// E2E_ADMIN_KEY to run the tests against a mesh that is already up instead.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const FRONTEND = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPO = resolve(FRONTEND, '..');
const START_TIMEOUT_MS = 540_000;
const SERVICES = ['LOG_ANALYZER', 'ROOT_CAUSE', 'KNOWLEDGE_BASE', 'ACTION_RECOMMENDER', 'INCIDENT_INTEGRATOR'];

async function freePorts(count: number): Promise<number[]> {
  // Hold every socket open until all are chosen so the ports are distinct.
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((done, fail) => {
          const server = createServer();
          server.once('error', fail);
          server.listen(0, '127.0.0.1', () => done(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  return ports;
}

function waitForUp(mesh: ChildProcess, output: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error('mesh did not come up:\n' + output.join(''))), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.join('').includes('Incident Mesh is up')) {
        clearTimeout(timer);
        done();
      }
    };
    mesh.stdout!.on('data', onData);
    mesh.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    mesh.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`mesh exited with code ${code} before it was up:\n${output.join('')}`));
    });
  });
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.E2E_BASE_URL && process.env.E2E_ADMIN_KEY) return async () => {};
  if (!existsSync(join(FRONTEND, 'dist', 'index.html'))) throw new Error('frontend/dist is missing: run `npm run build` first');
  const cli = join(REPO, '.venv', 'bin', 'incidentmesh');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run scripts/setup.sh first`);

  const dataDir = mkdtempSync(join(tmpdir(), 'mesh-e2e-'));
  // The last port stays closed: an allowed-but-dead root-cause address for the degraded-mode test.
  const ports = await freePorts(SERVICES.length * 2 + 2);
  const deadAddress = `127.0.0.1:${ports[ports.length - 1]}`;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    MESH_DATA_DIR: dataDir,
    GATEWAY_STATIC_DIR: join(FRONTEND, 'dist'),
    GATEWAY_PORT: String(ports[ports.length - 2]),
    GATEWAY_ROOT_CAUSE_ADDR_ALLOWED: deadAddress,
  };
  SERVICES.forEach((name, i) => {
    env[`${name}_PORT`] = String(ports[2 * i]);
    env[`${name}_METRICS_PORT`] = String(ports[2 * i + 1]);
    env[`GATEWAY_${name}_ADDR`] = `127.0.0.1:${ports[2 * i]}`;
  });

  const mesh = spawn(cli, ['up', '--ready-timeout', '500'], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const stop = async () => {
    if (mesh.exitCode === null && mesh.signalCode === null) {
      // SIGINT lets the supervisor stop every service it started; SIGKILL only if it hangs.
      const exited = new Promise((done) => mesh.once('exit', done));
      mesh.kill('SIGINT');
      const timeout = setTimeout(() => mesh.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(timeout);
    }
    // The services' logs go with the screenshots, for whoever reads a failed run.
    if (existsSync(join(dataDir, 'logs')))
      cpSync(join(dataDir, 'logs'), join(FRONTEND, 'e2e-artifacts', 'mesh-logs'), { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForUp(mesh, output);
  } catch (error) {
    await stop();
    throw error;
  }
  process.env.E2E_BASE_URL = `http://127.0.0.1:${env.GATEWAY_PORT}`;
  process.env.E2E_ADMIN_KEY = readFileSync(join(dataDir, 'gateway', 'admin.key'), 'utf8').trim();
  process.env.E2E_MESH_LOGS = join(dataDir, 'logs');
  process.env.E2E_DEAD_ROOT_CAUSE_ADDR = deadAddress;

  return stop;
}
