// Every dashboard the Helm chart and docker-compose ship is a Grafana dashboard by Grafana's own schema; and the
// check refuses what Grafana's schema refuses (else it would prove nothing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkDashboard } from '../lib/check.mjs';

const DASHBOARDS = resolve(import.meta.dirname, '..', '..', '..', 'helm', 'mqtt-platform', 'dashboards');
const WORK = resolve(import.meta.dirname, '..', 'target', 'broken');

for (const name of readdirSync(DASHBOARDS).filter((f) => f.endsWith('.json'))) {
  test(`${name} satisfies Grafana's Dashboard schema`, () => {
    const result = checkDashboard(join(DASHBOARDS, name));
    assert.ok(result.ok, result.errors);
  });
}

function broken(name, change) {
  mkdirSync(WORK, { recursive: true });
  const dashboard = JSON.parse(readFileSync(join(DASHBOARDS, 'mqtt-broker.json'), 'utf8'));
  change(dashboard);
  const file = join(WORK, `${name}.json`);
  writeFileSync(file, JSON.stringify(dashboard));
  return checkDashboard(file);
}

test('a panel field Grafana does not know is refused, by name', () => {
  const result = broken('unknown-field', (d) => { d.panels[0].gridPoss = d.panels[0].gridPos; });
  assert.equal(result.ok, false);
  assert.match(result.errors, /'"gridPoss"' does not exist/);
});

test('a value of the wrong type is refused', () => {
  const result = broken('wrong-type', (d) => { d.panels[0].type = 5; });
  assert.equal(result.ok, false);
  assert.match(result.errors, /Type 'number' is not assignable to type 'string'/);
});

test('a value outside one of Grafana\'s enums is refused', () => {
  const result = broken('bad-enum', (d) => { d.graphTooltip = 'shared'; });
  assert.equal(result.ok, false);
  assert.match(result.errors, /graphTooltip|not assignable/);
});
