// The overview's topic tree: levels as keyboard-operable <details>, collapsed at first and drawn only when opened (a
// broker with 10,000 topics draws its first level, not 10,000 rows), each with its topic and message counts; a topic
// links to its page. Typing in the search box lists the matching topics instead.

import { preview } from '../lib/payload';
import { last, sortedChildren, type TopicTree, type TreeNode } from '../lib/topicTree';
import { byId, el, oncePerFrame } from './dom';

/** Rows drawn under one level, and search results shown, at most (the rest: refine the search). */
const MAX_ROWS = 500;

export class TreeView {
  private readonly container = byId('topic-tree');
  private readonly search = byId<HTMLInputElement>('topic-search');
  private readonly open = new Set<string>();

  /**
   * @param link     the address of a topic's page
   * @param onSelect called when a topic is chosen
   * @param onSearch called with the search text as the user types
   */
  constructor(
    private readonly tree: TopicTree,
    private readonly link: (topic: string) => string,
    private readonly onSelect: (topic: string) => void,
    private readonly onSearch: (text: string) => void,
  ) {
    this.container.addEventListener('toggle', (event) => {
      const details = event.target as HTMLDetailsElement;
      const path = details.dataset.path ?? '';
      if (details.open === this.open.has(path)) return;
      if (details.open) this.open.add(path);
      else this.open.delete(path);
      this.refresh();
    }, true);
    this.container.addEventListener('click', (event) => {
      const anchor = (event.target as HTMLElement).closest('a[data-topic]') as HTMLAnchorElement | null;
      if (anchor && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
        event.preventDefault();
        this.onSelect(anchor.dataset.topic ?? '');
      }
    });
    this.search.addEventListener('input', () => {
      this.onSearch(this.search.value);
      this.refresh();
    });
  }

  setSearch(text: string): void {
    this.search.value = text;
    this.refresh();
  }

  /** Redraws at most once per animation frame, however many messages arrive. */
  readonly refresh = oncePerFrame(() => this.draw());

  private draw(): void {
    const count = this.tree.topicCount();
    byId('topic-count').textContent = `${count} ${count === 1 ? 'topic' : 'topics'}, ${this.tree.root.total} messages`;
    const query = this.search.value.trim();
    if (query !== '') {
      const found = this.tree.search(query, MAX_ROWS);
      const more = found.matched > found.topics.length ? ` (the first ${found.topics.length} shown: refine the search)` : '';
      this.container.replaceChildren(
        el('p', { class: 'notice', id: 'topic-search-count' }, `${found.matched} matching ${found.matched === 1 ? 'topic' : 'topics'}${more}`),
        el('ul', { class: 'flat' }, ...found.topics.map((n) => el('li', {}, this.topicLink(n, n.path)))));
      return;
    }
    const top = sortedChildren(this.tree.root);
    this.container.replaceChildren(top.length
      ? el('ul', {}, ...this.rows(top))
      : el('p', { class: 'empty' }, 'No topics yet: nothing retained that this key may read, and nothing published since the page opened.'));
  }

  private rows(nodes: TreeNode[]): HTMLLIElement[] {
    const rows = nodes.slice(0, MAX_ROWS).map((n) => this.item(n));
    if (nodes.length > MAX_ROWS) {
      rows.push(el('li', { class: 'notice' }, `${nodes.length - MAX_ROWS} more: use Find a topic`));
    }
    return rows;
  }

  private item(node: TreeNode): HTMLLIElement {
    const name = node.name === '' ? '(empty level)' : node.name;
    if (node.children.size === 0) {
      return el('li', { 'data-path': node.path }, this.topicLink(node, name));
    }
    const open = this.open.has(node.path);
    const label = el('span', { class: 'node' },
      node.count > 0 ? this.topicLink(node, name) : el('span', { class: 'name' }, name), ' ',
      el('span', { class: 'badge' }, `${node.topics} ${node.topics === 1 ? 'topic' : 'topics'}`), ' ',
      el('span', { class: 'badge' }, `${node.total} msg`));
    // Children are drawn only while open.
    const details = el('details', { 'data-path': node.path, open },
      el('summary', {}, label), open ? el('ul', {}, ...this.rows(sortedChildren(node))) : null);
    return el('li', {}, details);
  }

  private topicLink(node: TreeNode, text: string): HTMLElement {
    const message = last(node);
    return el('span', { class: 'node' },
      el('a', { href: this.link(node.path), 'data-topic': node.path, class: 'name' }, text), ' ',
      node.retained ? el('span', { class: 'badge retained' }, 'retained') : null,
      message !== undefined ? el('span', { class: 'last', title: node.path }, ` = ${preview(message.payload, message.encoding)}`) : null);
  }
}
