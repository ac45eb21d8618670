// Topic tree view: every level a disclosure (keyboard-operable <details>), with message counts and last values.

import { sortedChildren, type TopicTree, type TreeNode } from '../lib/topicTree';
import { byId, el } from './dom';

export class TopicsView {
  private readonly container = byId('topic-tree');
  private readonly open = new Set<string>();
  private scheduled = false;

  constructor(private readonly tree: TopicTree) {
    this.container.addEventListener('toggle', (event) => {
      const details = event.target as HTMLDetailsElement;
      const path = details.dataset.path ?? '';
      if (details.open) this.open.add(path);
      else this.open.delete(path);
    }, true);
  }

  /** Redraws at most once per animation frame, however many messages arrive. */
  refresh(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      const top = sortedChildren(this.tree.root);
      byId('topic-count').textContent = `${this.tree.topicCount()} topics, ${this.tree.root.total} messages`;
      this.container.replaceChildren(...(top.length ? [el('ul', {}, ...top.map((n) => this.item(n)))] : [
        el('p', { class: 'empty' }, 'No messages yet: subscribe in the Live view.')]));
    });
  }

  private item(node: TreeNode): HTMLLIElement {
    const label = el('span', { class: 'node' },
      el('span', { class: 'name' }, node.name === '' ? '(empty level)' : node.name), ' ',
      el('span', { class: 'badge' }, `${node.total} msg`),
      node.last !== undefined ? el('span', { class: 'last', title: node.path }, ` = ${node.last}`) : null);
    const children = sortedChildren(node);
    if (children.length === 0) {
      return el('li', { 'data-path': node.path }, label);
    }
    const details = el('details', { 'data-path': node.path, open: this.open.has(node.path) },
      el('summary', {}, label), el('ul', {}, ...children.map((c) => this.item(c))));
    return el('li', {}, details);
  }
}
