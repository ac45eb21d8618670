// What the address says, so that a view can be shared as a link: #view=topic&topic=lab/r1/temp&q=temp&filter=lab/%23
// (view, selected topic, the tree's search text, the Live view's filters, the plotted field).

export type View = 'overview' | 'topic' | 'live' | 'publish';

export interface PageState {
  view: View;
  topic: string;
  /** The topic tree's search text. */
  q: string;
  /** The Live view's subscriptions. */
  filters: string[];
  /** The field plotted on the topic's page. */
  field: string;
}

const VIEWS: View[] = ['overview', 'topic', 'live', 'publish'];

export function readState(hash: string): PageState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const view = params.get('view') as View | null;
  return {
    view: view && VIEWS.includes(view) ? view : 'overview',
    topic: params.get('topic') ?? '',
    q: params.get('q') ?? '',
    filters: params.getAll('filter'),
    field: params.get('field') ?? '',
  };
}

export function writeState(state: PageState): string {
  const params = new URLSearchParams();
  params.set('view', state.view);
  if (state.topic) params.set('topic', state.topic);
  if (state.q) params.set('q', state.q);
  state.filters.forEach((f) => params.append('filter', f));
  if (state.field) params.set('field', state.field);
  return `#${params.toString()}`;
}
