// Wires the page: one live connection to the gateway. The overview's topic tree is filled from the retained messages
// the key may read and kept live by subscribing to the same filters; the Live view shows the user's own filters; the
// broker's $SYS tree feeds the overview's cards and charts. An admin key also sees the broker's clients (the Clients
// view, a client's page, a topic's subscribers). The address holds the view, topic, search, filters and client.

import './styles.css';
import { BrokerStats } from './lib/brokerStats';
import { fetchAccess, fetchRetained, LiveConnection, type ServerFrame, type Status } from './lib/gateway';
import { readState, writeState, type PageState, type View } from './lib/location';
import { matches } from './lib/topics';
import { TopicTree } from './lib/topicTree';
import { BrokerView } from './views/broker';
import { ClientView } from './views/client';
import { ClientsView } from './views/clients';
import { byId } from './views/dom';
import { LiveView } from './views/live';
import { PublishView } from './views/publish';
import { SubscribersView } from './views/subscribers';
import { TopicView } from './views/topic';
import { TreeView } from './views/tree';

const SYS_FILTER = '$SYS/broker/#';
const KEY_STORAGE = 'mqtt-platform.api-key';

const state: PageState = readState(window.location.hash);
const userFilters = new Set<string>(state.filters);
/** The filters that feed the topic tree: what the key may subscribe to, $ topics aside. */
let treeFilters: string[] = [];
/** Filters the gateway confirmed (a 'subscribed' frame) since the connection opened. */
const confirmed = new Set<string>();
const tree = new TopicTree();
const stats = new BrokerStats();
let apiKey = sessionStorage.getItem(KEY_STORAGE) ?? '';

/** Puts the page's state in the address (replacing it: the back button leaves the page, as before). */
function saveState(): void {
  state.filters = [...userFilters];
  window.history.replaceState(null, '', writeState(state));
}
const topicLink = (topic: string) => writeState({ ...state, filters: [...userFilters], view: 'topic', topic });
const clientLink = (client: string) => writeState({ ...state, filters: [...userFilters], view: 'clients', client });

const brokerView = new BrokerView(stats);
const treeView = new TreeView(tree, topicLink, (topic) => openTopic(topic), (text) => {
  state.q = text;
  saveState();
});
const topicView = new TopicView(tree, () => apiKey, (field) => {
  state.field = field;
  saveState();
}, () => treeView.refresh());
const liveView = new LiveView(
  (filter) => {
    userFilters.add(filter);
    connection.subscribe([filter]);
    liveView.showFilters([...userFilters], confirmed);
    saveState();
  },
  (filter) => {
    userFilters.delete(filter);
    if (filter !== SYS_FILTER && !treeFilters.includes(filter)) connection.unsubscribe([filter]);
    liveView.showFilters([...userFilters], confirmed);
    saveState();
  },
);
new PublishView(() => apiKey);
const clientsView = new ClientsView(() => apiKey, clientLink, (filter, sort) => {
  state.clientQ = filter;
  state.sort = sort;
  saveState();
});
const clientView = new ClientView(() => apiKey, clientLink);
const subscribersView = new SubscribersView(() => apiKey, clientLink);

/** Shows the parts for operating the broker (Clients, subscribers) only to a key that may (`admin`). */
function setAdmin(admin: boolean): void {
  document.querySelectorAll<HTMLElement>('.admin-only').forEach((element) => { element.hidden = !admin; });
  clientsView.setAdmin(admin);
  clientView.setAdmin(admin);
}

function onFrame(frame: ServerFrame): void {
  switch (frame.type) {
    case 'message': {
      if (stats.update(frame.topic, frame.payload, Date.parse(frame.receivedAt) || Date.now())) {
        brokerView.refresh();
      }
      if (treeFilters.some((f) => matches(f, frame.topic))) {
        tree.add(frame.topic, { payload: frame.payload, encoding: frame.encoding, qos: frame.qos, at: Date.now(), retained: frame.retain });
        treeView.refresh();
        if (frame.topic === topicView.shownTopic) topicView.refresh();
      }
      if ([...userFilters].some((f) => matches(f, frame.topic))) {
        liveView.add(frame);
      }
      break;
    }
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
    void loadTopics();
  }
}

