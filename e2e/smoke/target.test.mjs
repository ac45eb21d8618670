// The smoke checks (lib/smoke.mjs) against a platform that is already running, reached by the URLs in the environment:
//   node --test e2e/smoke/target.test.mjs
// with SMOKE_GATEWAY, SMOKE_UI, SMOKE_METRICS (sys-metrics-service's /metrics URL) and SMOKE_MQTT_PORT required;
// SMOKE_MQTT_HOST (default 127.0.0.1), SMOKE_HEALTH (the broker's …/api/v1/health), SMOKE_PROMETHEUS, and for a secured
// platform SMOKE_API_KEY with SMOKE_MQTT_USERNAME and SMOKE_MQTT_PASSWORD optional. images/compose-test.sh and
// images/kube-play-test.sh run it; the e2e suite runs the same checks against `make run`.
import { registerSmokeTests } from '../lib/smoke.mjs';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the smoke checks need it (see the head of e2e/smoke/target.test.mjs)`);
  return value;
}

const env = process.env;
const target = {
  gateway: required('SMOKE_GATEWAY'),
  ui: required('SMOKE_UI'),
  metrics: required('SMOKE_METRICS'),
  health: env.SMOKE_HEALTH,
  prometheus: env.SMOKE_PROMETHEUS,
  apiKey: env.SMOKE_API_KEY,
  mqtt: {
    host: env.SMOKE_MQTT_HOST || '127.0.0.1',
    port: Number(required('SMOKE_MQTT_PORT')),
    username: env.SMOKE_MQTT_USERNAME,
    password: env.SMOKE_MQTT_PASSWORD,
  },
};

registerSmokeTests(() => target, {
  health: Boolean(target.health),
  prometheus: Boolean(target.prometheus),
  secured: Boolean(target.apiKey),
});
