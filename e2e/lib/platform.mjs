// The platform started exactly as `make run` starts it (scripts/run.sh with the packaged artifacts), on free ports and
// with its own run folder and data folder, so that a developer's own `make run` is never disturbed. The e2e suite
// starts all of it; the web UI's browser tests (web-ui/e2e/stack.mjs) start some components with settings of their own.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePorts, until } from './wait.mjs';

export { until };

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const OUTPUT = resolve(import.meta.dirname, '..', 'target');

/**
 * Starts scripts/run.sh and waits until it prints its URLs.
 * @param output     folder for the run folder (logs, pid files, broker data) and the launcher's own log
 * @param components RUN_COMPONENTS: the components to start (default all four)
 * @param env        further settings for the components (environment variables), or a function of the ports that
 *                   gives them (for a setting that names a port, such as a bridge to the broker itself)
 */
export async function startPlatform({ output = OUTPUT, components, env: settings = {} } = {}) {
  const runDir = join(output, 'run');
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const [mqtt, ws, health, gateway, metrics, ui] = await freePorts(6);
  const ports = { mqtt, ws, health, gateway, metrics, ui };
  const env = {
    ...process.env, RUN_DIR: runDir, MQTT_PORT: String(ports.mqtt), MQTT_WS_PORT: String(ports.ws),
    HEALTH_PORT: String(ports.health), GATEWAY_PORT: String(ports.gateway), SYS_METRICS_PORT: String(ports.metrics), WEB_UI_PORT: String(ports.ui),
    SYS_INTERVAL: '1', ...(components ? { RUN_COMPONENTS: components.join(' ') } : {}),
    ...(typeof settings === 'function' ? settings(ports) : settings),
  };
  const log = join(output, 'make-run.log');
  const launcher = spawn('scripts/run.sh', [], { cwd: ROOT, env, stdio: ['ignore', openSync(log, 'w'), openSync(log, 'a')] });
  const began = Date.now();
  // a launcher that gives up fails the start at once, with what it printed
  const gaveUp = new Promise((_, fail) => launcher.once('exit', (code) => fail(new Error(`scripts/run.sh exited ${code}: ${readFileSync(log, 'utf8')}`))));
  await Promise.race([
    until('make run to print its URLs', () => readFileSync(log, 'utf8').includes('Press Ctrl-C'), 180_000),
    gaveUp,
  ]).catch((error) => {
    launcher.kill('SIGTERM'); // run.sh stops whatever it had started
    throw error;
  });
  const platform = {
    ports,
    startedInMs: Date.now() - began,
    gateway: `http://127.0.0.1:${ports.gateway}`,
    metrics: `http://127.0.0.1:${ports.metrics}`,
    ui: `http://127.0.0.1:${ports.ui}`,
    log: () => readFileSync(log, 'utf8'),
    /** A component's own log (run.sh appends to it when it starts the component again). */
    componentLog: (name) => readFileSync(join(runDir, 'logs', `${name}.log`), 'utf8'),
    pid: (name) => Number(readFileSync(join(runDir, `${name}.pid`), 'utf8').trim()),
    stop: async () => {
      const exited = new Promise((r) => (launcher.exitCode !== null ? r() : launcher.once('exit', r)));
      execFileSync('scripts/stop.sh', { cwd: ROOT, env });
      await exited;
    },
  };
  return platform;
}

/** Runs a command-line client and returns its output (fails on a non-zero exit). */
export function run(command, args, timeoutMs = 20_000) {
  return execFileSync(command, args, { timeout: timeoutMs, encoding: 'utf8' });
}

/** Starts a long-running client; collects its standard output. */
export function background(command, args) {
  const child = spawn(command, args);
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  return { child, output: () => output, stop: () => child.kill('SIGTERM') };
}