/** The broker publishes $SYS values when they change; the current ones are its retained messages. */
function loadBrokerValues(): void {
  fetchRetained(SYS_FILTER, apiKey)
    .then(({ messages }) => {
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

/**
 * Fills the tree with the retained messages of every filter the key may subscribe to, and subscribes to them: the
 * tree then shows what the broker holds at once, and stays live.
 */
async function loadTopics(): Promise<void> {
  const notice = byId('topic-notice');
  try {
    const access = await fetchAccess(apiKey);
    setAdmin(access.admin === true);
    if (!access.subscribe.some((f) => matches(f, '$SYS/broker/uptime'))) {
      brokerView.notReadable('not readable with this API key (it may not subscribe to $SYS/#)');
    }
    const filters = access.subscribe.filter((f) => !f.startsWith('$'));
    const added = filters.filter((f) => !treeFilters.includes(f));
    treeFilters = filters;
    if (added.length > 0) connection.subscribe(added);
    const cut: string[] = [];
    for (const filter of filters) {
      const { messages, truncated } = await fetchRetained(filter, apiKey);
      const now = Date.now();
      for (const m of messages) {
        const node = tree.find(m.topic);
        // Already known (e.g. after a reconnect, or live messages came before this read): the last value is what
        // the tree has last, but the broker holds a retained value for the topic all the same.
        if (!node || node.history.length === 0) {
          tree.add(m.topic, { payload: m.payload, encoding: m.encoding, qos: m.qos, at: now, retained: true });
        } else {
          tree.markRetained(m.topic);
        }
      }
      if (truncated) cut.push(filter);
    }
    notice.textContent = cut.length
      ? `The gateway returns at most a limited number of retained messages per read (GATEWAY_RETAINED_MAX_MESSAGES): ${cut.join(', ')} has more than shown; the others appear when they change.`
      : `Topics this key may read: ${filters.join(', ') || 'none'}.`;
    treeView.refresh();
    topicView.refresh();
  } catch (e) {
    notice.textContent = `The topics could not be read: ${String(e)}`;
  }
}

const connection = new LiveConnection(() => apiKey, onFrame, onStatus);
connection.subscribe([SYS_FILTER, ...userFilters]);
connection.open();
liveView.showFilters([...userFilters], confirmed);

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
  state.view = tab.id.replace('tab-', '') as View;
  saveState();
  if (state.view === 'overview') {
    brokerView.refresh();
    treeView.refresh();
  }
  if (state.view === 'topic') {
    topicView.show(state.topic, state.field);
    subscribersView.show(state.topic);
  }
  // The Clients view is the list, or one client's page; whichever is not shown stops asking the gateway.
  const showClient = state.view === 'clients' && state.client !== '';
  if (state.view === 'clients' && !showClient) clientsView.show(state.clientQ, state.sort);
  else clientsView.hide();
  if (showClient) clientView.show(state.client);
  else clientView.hide();
}
function openTopic(topic: string): void {
  state.topic = topic;
  state.field = '';
  select(byId<HTMLButtonElement>('tab-topic'));
}
/** A client's page; '' the list of clients. */
function openClient(client: string): void {
  state.client = client;
  select(byId<HTMLButtonElement>('tab-clients'));
}
// Client links (the list, a topic's subscribers) open the page in place; with a modifier key, as the browser does.
document.addEventListener('click', (event) => {
  const anchor = (event.target as HTMLElement).closest('a[data-client], #client-back') as HTMLAnchorElement | null;
  if (anchor && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
    event.preventDefault();
    openClient(anchor.dataset.client ?? '');
  }
});
tabs.forEach((tab) => {
  tab.addEventListener('click', () => {
    if (tab.id === 'tab-clients') state.client = ''; // the tab is the way back to the list
    select(tab);
  });
  tab.addEventListener('keydown', (event) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step !== 0) {
      const shown = tabs.filter((t) => !t.hidden); // the Clients tab only for an admin key
      const next = shown[(shown.indexOf(tab) + step + shown.length) % shown.length];
      select(next);
      next.focus();
    }
  });
});
// A link pasted into the address bar of an open page.
window.addEventListener('hashchange', () => {
  Object.assign(state, readState(window.location.hash));
  treeView.setSearch(state.q);
  select(byId<HTMLButtonElement>(`tab-${state.view}`));
});
treeView.setSearch(state.q);
select(byId<HTMLButtonElement>(`tab-${state.view}`));
