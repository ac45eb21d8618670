// What the address says, so that a view can be shared as a link: #view=topic&topic=lab/r1/temp&q=temp&filter=lab/%23
// (view, selected topic, the tree's search text, the Live view's filters, the plotted field), and for the Clients
// view #view=clients&clientq=lab&sort=-since (its filter and sort) or #view=clients&client=sensor-7 (one client).

export type View = 'overview' | 'topic' | 'live' | 'publish' | 'clients';

export interface PageState {
  view: View;
  topic: string;
  /** The topic tree's search text. */
  q: string;
  /** The Live view's subscriptions. */
  filters: string[];
  /** The field plotted on the topic's page. */
  field: string;
  /** The client whose page the Clients view shows; empty: the list. */
  client: string;
  /** The client list's filter (a part of the id, address or user name). */
  clientQ: string;
  /** The client list's sort: a column, '-' first when descending (lib/clients.ts, readSort). */
  sort: string;
}

const VIEWS: View[] = ['overview', 'topic', 'live', 'publish', 'clients'];

export function readState(hash: string): PageState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const view = params.get('view') as View | null;
  return {
    view: view && VIEWS.includes(view) ? view : 'overview',
    topic: params.get('topic') ?? '',
    q: params.get('q') ?? '',
    filters: params.getAll('filter'),
    field: params.get('field') ?? '',
    client: params.get('client') ?? '',
    clientQ: params.get('clientq') ?? '',
    sort: params.get('sort') ?? '',
  };
}

export function writeState(state: PageState): string {
  const params = new URLSearchParams();
  params.set('view', state.view);
  if (state.topic) params.set('topic', state.topic);
  if (state.q) params.set('q', state.q);
  state.filters.forEach((f) => params.append('filter', f));
  if (state.field) params.set('field', state.field);
  if (state.client) params.set('client', state.client);
  if (state.clientQ) params.set('clientq', state.clientQ);
  if (state.sort) params.set('sort', state.sort);
  return `#${params.toString()}`;
}
