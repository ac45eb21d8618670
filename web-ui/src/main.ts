// Wires the page: one live connection to the gateway; messages matching the user's filters go to the Live list and
// the topic tree, the broker's $SYS tree to the Broker view.

import './styles.css';
import { BrokerStats } from './lib/brokerStats';
import { fetchRetained, LiveConnection, type ServerFrame, type Status } from './lib/gateway';
import { preview } from './lib/payload';
import { matches } from './lib/topics';
import { TopicTree } from './lib/topicTree';
import { BrokerView } from './views/broker';
import { byId } from './views/dom';
import { LiveView } from './views/live';
import { PublishView } from './views/publish';
import { TopicsView } from './views/topics';

const SYS_FILTER = '$SYS/broker/#';
const KEY_STORAGE = 'mqtt-platform.api-key';

const userFilters = new Set<string>();
/** Filters the gateway confirmed (a 'subscribed' frame) since the connection opened. */
const confirmed = new Set<string>();
const tree = new TopicTree();
const stats = new BrokerStats();
let apiKey = sessionStorage.getItem(KEY_STORAGE) ?? '';

const topicsView = new TopicsView(tree);
const brokerView = new BrokerView(stats);
const liveView = new LiveView(
  (filter) => {
    userFilters.add(filter);
    connection.subscribe([filter]);
    liveView.showFilters([...userFilters], confirmed);
  },
  (filter) => {
    userFilters.delete(filter);
    if (filter !== SYS_FILTER) connection.unsubscribe([filter]);
    liveView.showFilters([...userFilters], confirmed);
  },
);
new PublishView(() => apiKey);

function onFrame(frame: ServerFrame): void {
  switch (frame.type) {
    case 'message':
      if (stats.update(frame.topic, frame.payload, Date.parse(frame.receivedAt) || Date.now())) {
        brokerView.refresh();
      }
      if ([...userFilters].some((f) => matches(f, frame.topic))) {
        liveView.add(frame);
        tree.add(frame.topic, preview(frame.payload, frame.encoding), Date.now());
        topicsView.refresh();
      }
      break;
    case 'subscribed':
      frame.filters.forEach((f) => confirmed.add(f));
      liveView.showFilters([...userFilters], confirmed);
      break;
    case 'dropped':
      liveView.droppedByGateway(frame.count);
      break;
    case 'error':
      byId('subscribe-error').textContent = `The gateway refused (${frame.status}): ${frame.detail}`;
      break;
    default:
      break;
  }
}

function onStatus(status: Status, detail: string): void {
  const element = byId('connection-status');
  element.dataset.status = status;
  element.textContent = detail;
  if (status !== 'connected') {
    confirmed.clear(); // subscribed again once the connection is back
    liveView.showFilters([...userFilters], confirmed);
  } else {
    loadBrokerValues();
  }
}

/** The broker publishes $SYS values when they change; the current ones are its retained messages. */
function loadBrokerValues(): void {
  fetchRetained(SYS_FILTER, apiKey)
    .then((messages) => {
      const now = Date.now();
      for (const m of messages) {
        if (m.encoding === 'utf-8') stats.update(m.topic, m.payload, now);
      }
      brokerView.refresh();
    })
    .catch(() => {
      // the live stream fills the values in as they change
    });
}

const connection = new LiveConnection(() => apiKey, onFrame, onStatus);
connection.subscribe([SYS_FILTER]);
connection.open();

byId<HTMLFormElement>('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  apiKey = byId<HTMLInputElement>('api-key').value.trim();
  if (apiKey) sessionStorage.setItem(KEY_STORAGE, apiKey);
  else sessionStorage.removeItem(KEY_STORAGE);
  connection.open();
});
byId<HTMLInputElement>('api-key').value = apiKey;

// Tabs: one view at a time; arrow keys move between tabs as in the WAI-ARIA tabs pattern.
const tabs = Array.from(document.querySelectorAll<HTMLButtonElement>('[role="tab"]'));
function select(tab: HTMLButtonElement): void {
  for (const t of tabs) {
    const selected = t === tab;
    t.setAttribute('aria-selected', String(selected));
    t.tabIndex = selected ? 0 : -1;
    byId(t.getAttribute('aria-controls') ?? '').hidden = !selected;
  }
  if (tab.id === 'tab-broker') brokerView.refresh();
  if (tab.id === 'tab-topics') topicsView.refresh();
}
tabs.forEach((tab, i) => {
  tab.addEventListener('click', () => select(tab));
  tab.addEventListener('keydown', (event) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step !== 0) {
      const next = tabs[(i + step + tabs.length) % tabs.length];
      select(next);
      next.focus();
    }
  });
});
select(tabs[0]);
topicsView.refresh();
